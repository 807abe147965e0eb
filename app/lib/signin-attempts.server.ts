// The sign-in limiter as the routes see it (routes import src/data only through app/lib/*.server.ts).
export {
  clearFailedSignins,
  getSigninStatus,
  recordFailedSignin,
  SIGNIN_LIMIT,
  type SigninStatus,
} from "../../src/data/signin-attempts.server.js";
