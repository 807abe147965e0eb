// Try any number: the five vanity numbers it would get, with nothing stored.
// A GET form, so results have an address and the page works without JavaScript.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { HearIt } from "~/components/HearIt";
import { VanityList } from "~/components/VanityList";
import { tryNumber } from "~/lib/try-number.server";

const EXAMPLES = ["+1 800 356 9377", "(206) 266-1000", "+44 20 7946 0958"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.result?.ok ? `${data.result.phone} · Try a number` : "Try a number · Vanity numbers" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const number = new URL(request.url).searchParams.get("number");
  if (number === null) return json({ number: "", result: null });
  const result = tryNumber(number);
  return json({ number, result }, { status: result.ok ? 200 : 400 });
}

export default function TryNumber() {
  const { number, result } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location.pathname === "/try";
  const error = result && !result.ok ? result.message : null;
  return (
    <>
      <div className="page-intro">
        <h1>Try a number</h1>
        <p className="lede">Enter any phone number to see the five vanity numbers a caller from it would get. Nothing is stored.</p>
      </div>
      <Form method="get" className="try-form" role="search" aria-label="Try a number">
        <label htmlFor="number" className="try-form__label">
          Phone number
        </label>
        <div className="try-form__row">
          <input
            id="number"
            name="number"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+1 800 356 9377"
            defaultValue={number}
            key={number} // a new search resets the field to what was searched
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "number-hint number-error" : "number-hint"}
            className="try-form__input"
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Finding…" : "Find vanity numbers"}
          </button>
        </div>
        <p id="number-hint" className="hint">
          With a country code (+44 …) or as a North American number: (800) 356-9377.
        </p>
        {error ? (
          <p id="number-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </Form>
      {result?.ok ? (
        <section className="card card--latest results" aria-labelledby="results-title">
          <header className="card__header">
            <h2 id="results-title" className="card__title">
              Vanity numbers for <span className="phone">{result.phone}</span>
            </h2>
            <HearIt text={result.speech} />
          </header>
          <VanityList
            vanity={result.vanity.map((v) => v.display)}
            words={result.vanity.map((v) => v.words)}
            explanations={result.vanity.map((v) => v.explanation)}
            label={`Vanity numbers for ${result.phone}`}
          />
        </section>
      ) : (
        <p className="examples">
          Examples:{" "}
          {EXAMPLES.map((example, index) => (
            <span key={example}>
              {index > 0 ? ", " : null}
              <Link to={`/try?number=${encodeURIComponent(example)}`}>{example}</Link>
            </span>
          ))}
        </p>
      )}
    </>
  );
}
