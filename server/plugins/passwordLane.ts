// Password hashing (bcrypt in SQL through pgcrypto's crypt) costs a database core for a quarter of a second per
// call. Operations that hash run in a lane of their own, at most `concurrency` at once per API process with at most
// `queue` waiting, so that a burst of logins holds a bounded share of the pool's connections and of the database's
// CPU and the rest of the API keeps serving. An operation that finds the lane full, or waits longer than the connect
// timeout, is answered OVRLD (HTTP 503 with Retry-After, see statusCodes.ts) before it takes a connection.
import { type DocumentNode, GraphQLError, getOperationAST, Kind, type SelectionSetNode } from "postgraphile/graphql";

/**
 * Mutations whose SQL hashes or checks a password, a backup code, a phone code or a handover backup code with bcrypt.
 * test/server/password_lane.test.ts checks this list against the functions of app_public that call crypt.
 */
export const HASHING_MUTATIONS: ReadonlySet<string> = new Set([
  "login",
  "register",
  "changePassword",
  "resetPassword",
  "deactivateAccount",
  "deleteAccount",
  "verifyTwoFactorLogin",
  "confirmTwoFactor",
  "disableTwoFactor",
  "regenerateBackupCodes",
  "confirmPhoneVerification",
  // Handover (docs/handover.md): issuing hashes the backup code; a scan or a typed backup code may check one.
  "issueQrCode",
  "scanQrCode",
  "redeemBackupCode",
]);

export const OVERLOADED = { code: "OVRLD", message: "The server is busy; try again shortly" } as const;

/** A counting semaphore with a bounded queue and a bounded wait. */
export class Lane {
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  readonly concurrency: number;
  readonly queue: number;
  readonly maxWaitMs: number;

  constructor(concurrency: number, queue: number, maxWaitMs: number) {
    this.concurrency = concurrency;
    this.queue = queue;
    this.maxWaitMs = maxWaitMs;
  }

  /** Resolves to a release function, or to null when the lane is full or the wait ran out. */
  enter(): Promise<(() => void) | null> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve(this.#release());
    }
    if (this.#waiting.length >= this.queue) return Promise.resolve(null);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#running++;
        resolve(this.#release());
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(wake), 1);
        resolve(null);
      }, this.maxWaitMs);
      this.#waiting.push(wake);
    });
  }

  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running--;
      this.#waiting.shift()?.();
    };
  }
}

/** Names of the root fields an operation selects, through fragments. */
export function rootFieldNames(
  document: DocumentNode,
  operationName: string | null | undefined
): { kind: string; names: Set<string> } | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : []))
  );
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return { kind: operation.operation, names };
}

export function makePasswordLanePlugin(lane: Lane): GraphileConfig.Plugin {
  return {
    name: "PasswordLanePlugin",
    version: "1.0.0",
    grafast: {
      middleware: {
        async execute(next, event) {
          const { document, operationName } = event.args;
          const root = rootFieldNames(document, operationName);
          if (root?.kind !== "mutation" || ![...root.names].some((name) => HASHING_MUTATIONS.has(name))) return next();
          const release = await lane.enter();
          if (!release) {
            return { errors: [new GraphQLError(OVERLOADED.message, { extensions: { code: OVERLOADED.code } })] };
          }
          try {
            return await next();
          } finally {
            release();
          }
        },
      },
    },
  };
}
