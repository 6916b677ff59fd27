// Conversations over GraphQL (docs/conversations.md): the conversation of an offer thread and its parties' messages,
// through the real functions.
import { queryAsRoot, type TestDatabase } from "./database.ts";
import { gqlData } from "./graphql.ts";
import type { GraphQLResponse, TestServer } from "./server.ts";

export const MESSAGE_FIELDS = "rowId conversationId authorId body masked createdAt editedAt deletedAt hiddenAt attachmentId";

export interface Message {
  rowId: string;
  conversationId: string;
  authorId: string;
  body: string | null;
  masked: boolean;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  attachmentId: string | null;
}

/** The id of the conversation of an offer thread (opened with the thread). */
export async function conversationOfOffer(db: TestDatabase, offerId: string): Promise<string> {
  const [row] = await queryAsRoot<{ id: string }>(db, "select id from app_public.conversations where offer_id = $1", [offerId]);
  if (!row) throw new Error(`offer ${offerId} has no conversation`);
  return row.id;
}

/** sendMessage as the token's user; the raw response, for tests of refusals. */
export function trySend(server: TestServer, token: string, conversationId: string, body: string | null,
                        attachmentId?: string): Promise<GraphQLResponse<any>> {
  return server.gql(`mutation ($c: UUID!, $b: String, $a: UUID) {
      sendMessage(input: { conversationId: $c, body: $b, attachmentId: $a }) { conversationMessage { ${MESSAGE_FIELDS} } } }`,
  { token, variables: { c: conversationId, b: body, a: attachmentId } });
}

/** sendMessage that must succeed; returns the message as its author reads it. */
export async function send(server: TestServer, token: string, conversationId: string, body: string | null,
                           attachmentId?: string): Promise<Message> {
  const res = await trySend(server, token, conversationId, body, attachmentId);
  if (res.errors) throw new Error(`sendMessage: ${JSON.stringify(res.errors)}`);
  return res.data!.sendMessage.conversationMessage as Message;
}

/** conversationHistory as the token's user: the page's messages, newest first. */
export async function history(server: TestServer, token: string, conversationId: string,
                              options: { before?: string; first?: number } = {}): Promise<Message[]> {
  const data = await gqlData(server, `query ($c: UUID!, $b: UUID, $n: Int) {
      conversationHistory(conversationId: $c, before: $b, first: $n) { nodes { ${MESSAGE_FIELDS} } } }`,
  { token, variables: { c: conversationId, b: options.before, n: options.first } });
  return data.conversationHistory.nodes as Message[];
}

/** markConversationRead as the token's user. */
export async function markRead(server: TestServer, token: string, conversationId: string): Promise<void> {
  await gqlData(server, `mutation ($c: UUID!) { markConversationRead(input: { conversationId: $c }) { clientMutationId } }`,
    { token, variables: { c: conversationId } });
}
