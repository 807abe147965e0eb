// The callers page (the dashboard): every caller by their latest call, newest first, 25 a page,
// with a search by number, a day range, a chart of the calls, and a CSV of the same view.
// Everything it shows is in the URL, so a view can be bookmarked or shared; with JavaScript on
// it refreshes itself every 15 seconds.
import { stage } from "../../src/config.js";
import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { CallerTable } from "~/components/CallerTable";
import { CallsChart } from "~/components/CallsChart";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { Notice } from "~/components/Notice";
import { Pager } from "~/components/Pager";
import { callsChart, chartPeriodLinks, chartRange, parseChartPeriod, type ChartPeriod } from "~/lib/call-chart";
import { filterQuery } from "~/lib/caller-filters";
import { parseCallerFilters } from "~/lib/caller-filters.server";
import { toCallerView } from "~/lib/caller-view";
import { listFilteredCallers } from "~/lib/caller-list.server";
import { callsByHour, type CallerPage } from "~/lib/callers.server";
import { orFailWith } from "~/lib/failure.server";
import { useLiveRefresh } from "~/lib/live-refresh";
import { formatPhoneNumber } from "~/lib/phone";
import { requireSignedIn } from "~/lib/session.server";
import chartStyles from "~/styles/chart.css";
import { mayExport } from "../../src/accounts/policy.js";

export const PAGE_SIZE = 25;

export const meta: MetaFunction = () => [{ title: "Callers · Vanity numbers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

// Always fresh: a call can land at any moment.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** A query string with the chart's period added (the default, 24 hours, is left out). */
function withPeriod(query: string, period: ChartPeriod): string {
  if (period === "24h") return query || "?";
  return `${query || "?"}${query ? "&" : ""}period=${period}`;
}

const NO_PAGE: CallerPage = { callers: [], older: null, newer: null };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSignedIn(request); // personal data: signed-in staff only
  const params = new URL(request.url).searchParams;
  const parsed = parseCallerFilters(params);
  const { filters } = parsed;
  const period = parseChartPeriod(params.get("period"));
  const now = new Date();
  const [page, hours] = await orFailWith("The callers could not be loaded.", () =>
    Promise.all([
      parsed.ok ? listFilteredCallers(filters, { limit: PAGE_SIZE, before: filters.before, after: filters.after }) : NO_PAGE,
      callsByHour(chartRange(period, now)),
    ]),
  );
  const query = (page: { before?: CallerPage["older"]; after?: CallerPage["newer"] }) => withPeriod(filterQuery(filters, page), period);
  return json(
    {
      callers: page.callers.map((caller) => toCallerView(caller, now)),
      filters: { q: filters.q, from: filters.from, to: filters.to },
      searched: filters.e164 ? formatPhoneNumber(filters.e164) : null,
      problems: parsed.ok ? [] : parsed.problems,
      paging: { newer: page.newer ? query({ after: page.newer }) : null, older: page.older ? query({ before: page.older }) : null },
      firstPage: !filters.before && !filters.after,
      chart: callsChart(hours, period, now),
      period,
      periods: chartPeriodLinks(period, (p) => withPeriod(filterQuery(filters), p)),
      exportHref: mayExport(session.role) ? `/callers.csv${filterQuery(filters)}` : null,
      updatedAt: now.toISOString().slice(11, 19),
      // Only a local sandbox has the invoker; on AWS the hint would point nowhere.
      local: stage() === "testing",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Callers() {
  const data = useLoaderData<typeof loader>();
  const live = useLiveRefresh();
  const { callers, filters, searched, problems, paging, firstPage } = data;
  const filtered = Boolean(filters.q || filters.from || filters.to);
  return (
    <>
      <div className="page-intro page-intro--row">
        <div>
          <h1>Callers</h1>
          <p className="lede">Everyone who called, the latest call first, with the best of the vanity numbers each was given.</p>
        </div>
        <p className="live-status" aria-live="off">
          {live ? (
            <>
              <span className="live-status__dot" aria-hidden="true" /> Live · updated {data.updatedAt} UTC
            </>
          ) : (
            <>Updated {data.updatedAt} UTC</>
          )}
        </p>
      </div>

      <CallsChart chart={data.chart} periods={data.periods} />

      <Form method="get" className="filters" role="search" aria-label="Find callers">
        {data.period !== "24h" ? <input type="hidden" name="period" value={data.period} /> : null}
        <div className="field">
          <label htmlFor="q">Number</label>
          <input
            id="q"
            name="q"
            type="search"
            inputMode="tel"
            autoComplete="off"
            className="try-form__input"
            placeholder="(206) 555-0100"
            defaultValue={filters.q}
          />
        </div>
        <div className="field field--narrow">
          <label htmlFor="from">Latest call from</label>
          <input id="from" name="from" type="date" className="try-form__input" defaultValue={filters.from} />
        </div>
        <div className="field field--narrow">
          <label htmlFor="to">to</label>
          <input id="to" name="to" type="date" className="try-form__input" defaultValue={filters.to} />
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">
            Show
          </button>
          {filtered ? (
            <Link to="/" className="button button--quiet">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>

      {problems.length > 0 ? (
        <Notice title="These filters could not be used" tone="error">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </Notice>
      ) : callers.length === 0 ? (
        filtered ? (
          <Notice title={searched ? `No caller with the number ${searched}` : "No callers in this range"}>
            <p>
              {searched ? (
                <>
                  That number has not called{filters.from || filters.to ? " in these days" : ""}.{" "}
                  <Link to={`/try?number=${encodeURIComponent(filters.q)}`}>See its vanity numbers</Link> without storing anything.
                </>
              ) : (
                <>Nobody&apos;s latest call falls in these days. Try a wider range.</>
              )}
            </p>
          </Notice>
        ) : firstPage ? (
          <EmptyState local={data.local} />
        ) : (
          <Notice title="No more callers">
            <p>
              This page is past the end of the list. <Link to="/">Back to the newest callers</Link>.
            </p>
          </Notice>
        )
      ) : (
        <>
          <div className="list-header">
            <h2 className="list-header__title">{searched ? `The caller with the number ${searched}` : "Callers, latest call first"}</h2>
            {data.exportHref ? (
              <a className="button button--quiet button--small" href={data.exportHref} download>
                Download CSV
              </a>
            ) : null}
          </div>
          <CallerTable callers={callers} label="Callers" />
          <Pager newer={paging.newer} older={paging.older} label="Pages of callers" />
        </>
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
      <h1>Callers</h1>
      <Notice title="We couldn't load the callers" tone="error">
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
