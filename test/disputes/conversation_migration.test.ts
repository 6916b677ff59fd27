// The data step of 20261210120000_dispute_conversations: its down part puts a dispute's party-visible messages back
// into dispute_messages and removes the conversation; its up part must then open the dispute's conversation again
// with the same messages (staff ones marked from_staff) and leave internal notes where they are.
import { readFile } from "node:fs/promises";
import test from "ava";
import { createMember, makeAdmin } from "../helpers/actors.ts";
import { asRoot, createTestDatabase, queryAsRoot, type TestDatabase } from "../helpers/database.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";

let db: TestDatabase;
test.before(async () => {
  db = await createTestDatabase();
});
test.after.always(async () => {
  await db?.drop();
});

const MIGRATION = new URL("../../db/migrations/20261210120000_dispute_conversations.sql", import.meta.url);

test("party-visible messages move into the dispute's conversation; internal notes stay; down restores the old shape", async (t) => {
  const [up, down] = (await readFile(MIGRATION, "utf8")).split("-- migrate:down");
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "support");
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer });
  const [dispute] = await queryAsRoot<{ id: string }>(db, `insert into app_public.disputes (delivery_id, category, description,
      complainant_id, respondent_id, currency, response_due_at, due_date)
    values ($1, 'item_damaged', 'The lid is cracked.', $2, $3, 'EUR', now() + interval '1 day', now() + interval '9 days')
    returning id`, [delivery, customer, traveler]);
  const [conversation] = await queryAsRoot<{ id: string }>(db, "select id from app_public.conversations where dispute_id = $1", [dispute!.id]);
  await queryAsRoot(db, `insert into app_public.conversation_messages (conversation_id, author_id, body, from_staff, created_at)
    values ($1, $2, 'It arrived broken.', false, now() - interval '2 minutes'), ($1, $3, 'Please send a photo.', true, now() - interval '1 minute')`,
  [conversation!.id, customer, admin]);
  await queryAsRoot(db, `insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal)
    values ($1, $2, 'Packing fault.', true)`, [dispute!.id, admin]);
  const messages = () => queryAsRoot(db, `select m.author_id, m.body, m.from_staff from app_public.conversation_messages m
      join app_public.conversations c on c.id = m.conversation_id where c.dispute_id = $1 order by m.created_at`, [dispute!.id]);
  const notes = () => queryAsRoot(db, "select body, is_internal from app_public.dispute_messages where dispute_id = $1 order by created_at, body", [dispute!.id]);
  const current = await messages();

  await asRoot(db, (c) => c.query(`begin; ${down} commit;`));
  t.deepEqual((await notes()).map((n) => [n.body, n.is_internal]).sort(),
    [["It arrived broken.", false], ["Packing fault.", true], ["Please send a photo.", false]]);
  t.deepEqual(await queryAsRoot(db, "select id from app_public.conversations where kind = 'dispute'"), []);

  await asRoot(db, (c) => c.query(`begin; ${up!.replace(/^-- migrate:up/, "")} commit;`));
  t.deepEqual(await messages(), current, "the same messages, staff ones marked");
  t.deepEqual(await notes(), [{ body: "Packing fault.", is_internal: true }], "internal notes stay");
  const [row] = await queryAsRoot(db, "select customer_id, traveler_id from app_public.conversations where dispute_id = $1", [dispute!.id]);
  t.deepEqual(row, { customer_id: customer, traveler_id: traveler });
});
