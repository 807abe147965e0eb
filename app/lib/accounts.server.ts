// Accounts and sessions as the routes see them (routes import src/ only through app/lib/*.server.ts).
export {
  AccountExistsError,
  AccountRuleError,
  addAccount,
  checkCredentials,
  endSessionsOf,
  ensureLocalAdmin,
  LOCAL_ADMIN_NAME,
  listAccounts,
  NoSuchAccountError,
  resetPassword,
  setDisabled,
  setRole,
  signEveryoneOut,
  type Account,
} from "../../src/accounts/accounts.js";
export { isRole, normaliseName, ROLES, type Role } from "../../src/accounts/policy.js";
export { deleteSession, listSessions, type StoredSession } from "../../src/data/sessions.server.js";
