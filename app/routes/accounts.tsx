// Accounts, for admins: who may sign in and with which role, the sessions that are open, and
// the buttons that end them. Every change is a POST with the session's CSRF token; the rules
// (names, passwords, keeping one admin) live in src/accounts, shared with `npm run accounts`.
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { NotConfigured, notConfiguredInfo } from "~/components/NotConfigured";
import { Notice } from "~/components/Notice";
import {
  AccountExistsError,
  AccountRuleError,
  addAccount,
  deleteSession,
  endSessionsOf,
  isRole,
  listAccounts,
  listSessions,
  NoSuchAccountError,
  resetPassword,
  ROLES,
  setDisabled,
  setRole,
  signEveryoneOut,
} from "~/lib/accounts.server";
import { CSRF_FIELD } from "~/lib/csrf";
import { orFailWith } from "~/lib/failure.server";
import { readPostForm } from "~/lib/form.server";
import { logger } from "~/lib/log.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { endSession, requireSignedIn, unsafePostProblem } from "~/lib/session.server";
import { formatDateTime } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Accounts · Vanity numbers" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const log = logger.child({ module: "accounts" });

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireSignedIn(request, { role: "admin" });
  const [accounts, sessions] = await orFailWith("The accounts could not be loaded.", () => Promise.all([listAccounts(), listSessions()]));
  return json(
    {
      me: me.account,
      csrf: me.csrf,
      accounts,
      sessions: sessions.map(({ key, account, createdAt, client, userAgent }) => ({
        key,
        account,
        createdAt,
        client,
        userAgent,
        mine: key === me.key,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionData = { ok: true; message: string; password?: string; forName?: string } | { ok: false; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireSignedIn(request, { role: "admin" });
  const form = await readPostForm(request);
  const problem = unsafePostProblem(request, form, me.csrf);
  if (problem)
    return json<ActionData>({ ok: false, error: problem }, { status: 403, headers: securityHeaders({ "Cache-Control": "no-store" }) });

  const text = (field: string) => {
    const value = form.get(field);
    return typeof value === "string" ? value.trim() : "";
  };
  const intent = text("intent");
  const name = text("name");
  const done = (message: string, extra: { password?: string; forName?: string } = {}) => {
    log.info({ by: me.account, intent, account: name || undefined }, "account change");
    return json<ActionData>({ ok: true, message, ...extra }, { headers: { "Cache-Control": "no-store" } });
  };

  const apply = async () => {
    switch (intent) {
      case "add": {
        const role = text("role");
        if (!isRole(role)) return refuse(`Choose a role: ${ROLES.join(" or ")}.`);
        const { account, password } = await addAccount({ name, role });
        return done(`Added ${account.name} (${account.role}). Give them this password; it is shown only once.`, {
          password,
          forName: account.name,
        });
      }
      case "reset": {
        const { account, password } = await resetPassword(name);
        return done(`New password for ${account.name}; their sessions have ended. It is shown only once.`, {
          password,
          forName: account.name,
        });
      }
      case "disable":
        await setDisabled(name, true);
        return done(`Disabled ${name}; their sessions have ended.`);
      case "enable":
        await setDisabled(name, false);
        return done(`Enabled ${name}.`);
      case "role": {
        const role = text("role");
        if (!isRole(role)) return refuse(`Choose a role: ${ROLES.join(" or ")}.`);
        await setRole(name, role);
        return done(`${name} is now ${role === "admin" ? "an admin" : "an agent"}.`);
      }
      case "end-sessions":
        await endSessionsOf(name);
        return done(`Ended every session of ${name}.`);
      case "end-session":
        await deleteSession(text("session"));
        return done("Ended that session.");
      case "sign-out-everyone": {
        await signEveryoneOut();
        log.info({ by: me.account, intent }, "account change");
        throw redirect("/login", { headers: securityHeaders({ "Set-Cookie": await endSession(request) }) });
      }
      default:
        return refuse("Unknown action.");
    }
  };
  // A broken rule is the admin's to fix (400, with why); anything else is ours (500, logged).
  return orFailWith("The change could not be saved; try again.", async () => {
    try {
      return await apply();
    } catch (error) {
      if (error instanceof AccountRuleError || error instanceof AccountExistsError || error instanceof NoSuchAccountError)
        return refuse(error.message);
      throw error;
    }
  });
}

function refuse(error: string) {
  return json<ActionData>({ ok: false, error }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

export default function Accounts() {
  const { me, csrf, accounts, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const token = <input type="hidden" name={CSRF_FIELD} value={csrf} />;
  const sessionCount = (name: string) => sessions.filter((s) => s.account === name).length;
  return (
    <>
      <div className="page-intro">
        <h1>Accounts</h1>
        <p className="lede">Who may sign in to the dashboard. Admins manage accounts; agents see callers.</p>
      </div>

      {result ? (
        result.ok ? (
          <Notice title="Done">
            <p role="status">{result.message}</p>
            {result.password ? (
              <p>
                Password for <strong>{result.forName}</strong>: <code className="secret">{result.password}</code>
              </p>
            ) : null}
          </Notice>
        ) : (
          <Notice title="Not changed" tone="error">
            <p>{result.error}</p>
          </Notice>
        )
      ) : null}

      <section aria-labelledby="accounts-heading" className="panel">
        <h2 id="accounts-heading">People</h2>
        <div className="table-scroll">
          <table className="table">
            <ColumnNames names={["Name", "Role", "Status", "Sessions"]} />
            <tbody>
              {accounts.map((account) => (
                <tr key={account.name}>
                  <th scope="row">
                    {account.name}
                    {account.name === me ? <span className="badge badge--quiet">you</span> : null}
                  </th>
                  <td>
                    <Form method="post" className="inline-form">
                      {token}
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="name" value={account.name} />
                      <label className="visually-hidden" htmlFor={`role-${account.name}`}>
                        Role of {account.name}
                      </label>
                      <select id={`role-${account.name}`} name="role" defaultValue={account.role}>
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button--small button--quiet" disabled={busy}>
                        Set
                      </button>
                    </Form>
                  </td>
                  <td data-label="Status">{account.disabled ? "disabled" : "active"}</td>
                  <td data-label="Sessions">{sessionCount(account.name)}</td>
                  <td>
                    <div className="actions">
                      {(
                        [
                          [account.disabled ? "enable" : "disable", account.disabled ? "Enable" : "Disable"],
                          ["reset", "Reset password"],
                          ["end-sessions", "Sign out everywhere"],
                        ] as const
                      ).map(([intent, label]) => (
                        <Form method="post" className="inline-form" key={intent}>
                          {token}
                          <input type="hidden" name="intent" value={intent} />
                          <input type="hidden" name="name" value={account.name} />
                          <button
                            type="submit"
                            className="button button--small button--quiet"
                            disabled={busy}
                            aria-label={`${label}: ${account.name}`}
                          >
                            {label}
                          </button>
                        </Form>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <Form method="post" className="try-form add-account" aria-label="Add an account">
          {token}
          <input type="hidden" name="intent" value="add" />
          <h3>Add an account</h3>
          <div className="try-form__row">
            <label className="field">
              <span className="try-form__label">Name</span>
              <input name="name" required maxLength={64} autoCapitalize="none" spellCheck={false} className="try-form__input" />
            </label>
            <label className="field field--narrow">
              <span className="try-form__label">Role</span>
              <select name="role" defaultValue="agent" className="try-form__input">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button" disabled={busy}>
              Add
            </button>
          </div>
          <p className="hint">A strong password is made for the new account and shown once, for you to hand over.</p>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="panel">
        <h2 id="sessions-heading">Open sessions</h2>
        {sessions.length === 0 ? (
          <p>No one is signed in.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <ColumnNames names={["Account", "Signed in", "From"]} />
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.key}>
                    <th scope="row">
                      {session.account}
                      {session.mine ? <span className="badge badge--quiet">this session</span> : null}
                    </th>
                    <td data-label="Signed in">{formatDateTime(session.createdAt)}</td>
                    <td data-label="From">
                      {session.client}
                      <span className="user-agent">{browserName(session.userAgent)}</span>
                    </td>
                    <td>
                      {session.mine ? null : (
                        <Form method="post" className="inline-form">
                          {token}
                          <input type="hidden" name="intent" value="end-session" />
                          <input type="hidden" name="session" value={session.key} />
                          <button type="submit" className="button button--small button--quiet" disabled={busy}>
                            End
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Form method="post" className="danger-zone" reloadDocument>
          {token}
          <input type="hidden" name="intent" value="sign-out-everyone" />
          <button type="submit" className="button button--danger">
            Sign everyone out
          </button>
          <span className="hint">Ends every session, yours too. Everyone signs in again with their password.</span>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notConfigured = notConfiguredInfo(error);
  if (notConfigured) return <NotConfigured info={notConfigured} />;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <>
      <h1>Accounts</h1>
      <Notice title={forbidden ? "For admins only" : "We couldn't load the accounts"} tone="error">
        <p>
          {forbidden
            ? (error.data as { error: string }).error
            : "The accounts are not available right now. This is on our side, not yours."}
        </p>
        <p>
          <Link to="/">Back to the dashboard</Link>
        </p>
      </Notice>
    </>
  );
}

/** A table's column names, then an unnamed (for screen readers: "Actions") column of buttons. */
function ColumnNames({ names }: { names: string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th scope="col" key={name}>
            {name}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

// Checked in this order: Edge and Chrome also say "Safari", Edge also says "Chrome".
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrome\//, "Chrome"],
  [/Safari\//, "Safari"],
];

/** A short name for a User-Agent string ("Chrome on Linux"), for telling sessions apart. */
function browserName(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? (userAgent ? "another client" : "");
  const system = /Android|iPhone|iPad|Windows|Mac OS X|Linux/.exec(userAgent)?.[0]?.replace("Mac OS X", "macOS");
  return [browser, system].filter(Boolean).join(" on ");
}
