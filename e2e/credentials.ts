// The dashboard credentials the end-to-end sandbox runs with (e2e/sandbox.ts) and the specs use:
// the local `admin` account, made on first sign-in with LOCAL_ADMIN_PASSWORD.
export const E2E_ADMIN = "admin";
export const E2E_ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-correct-horse-battery";
export const E2E_SESSION_SECRET = "e2e-session-secret-0123456789abcdef-0123456789";

/** Where the setup project keeps the signed-in browser state (gitignored, see e2e/.gitignore). */
// One per port, so that two runs side by side (on ports of their own) never share a session.
export const SIGNED_IN_STATE = `e2e/.auth/dashboard-${process.env.PORT ?? 3390}.json`;
