// Sign out: POST only (with the session's CSRF token, from this site), then back to /login.
// A GET changes nothing: links and prefetches must not sign anyone out.
import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readPostForm } from "~/lib/form.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { destroySession, getSession, unsafePostProblem } from "~/lib/session.server";

export async function loader() {
  return json(
    { error: "Sign out with a POST (the Sign out button)." },
    { status: 405, headers: securityHeaders({ Allow: "POST", "Cache-Control": "no-store" }) },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  const problem = unsafePostProblem(request, await readPostForm(request), session);
  if (problem) return json({ error: problem }, { status: 403, headers: securityHeaders({ "Cache-Control": "no-store" }) });
  return redirect("/login", { headers: securityHeaders({ "Set-Cookie": await destroySession(session) }) });
}
