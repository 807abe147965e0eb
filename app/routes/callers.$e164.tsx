// One caller's page: /callers/+18003569377: their five numbers (with "Hear it"), first and
// latest call, how many, the text messages they asked for, and every call (with any numbers they
// keyed in to hear), newest first, 25 a page (?calls=<cursor> for older ones).
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { Fragment } from "react";
import { TimeAgo } from "~/components/CalledAt";
import { HearIt } from "~/components/HearIt";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { Notice } from "~/components/Notice";
import { VanityList } from "~/components/VanityList";
import { toCallerView, toMoment } from "~/lib/caller-view";
import { callerPath, formatPhoneNumber } from "~/lib/phone";
import { orFailWith } from "~/lib/failure.server";
import { findCaller } from "~/lib/find-caller.server";
import { requireSignedIn } from "~/lib/session.server";
import { spokenText } from "~/lib/speech.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.caller.phone} · Vanity numbers` : "Caller · Vanity numbers" },
];

const TEXT_STATUS = { outbox: "In the local outbox: not sent", sending: "Being sent", sent: "Sent" } as const;

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireSignedIn(request); // personal data: signed-in staff only
  const callsCursor = new URL(request.url).searchParams.get("calls");
  const found = await orFailWith("This caller could not be loaded.", () => findCaller(params.e164 ?? "", { callsCursor }));
  switch (found.kind) {
    case "invalid":
      throw json({ message: found.message }, { status: 400 });
    case "moved": // "18003569377" or "+1 (800) 356-9377": one address per caller
      return redirect(callerPath(found.e164), 301);
    case "unknown":
      throw json({ message: "This number has not called yet." }, { status: 404 });
    case "found": {
      const now = new Date();
      return json(
        {
          caller: toCallerView(found.caller, now),
          speech: spokenText(found.caller.vanity, found.caller.words),
          calls: found.calls.map((call) => ({
            key: `${call.calledAt}-${call.contactId}`,
            at: toMoment(call.calledAt, now),
            numbers: call.numbers,
            lookups: (call.lookups ?? []).map(formatPhoneNumber),
          })),
          texts: found.texts.map((text) => ({
            key: text.sentAt,
            at: toMoment(text.sentAt, now),
            body: text.body,
            status: TEXT_STATUS[text.status],
          })),
          olderCalls: found.cursor ? `?calls=${encodeURIComponent(found.cursor)}` : null,
          laterPage: Boolean(callsCursor),
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
  }
}

export default function CallerPage() {
  const { caller, speech, calls, texts, olderCalls, laterPage } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← Callers</Link>
      </p>
      <article className="card card--latest" aria-labelledby="caller-title">
        <header className="card__header">
          <h1 id="caller-title" className="card__title card__title--large phone">
            {caller.phone}
          </h1>
          <HearIt text={speech} />
        </header>
        <dl className="caller-facts">
          <div>
            <dt>Calls</dt>
            <dd>{caller.callCount}</dd>
          </div>
          <div>
            <dt>Latest call</dt>
            <dd>
              <TimeAgo moment={caller.latestCall} />
              <span className="called-at__absolute"> · {caller.latestCall.text}</span>
            </dd>
          </div>
          <div>
            <dt>First call</dt>
            <dd>{caller.firstCall.text}</dd>
          </div>
        </dl>
        <VanityList vanity={caller.vanity} label={`Vanity numbers for ${caller.phone}`} />
      </article>

      {texts.length > 0 ? (
        <section className="panel" aria-labelledby="texts-title">
          <h2 id="texts-title">Text messages</h2>
          <div className="table-scroll">
            <table className="table" aria-label={`Text messages to ${caller.phone}`}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Message</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {texts.map((text) => (
                  <tr key={text.key}>
                    <td>
                      {text.at.text} <span className="muted">({text.at.ago})</span>
                    </td>
                    <td className="text-message">
                      {/* Each vanity number kept on one line: they wrap between numbers, not at their dashes. */}
                      {text.body.split(/(?<=[:,]) /).map((part, i) => (
                        <Fragment key={i}>
                          <span className="nowrap">{part}</span>{" "}
                        </Fragment>
                      ))}
                    </td>
                    <td>{text.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="calls-title">
        <h2 id="calls-title">{laterPage ? "Earlier calls" : "Every call, newest first"}</h2>
        <div className="table-scroll">
          <table className="table" aria-label={`Calls from ${caller.phone}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What they heard</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.key}>
                  <td>
                    {call.at.text} <span className="muted">({call.at.ago})</span>
                  </td>
                  <td>
                    {call.numbers === "new" ? "Their numbers, made on this call" : "Their numbers again"}
                    {call.lookups.length > 0 ? <span className="muted">; and the numbers of {call.lookups.join(", ")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {olderCalls || laterPage ? (
          <nav className="pager" aria-label="Pages of calls">
            {laterPage ? (
              <Link className="button button--quiet" to=".">
                ← Newest calls
              </Link>
            ) : null}
            {olderCalls ? (
              <Link className="button button--quiet" to={olderCalls} rel="next">
                Older calls →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
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
        <Link to="/">← Callers</Link>
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
