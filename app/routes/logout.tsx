// Sign out: POST only (with the session's CSRF token, from this site). The stored session is
// deleted, so a copy of the cookie signs no one in afterwards; then back to /login.
// A GET changes nothing: links and prefetches must not sign anyone out.
import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/lib/client-ip.server";
import { readPostForm } from "~/lib/form.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { currentSession, endSession, unsafePostProblem } from "~/lib/session.server";
import { logSignin } from "~/lib/signin-log.server";

export async function loader() {
  return json(
    { error: "Sign out with a POST (the Sign out button)." },
    { status: 405, headers: securityHeaders({ Allow: "POST", "Cache-Control": "no-store" }) },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readPostForm(request);
  const session = await currentSession(request);
  if (!session) return redirect("/login", { headers: securityHeaders({ "Cache-Control": "no-store" }) }); // already signed out
  const problem = unsafePostProblem(request, form, session.csrf);
  if (problem) return json({ error: problem }, { status: 403, headers: securityHeaders({ "Cache-Control": "no-store" }) });
  const setCookie = await endSession(request);
  logSignin({ outcome: "sign-out", ip: clientIp(request), account: session.account });
  return redirect("/login", { headers: securityHeaders({ "Set-Cookie": setCookie }) });
}
