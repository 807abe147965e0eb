// The dashboard: the last five callers, newest first, with their vanity numbers.
import { stage } from "../../src/config.js";
import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { CallerCard } from "~/components/CallerCard";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { Notice } from "~/components/Notice";
import { toCallerView } from "~/lib/caller-view";
import { orFailWith } from "~/lib/failure.server";
import { listRecentCallers } from "~/lib/callers.server";
import { requireSignedIn } from "~/lib/session.server";

const RECENT = 5;

export const meta: MetaFunction = () => [{ title: "Recent callers · Vanity numbers" }];

// Always fresh: a call can land at any moment.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request); // personal data: signed-in staff only
  const callers = await orFailWith("The recent callers could not be loaded.", () => listRecentCallers({ limit: RECENT }));
  const now = new Date();
  return json(
    {
      callers: callers.map((caller) => toCallerView(caller, now)),
      // Only a local sandbox has the invoker; on AWS the hint would point nowhere.
      local: stage() === "testing",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Dashboard() {
  const { callers, local } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-intro">
        <h1>Recent callers</h1>
        <p className="lede">
          The last five people who called, newest first, with the five vanity numbers each was given. The highlighted one is the best.
        </p>
      </div>
      {callers.length === 0 ? (
        <EmptyState local={local} />
      ) : (
        <ol className="callers" aria-label="Recent callers">
          {callers.map((caller, index) => (
            <li key={caller.e164}>
              <CallerCard caller={caller} latest={index === 0} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

// The smallest Connect event the local invoker accepts, for the empty state's example.
const SAMPLE_EVENT = JSON.stringify({ Details: { ContactData: { CustomerEndpoint: { Address: "+18003569377" } } } });

function EmptyState({ local }: { local: boolean }) {
  return (
    <Notice title="No callers yet">
      <p>
        Nobody has called the contact center yet, so there is nothing to show. Each caller appears here as soon as Amazon Connect has run
        the vanity-number Lambda for them.
      </p>
      {local ? (
        <>
          <p>
            To make a call locally, post a Connect event to the sandbox&apos;s invoker (port 3334, or <code>CONNECT_INVOKE_PORT</code>)
            while <code>npm run dev</code> runs, then reload this page:
          </p>
          <pre className="code">
            <code>{`curl localhost:3334 \\\n  -d '${SAMPLE_EVENT}'`}</code>
          </pre>
        </>
      ) : null}
      <p>
        Or <Link to="/try">try a number</Link> to see its vanity numbers without storing anything.
      </p>
    </Notice>
  );
}

export function ErrorBoundary() {
  // The loader logged the details; the page says what happened in words.
  const notConfigured = notConfiguredInfo(useRouteError());
  if (notConfigured) return <NotConfigured info={notConfigured} />;
  return (
    <>
      <h1>Recent callers</h1>
      <Notice title="We couldn't load the recent callers" tone="error">
        <p>The list of callers is not available right now. This is on our side, not yours.</p>
        <p>
          <Link to="/" reloadDocument>
            Try again
          </Link>{" "}
          or <Link to="/try">try a number</Link> in the meantime.
        </p>
      </Notice>
    </>
  );
}
