// RLS matrix of the dispute tables (docs/disputes.md, Who sees what): disputes, their evidence, their non-internal
// notes and the dispute's conversation (opened with it, with its staff messages) are read by the two parties and by
// admins with disputes.read; internal notes by those admins only. Visitors have no access (42501); other users and
// admins without disputes.read see nothing; nobody writes through the tables, parties and admins included (42501):
// the dispute functions do.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);
const who: Record<string, string> = {};
const rows: Record<string, string> = {};

test.before(async () => {
  who.customer = await createMember(db, "customer", "email_verified");
  who.traveler = await createMember(db, "traveler");
  who.stranger = await createMember(db, "both");
  for (const role of ["support", "finance", "analyst"]) {
    who[role] = await createMember(db, "both");
    await makeAdmin(db, who[role]!, role);
  }
  const delivery = await createDeliveryRecord(db, await createTrip(db, who.traveler!), { customerId: who.customer });
  rows.disputes = (await queryAsRoot(db, `insert into app_public.disputes (delivery_id, category, description, complainant_id,
      respondent_id, currency, response_due_at, due_date)
    values ($1, 'item_damaged', 'The lid is cracked.', $2, $3, 'EUR', now() + interval '1 day', now() + interval '9 days')
    returning id`, [delivery, who.customer, who.traveler]))[0]!.id;
  rows.dispute_evidence = (await queryAsRoot(db, `insert into app_public.dispute_evidence (dispute_id, type, content, sha256)
    values ($1, 'document', '{"bundle": true}', repeat('a', 64)) returning id`, [rows.disputes]))[0]!.id;
  rows.dispute_messages = (await queryAsRoot(db, `insert into app_public.dispute_messages (dispute_id, author_id, body)
    values ($1, $2, 'Here is what happened.') returning id`, [rows.disputes, who.customer]))[0]!.id;
  rows.internal = (await queryAsRoot(db, `insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal)
    values ($1, $2, 'Looks like a packing fault.', true) returning id`, [rows.disputes, who.support]))[0]!.id;
  rows.conversations = (await queryAsRoot(db, "select id from app_public.conversations where dispute_id = $1", [rows.disputes]))[0]!.id;
  rows.conversation_messages = (await queryAsRoot(db, `insert into app_public.conversation_messages (conversation_id, author_id, body, from_staff)
    values ($1, $2, 'Please send a photo.', true) returning id`, [rows.conversations, who.support]))[0]!.id;
});

const TABLES = ["disputes", "dispute_evidence", "dispute_messages"];
const visible = (actor: string, table: string, id = rows[table]) =>
  actAs(db, user(who[actor]!), async (c) => (await c.query(`select id from app_public.${table} where id = $1`, [id])).rowCount === 1);

test("visitors read none of the dispute tables", async (t) => {
  for (const table of TABLES) {
    t.is(await sqlstate(actAs(db, anonymous, (c) => c.query(`select * from app_public.${table}`))), "42501", table);
  }
});

test("a dispute, its evidence and its party-visible messages: both parties and disputes.read; not others nor analysts", async (t) => {
  for (const table of TABLES) {
    for (const actor of ["customer", "traveler", "support", "finance"]) t.true(await visible(actor, table), `${table}: ${actor}`);
    for (const actor of ["stranger", "analyst"]) t.false(await visible(actor, table), `${table}: ${actor}`);
  }
});

test("the dispute's conversation and its staff messages: both parties and disputes.read; not others nor analysts", async (t) => {
  for (const table of ["conversations", "conversation_messages"]) {
    for (const actor of ["customer", "traveler", "support", "finance"]) t.true(await visible(actor, table), `${table}: ${actor}`);
    for (const actor of ["stranger", "analyst"]) t.false(await visible(actor, table), `${table}: ${actor}`);
  }
});

test("internal notes: admins with disputes.read only, never the parties", async (t) => {
  for (const actor of ["support", "finance"]) t.true(await visible(actor, "dispute_messages", rows.internal), actor);
  for (const actor of ["customer", "traveler", "stranger", "analyst"]) t.false(await visible(actor, "dispute_messages", rows.internal), actor);
});

test("nobody writes the tables directly, parties and admins included", async (t) => {
  for (const actor of ["customer", "support"]) {
    const as = (sql: string, params: unknown[] = []) => sqlstate(actAs(db, user(who[actor]!), (c) => c.query(sql, params)));
    t.is(await as("update app_public.disputes set status = 'resolved', resolved_at = now() where id = $1", [rows.disputes]), "42501", actor);
    t.is(await as("delete from app_public.disputes where id = $1", [rows.disputes]), "42501", actor);
    t.is(await as(`insert into app_public.dispute_messages (dispute_id, author_id, body) values ($1, $2, 'x')`, [rows.disputes, who[actor]]), "42501", actor);
    t.is(await as("update app_public.dispute_messages set is_internal = false where id = $1", [rows.internal]), "42501", actor);
    t.is(await as("delete from app_public.dispute_evidence where id = $1", [rows.dispute_evidence]), "42501", actor);
    t.is(await as(`insert into app_public.dispute_evidence (dispute_id, type, content, sha256) values ($1, 'text', '{}', repeat('b', 64))`,
      [rows.disputes]), "42501", actor);
  }
});

test("evidence and messages are append-only, for the owner too; one open dispute per delivery", async (t) => {
  t.is(await sqlstate(queryAsRoot(db, "update app_public.dispute_messages set body = 'edited' where id = $1", [rows.dispute_messages])), "DNIED");
  t.is(await sqlstate(queryAsRoot(db, "delete from app_public.dispute_evidence where id = $1", [rows.dispute_evidence])), "DNIED");
  t.is(await sqlstate(queryAsRoot(db, `insert into app_public.disputes (delivery_id, category, description, complainant_id,
      respondent_id, currency, response_due_at, due_date)
    select delivery_id, 'other', 'A second complaint.', respondent_id, complainant_id, 'EUR', now(), now() from app_public.disputes
     where id = $1`, [rows.disputes])), "23505");
});
