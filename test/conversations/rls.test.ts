// RLS matrix of the conversation tables (docs/conversations.md, Who sees what): conversations, conversation_messages,
// conversation_reads and conversation_message_reports for anonymous, each party, another user and admins with and
// without content.moderate or disputes.read; no direct writes for anyone; nobody reads the originals.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { outcome } from "../helpers/database.ts";
import { conversationOfOffer, send } from "../helpers/conversations.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createMarket, submitOffer } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

test("select, insert, update and delete of every conversation table, by every kind of caller", async (t) => {
  const m = await createMarket(db);
  const conversation = await conversationOfOffer(db, await submitOffer(server, m));
  await send(server, m.travelerToken, conversation, "Call me on 0612345678");
  const reply = await send(server, m.customerToken, conversation, "No thanks");
  await gqlData(server, `mutation ($id: UUID!) { reportMessage(input: { messageId: $id, reason: spam }) { clientMutationId } }`,
    { token: m.travelerToken, variables: { id: reply.rowId } });
  const stranger = await createMember(db, "both", "phone_verified");
  const admin = async (role: string) => {
    const id = await createMember(db, "both");
    await makeAdmin(db, id, role);
    return id;
  };
  const moderator = await admin("moderator"); // content.moderate, disputes.read
  const support = await admin("support"); // disputes.read
  const analyst = await admin("analyst"); // neither

  const visible = (actor: ReturnType<typeof user> | typeof anonymous) => actAs(db, actor, async (c) => ({
    conversations: await outcome(c, "select 1 from app_public.conversations where id = $1", [conversation]),
    messages: await outcome(c, "select 1 from app_public.conversation_messages where conversation_id = $1", [conversation]),
    reads: await outcome(c, "select 1 from app_public.conversation_reads where conversation_id = $1", [conversation]),
    reports: await outcome(c, `select 1 from app_public.conversation_message_reports r
      where r.message_id = $1`, [reply.rowId]),
  }));
  t.deepEqual(await visible(user(m.customer)), { conversations: 1, messages: 2, reads: 2, reports: 0 }, "the customer");
  t.deepEqual(await visible(user(m.traveler)), { conversations: 1, messages: 2, reads: 2, reports: 1 },
    "the traveler, who reported");
  t.deepEqual(await visible(user(stranger)), { conversations: 0, messages: 0, reads: 0, reports: 0 }, "another user");
  t.deepEqual(await visible(user(moderator)), { conversations: 1, messages: 2, reads: 2, reports: 1 }, "a moderator");
  t.deepEqual(await visible(user(support)), { conversations: 1, messages: 2, reads: 2, reports: 0 },
    "support: disputes.read, no content.moderate");
  t.deepEqual(await visible(user(analyst)), { conversations: 0, messages: 0, reads: 0, reports: 0 }, "an analyst: neither");
  t.deepEqual(await visible(anonymous), { conversations: "42501", messages: "42501", reads: "42501", reports: "42501" });

  for (const actor of [user(m.customer), user(m.traveler), user(moderator), anonymous]) {
    const refused = await actAs(db, actor, async (c) => ({
      insertConversation: await outcome(c, `insert into app_public.conversations (offer_id, customer_id, traveler_id)
        values (gen_random_uuid(), $1, $2)`, [m.customer, m.traveler]),
      updateConversation: await outcome(c, "update app_public.conversations set last_message_at = now() where id = $1", [conversation]),
      deleteConversation: await outcome(c, "delete from app_public.conversations where id = $1", [conversation]),
      insertMessage: await outcome(c, `insert into app_public.conversation_messages (conversation_id, author_id, body)
        values ($1, $2, 'forged')`, [conversation, m.customer]),
      updateMessage: await outcome(c, "update app_public.conversation_messages set body = 'x' where conversation_id = $1", [conversation]),
      deleteMessage: await outcome(c, "delete from app_public.conversation_messages where conversation_id = $1", [conversation]),
      insertRead: await outcome(c, `insert into app_public.conversation_reads (conversation_id, user_id, last_read_at)
        values ($1, $2, now())`, [conversation, m.customer]),
      updateRead: await outcome(c, "update app_public.conversation_reads set last_read_at = now() where conversation_id = $1", [conversation]),
      deleteRead: await outcome(c, "delete from app_public.conversation_reads where conversation_id = $1", [conversation]),
      insertReport: await outcome(c, `insert into app_public.conversation_message_reports (message_id, reporter_id, reason)
        values ($1, $2, 'spam')`, [reply.rowId, m.customer]),
      updateReport: await outcome(c, "update app_public.conversation_message_reports set status = 'dismissed'"),
      deleteReport: await outcome(c, "delete from app_public.conversation_message_reports"),
      originals: await outcome(c, "select * from app_private.conversation_message_originals"),
    }));
    t.deepEqual(Object.values(refused), Array(13).fill("42501"), JSON.stringify(refused));
  }
});
