// One caller's page: /callers/+18003569377.
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { CalledAt } from "~/components/CalledAt";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { Notice } from "~/components/Notice";
import { VanityList } from "~/components/VanityList";
import { toCallerView } from "~/lib/caller-view";
import { callerPath } from "~/lib/phone";
import { orFailWith } from "~/lib/failure.server";
import { findCaller } from "~/lib/find-caller.server";
import { requireSignedIn } from "~/lib/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.caller.phone} · Vanity numbers` : "Caller · Vanity numbers" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireSignedIn(request); // personal data: signed-in staff only
  const found = await orFailWith("This caller could not be loaded.", () => findCaller(params.e164 ?? ""));
  switch (found.kind) {
    case "invalid":
      throw json({ message: found.message }, { status: 400 });
    case "moved": // "18003569377" or "+1 (800) 356-9377": one address per caller
      return redirect(callerPath(found.e164), 301);
    case "unknown":
      throw json({ message: "This number has not called yet." }, { status: 404 });
    case "found":
      return json({ caller: toCallerView(found.caller, new Date()) }, { headers: { "Cache-Control": "no-store" } });
  }
}

export default function CallerPage() {
  const { caller } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← Recent callers</Link>
      </p>
      <article className="card card--latest" aria-labelledby="caller-title">
        <header className="card__header">
          <h1 id="caller-title" className="card__title card__title--large phone">
            {caller.phone}
          </h1>
          <CalledAt caller={caller} />
        </header>
        <VanityList vanity={caller.vanity} label={`Vanity numbers for ${caller.phone}`} />
      </article>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { e164 = "" } = useParams();
  const notConfigured = notConfiguredInfo(error);
  if (notConfigured) return <NotConfigured info={notConfigured} />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) && typeof error.data?.message === "string" ? error.data.message : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← Recent callers</Link>
      </p>
      {status === 404 ? (
        <>
          <h1>Caller not found</h1>
          <Notice title={`No record of ${e164}`}>
            <p>{reason}</p>
            <p>
              <Link to={`/try?number=${encodeURIComponent(e164)}`}>See the vanity numbers for {e164}</Link> without storing anything, or go
              back to the <Link to="/">dashboard</Link>.
            </p>
          </Notice>
        </>
      ) : status === 400 ? (
        <>
          <h1>That is not a phone number</h1>
          <Notice title="This address has no valid phone number in it" tone="error">
            <p>{reason}</p>
            <p>
              Caller pages look like <code>/callers/+18003569377</code>. <Link to="/try">Try a number</Link> or go back to the{" "}
              <Link to="/">dashboard</Link>.
            </p>
          </Notice>
        </>
      ) : (
        <>
          <h1>Something went wrong</h1>
          <Notice title="We could not load this caller" tone="error">
            <p>This is on our side, not yours. Please try again in a moment.</p>
            <p>
              <Link to="/">Back to the dashboard</Link>
            </p>
          </Notice>
        </>
      )}
    </>
  );
}
