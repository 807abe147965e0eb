// Reading a POSTed form: a request that is no form (a JSON or text body, a broken body) is the
// sender's mistake, answered 415 or 400 with the security headers, never an unhandled 500.
import { json } from "@remix-run/node";
import { securityHeaders } from "./security-headers.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The request's form fields, or a thrown 415 (not a form) / 400 (a form that cannot be read). */
export async function readPostForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw json(
      { error: "Send this form as application/x-www-form-urlencoded or multipart/form-data." },
      { status: 415, headers: refusalHeaders() },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw json({ error: "The form could not be read." }, { status: 400, headers: refusalHeaders() });
  }
}

function refusalHeaders(): Headers {
  return securityHeaders({ "Cache-Control": "no-store", Accept: FORM_TYPES.join(", ") });
}
