// Error codes: how every test asserts a refusal. Domain rules raise the custom SQLSTATEs of db/ERROR_CODES.md, which
// clients see as a GraphQL error's `extensions.code`; assert the code (errorCode for a GraphQL response, sqlstate for
// a query), never the message alone.

/** What errorCode reads of a GraphQL response (server.ts's GraphQLResponse, or any response of that shape). */
export interface ResponseWithErrors {
  errors?: ReadonlyArray<{ extensions?: { code?: string } }>;
}

/** The code of a GraphQL response's first error; undefined when the response has no errors. */
export const errorCode = (response: ResponseWithErrors): string | undefined => response.errors?.[0]?.extensions?.code;

/** The SQLSTATE a query (or any pg promise) failed with; undefined when it succeeds. */
export async function sqlstate(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}
