// Superseded by database.ts (databases, root, outcome), actors.ts (users, sessions, tokens, actAs) and errors.ts
// (sqlstate). Kept so that imports written before the split keep working; new tests import from those modules.
export {
  asRoot, createTestDatabase, outcome, requireEnv, TEMPLATE_DATABASE, type TestDatabase,
} from "./database.ts";
export {
  actAs, addAddress, anonymous, createUser, DEFAULT_PASSWORD, makeAdmin, openSession, signToken, tokenFor, user,
  verifyEmail, type Actor, type NewAddress, type NewUser,
} from "./actors.ts";
export { sqlstate } from "./errors.ts";
