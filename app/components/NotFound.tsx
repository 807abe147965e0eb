// The site's 404 content: what the unmatched-address route and the root boundary show.
import { Link } from "@remix-run/react";
import { Notice } from "./Notice";

export function NotFound() {
  return (
    <>
      <title>Page not found · Vanity numbers</title>
      <h1>Page not found</h1>
      <Notice title="There is no page at this address" tone="error">
        <p>Check the address, or start again from the dashboard.</p>
        <p>
          <Link to="/">Back to the dashboard</Link>
        </p>
      </Notice>
    </>
  );
}
