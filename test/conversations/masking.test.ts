// Protection before a deal (docs/conversations.md, Masking): until the offer is accepted, phone numbers, email
// addresses and links in messages are masked in SQL, in many forms; moderators read the original, the parties
// never; after acceptance, within the delivery's contacts window, nothing is masked; once the window closes
// (deliveries.contacts_after_hours after delivery), masking is back. The matrix runs through sendMessage over GraphQL.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { conversationOfOffer, history, send } from "../helpers/conversations.ts";
import { gqlData } from "../helpers/graphql.ts";
import { acceptOffer, createMarket, submitOffer, transitionDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

/** [what the sender writes, what the other party reads before a deal]. */
const MATRIX: Array<[string, string]> = [
  ["Call me +33 6 12 34 56 78 tonight", "Call me [phone hidden] tonight"],
  ["My number: 06.12.34.56.78", "My number: [phone hidden]"],
  ["US: (555) 123-4567", "US: [phone hidden]"],
  ["0612345678", "[phone hidden]"],
  ["+49 151 2345 6789", "[phone hidden]"],
  ["0 6 1 2 3 4 5 6 7 8", "[phone hidden]"],
  ["06-12-34-56-78 or 06/12/34/56/78", "[phone hidden] or [phone hidden]"],
  ["zero six one two three four five six seven eight", "[phone hidden]"],
  ["zéro six un deux trois quatre cinq six sept huit", "[phone hidden]"],
  ["Mail ann.lee+p2p@example.co.uk please", "Mail [email hidden] please"],
  ["ann at example dot com", "[email hidden]"],
  ["ann (at) example (dot) com", "[email hidden]"],
  ["ann [at] gmail [dot] com", "[email hidden]"],
  ["ann @ example . com", "[email hidden]"],
  ["ann arobase orange point fr", "[email hidden]"],
  ["See https://wa.me/33612345678 now", "See [link hidden] now"],
  ["www.example.org/contact", "[link hidden]"],
  ["find me on example.com/ann", "find me on [link hidden]"],
  ["insta @ann_lee99", "insta [link hidden]"],
  // Ordinary talk stays as written.
  ["Meet at 10:30 on 12.12.2026, 25 EUR as agreed", "Meet at 10:30 on 12.12.2026, 25 EUR as agreed"],
  ["Order DEL-00001234 weighs 2.5 kg (30x20x10 cm)", "Order DEL-00001234 weighs 2.5 kg (30x20x10 cm)"],
  ["I arrive at 5. Then we go to gate 12", "I arrive at 5. Then we go to gate 12"],
  ["I will be at the station at 5.30", "I will be at the station at 5.30"],
  ["one or two bags, three at most", "one or two bags, three at most"],
];

const ORIGINALS = `query ($c: UUID!) { conversationHistory(conversationId: $c) { nodes { body originalBody masked } } }`;

test("before acceptance every form is masked for both parties; moderators read the originals; after acceptance nothing is", async (t) => {
  // The matrix is longer than a minute's allowance of messages.
  await setSetting(db, "conversations.messages_per_minute", 600);
  const market = await createMarket(db);
  const offer = await submitOffer(server, market);
  const conversation = await conversationOfOffer(db, offer);
  for (const [written, shown] of MATRIX) {
    const message = await send(server, market.travelerToken, conversation, written);
    t.is(message.body, shown, written);
    t.is(message.masked, written !== shown, `masked flag of ${written}`);
  }
  // The other party reads the masked text and no original.
  const asCustomer = (await gqlData(server, ORIGINALS, { token: market.customerToken, variables: { c: conversation } }))
    .conversationHistory.nodes.reverse();
  t.deepEqual(asCustomer.map((m: { body: string }) => m.body), MATRIX.map(([, shown]) => shown));
  t.true(asCustomer.every((m: { originalBody: string | null }) => m.originalBody === null), "no original for a party");
  // A moderator reads every original, masked or not.
  const moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  const asModerator = (await gqlData(server, ORIGINALS, { token: await tokenFor(db, moderator), variables: { c: conversation } }))
    .conversationHistory.nodes.reverse();
  t.deepEqual(asModerator.map((m: { originalBody: string }) => m.originalBody), MATRIX.map(([written]) => written));
  // The original is stored only in app_private, one row per masked message.
  const [stored] = await queryAsRoot(db, `select count(*)::int as n from app_private.conversation_message_originals o
    join app_public.conversation_messages m on m.id = o.message_id where m.conversation_id = $1`, [conversation]);
  t.is(stored!.n, MATRIX.filter(([w, s]) => w !== s).length);

  // Accepted: within the contacts window nothing is masked, for either party.
  const delivery = await acceptOffer(server, market, offer);
  for (const [written] of MATRIX.slice(0, 19)) {
    t.is((await send(server, market.customerToken, conversation, written)).body, written, `after acceptance: ${written}`);
  }
  t.is((await send(server, market.travelerToken, conversation, "+33 6 12 34 56 78")).body, "+33 6 12 34 56 78");
  // Edits follow the same rule.
  const edited = await gqlData(server, `mutation ($id: UUID!) { editMessage(input: { messageId: $id, body: "ann@example.com" }) {
    conversationMessage { body masked } } }`, { token: market.customerToken,
    variables: { id: (await history(server, market.customerToken, conversation, { first: 2 }))[1]!.rowId } });
  t.like(edited.editMessage.conversationMessage, { body: "ann@example.com", masked: false });
  // Messages written before the deal stay masked.
  const oldest = (await history(server, market.customerToken, conversation)).at(-1)!;
  t.is(oldest.body, MATRIX[0]![1]);

  // Delivered more than deliveries.contacts_after_hours ago: the contacts window closed, masking is back (the
  // conversation itself stays open until the dispute window ends; here both are 48 hours, so move the setting).
  await transitionDelivery(db, delivery, "picked_up", "delivered");
  await setTimesAgo(db, "app_public.deliveries", delivery, { delivered_at: "47 hours" });
  t.is((await send(server, market.customerToken, conversation, "ann@example.com")).body, "ann@example.com",
    "still within the window");
  const window = await setSetting(db, "deliveries.contacts_after_hours", 24);
  try {
    t.is((await send(server, market.customerToken, conversation, "ann@example.com")).body, "[email hidden]",
      "past the contacts window");
  } finally {
    await setSetting(db, "deliveries.contacts_after_hours", window);
  }
});
