// The sign-in limiter as the routes see it (routes import src/data only through app/lib/*.server.ts).
export {
  clearSigninAttempts,
  countSigninAttempt,
  SIGNIN_LIMIT,
  type SigninStatus,
} from "../../src/data/signin-attempts.server.js";
