// The sign-in limiter as the routes see it (routes import src/data only through app/lib/*.server.ts).
export {
  clearSigninAttempts,
  countSigninAttempts,
  SIGNIN_LIMITS,
  type SigninRefusal,
  type SigninStanding,
} from "../../src/data/signin-attempts.server.js";
