import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { NotFound } from "~/components/NotFound";
import { Notice } from "~/components/Notice";
import { CSRF_FIELD } from "~/lib/csrf";
import { useNonce } from "~/lib/nonce";
import { signedInState } from "~/lib/signed-in.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  // Sandbox and the deployed app serve public/ under /_static/.
  { rel: "icon", href: "/_static/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Vanity numbers" },
  { name: "description", content: "The vanity numbers Amazon Connect gave the latest callers, and a place to try any number." },
  { name: "color-scheme", content: "light dark" },
];

// Who is looking, for the navigation: signed in (account, role, the CSRF token for the sign-out form) or not.
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await signedInState(request));
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Also rendered by the error boundary, where the loader may not have run.
  const state = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="brand">
              <span className="brand__mark" aria-hidden="true">
                ☎
              </span>
              Vanity numbers
            </Link>
            <nav aria-label="Main">
              <ul className="nav">
                <li>
                  <NavLink to="/" end>
                    Dashboard
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/try">Try a number</NavLink>
                </li>
                {state?.signedIn && state.role === "admin" ? (
                  <li>
                    <NavLink to="/accounts">Accounts</NavLink>
                  </li>
                ) : null}
                {state?.signedIn ? (
                  <li>
                    {/* A full-page POST: signing out drops everything the page holds. */}
                    <Form method="post" action="/logout" reloadDocument className="nav__form">
                      <input type="hidden" name={CSRF_FIELD} value={state.csrf} />
                      <button type="submit" className="nav__button" title={`Signed in as ${state.account}`}>
                        Sign out
                      </button>
                    </Form>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="page">
          {children}
        </main>
        <footer className="site-footer">Vanity numbers for Amazon Connect callers · Remix on Architect · DynamoDB</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Document>
      <Outlet />
    </Document>
  );
}

// The last line of defence: routes have their own boundaries, so this is for what they miss.
// It shows what happened in words and never a stack trace.
export function ErrorBoundary() {
  const error = useRouteError();
  const notConfigured = notConfiguredInfo(error);
  if (notConfigured) {
    return (
      <Document>
        <title>Not configured · Vanity numbers</title>
        <NotConfigured info={notConfigured} />
      </Document>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Document>
        <NotFound />
      </Document>
    );
  }
  return (
    <Document>
      <title>Something went wrong · Vanity numbers</title>
      <h1>Something went wrong</h1>
      <Notice title="We could not show this page" tone="error">
        <p>Please try again in a moment. If it keeps happening, the server log has the details.</p>
        <p>
          <Link to="/">Back to the dashboard</Link>
        </p>
      </Notice>
    </Document>
  );
}
