// The page a deployed stage shows while the dashboard's secrets are missing (a 503).
import { isRouteErrorResponse } from "@remix-run/react";
import { Notice } from "./Notice";

export interface NotConfiguredInfo {
  message: string;
  problems: string[];
  commands: string[];
}

/** The details of a "not configured" 503, or null for any other error. */
export function notConfiguredInfo(error: unknown): NotConfiguredInfo | null {
  if (!isRouteErrorResponse(error) || error.status !== 503) return null;
  const data = error.data as Partial<NotConfiguredInfo & { notConfigured: boolean }> | null;
  if (!data?.notConfigured || !Array.isArray(data.problems) || !Array.isArray(data.commands)) return null;
  return { message: String(data.message ?? ""), problems: data.problems.map(String), commands: data.commands.map(String) };
}

export function NotConfigured({ info }: { info: NotConfiguredInfo }) {
  return (
    <>
      <h1>The dashboard is not configured</h1>
      <Notice title="Sign-in is turned off" tone="error">
        <p>{info.message}</p>
        <ul>
          {info.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        <p>An operator sets them with Architect, then deploys again:</p>
        <pre className="code">
          <code>{info.commands.join("\n")}</code>
        </pre>
        <p>
          Trying numbers still works: <a href="/try">try a number</a>.
        </p>
      </Notice>
    </>
  );
}
