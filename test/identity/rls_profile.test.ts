// RLS matrix for the profile tables and the user_profiles view: anonymous, the owner, another user and an admin ×
// select / insert / update / delete. Denied writes raise 42501 (missing grant or failed with check) or touch zero
// rows (hidden by a policy). Every probe runs in a rolled-back transaction, so the fixtures never change.
import test from "ava";
import { actAs, addAddress, anonymous, commitAs, createUser, makeAdmin, user, type Actor } from "../helpers/actors.ts";
import { asRoot, outcome, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";

const db = useTestDatabase(test);
let owner: string;
let other: string;
let admin: string;
let analyst: string;
let address: string;
let document: string;
let block: string;
let favorite: string;
let report: string;
let ownerImage: string;
/** The acting user's own spare verification image (each actor has one, made in the before hook). */
const OWN_IMAGE = `(select f.id from app_public.files f where f.owner_id = app_public.current_user_id()
  and f.purpose = 'verification_document' and f.attached_at is null limit 1)`;

test.before(async () => {
  owner = (await createUser(db, { firstName: "Olive" })).id;
  other = (await createUser(db, { firstName: "Otto" })).id;
  admin = (await createUser(db, { firstName: "Ada" })).id;
  analyst = (await createUser(db, { firstName: "Anna" })).id;
  await makeAdmin(db, admin, "admin");
  await makeAdmin(db, analyst, "analyst");
  address = await addAddress(db, owner);
  ownerImage = await readyFile(db, owner, "verification_document");
  // A ready image each for the matrix's own inserts (OWN_IMAGE), rolled back with them.
  await readyFile(db, owner, "verification_document");
  await readyFile(db, other, "verification_document");
  await asRoot(db, async (c) => {
    await c.query("update app_public.users set user_type = 'both' where id = $1", [other]);
    document = (await c.query(
      `insert into app_public.user_verification_documents (user_id, document_type, front_image_id)
       values ($1, 'utility_bill', $2) returning id`, [owner, ownerImage])).rows[0].id;
    block = (await c.query("insert into app_public.user_blocks (blocker_id, blocked_id) values ($1, $2) returning id",
      [owner, analyst])).rows[0].id;
    favorite = (await c.query("insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2) returning id",
      [owner, other])).rows[0].id;
    // Money totals exist per currency once a user delivered or was delivered for.
    await c.query("insert into app_public.user_earnings (user_id, currency, total_earnings) values ($1, 'EUR', 1000)", [owner]);
    report = (await c.query(
      `insert into app_public.user_reports (reporter_id, reported_user_id, category, description)
       values ($1, $2, 'spam', 'Sends unsolicited adverts') returning id`, [owner, other])).rows[0].id;
  });
});


const who = (actor: Actor) => (actor.kind === "anonymous" ? "anonymous" : actor.userId === owner ? "owner"
  : actor.userId === other ? "other user" : actor.userId === admin ? "admin" : "analyst");

interface Case {
  title: string;
  sql: () => string;
  params?: () => unknown[];
  /** Expected SQLSTATE, or number of rows, per actor. */
  expect: Array<[() => Actor, string | number]>;
}

const anon = () => anonymous;
const asOwner = () => user(owner);
const asOther = () => user(other);
const asAdmin = () => user(admin);
const asAnalyst = () => user(analyst);

const cases: Case[] = [
  // user_addresses: owner-only, plus users.read
  { title: "user_addresses select", sql: () => "select 1 from app_public.user_addresses where id = $1", params: () => [address],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "user_addresses insert own (user_id from the session)",
    sql: () => "insert into app_public.user_addresses (street, city, country) values ('2 Side St', 'Paris', 'FR')",
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 1], [asAdmin, 1]] },
  { title: "user_addresses insert for someone else",
    sql: () => "insert into app_public.user_addresses (user_id, street, city, country) values ($1, 'X', 'Y', 'FR')",
    params: () => [owner], expect: [[asOther, "42501"], [asAdmin, "42501"]] },
  { title: "user_addresses update", sql: () => "update app_public.user_addresses set city = 'Hamburg' where id = $1",
    params: () => [address], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },
  { title: "user_addresses update is_default or user_id",
    sql: () => "update app_public.user_addresses set is_default = false, user_id = user_id where id = $1",
    params: () => [address], expect: [[asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_addresses delete", sql: () => "delete from app_public.user_addresses where id = $1", params: () => [address],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },

  // user_preferences: owner-only, plus users.read; created with the user
  { title: "user_preferences select", sql: () => "select 1 from app_public.user_preferences where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "user_preferences insert", sql: () => "insert into app_public.user_preferences (user_id) values ($1)",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_preferences update",
    sql: () => `update app_public.user_preferences set privacy = '{"show_last_name": true, "show_statistics": false}' where user_id = $1`,
    params: () => [owner], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },
  { title: "user_preferences delete", sql: () => "delete from app_public.user_preferences where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },

  // user_statistics: shared by default (show_statistics), maintained by triggers only
  { title: "user_statistics select (shown)", sql: () => "select 1 from app_public.user_statistics where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, 1], [asOther, 1], [asAdmin, 1]] },
  { title: "user_statistics insert", sql: () => "insert into app_public.user_statistics (user_id) values ($1)",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_statistics update", sql: () => "update app_public.user_statistics set total_trips = 99 where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_statistics delete", sql: () => "delete from app_public.user_statistics where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },

  // user_earnings: owner and users.read only
  { title: "user_earnings select", sql: () => "select 1 from app_public.user_earnings where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1], [asAnalyst, 1]] },
  { title: "user_earnings insert", sql: () => "insert into app_public.user_earnings (user_id, currency) values ($1, 'USD')",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_earnings update", sql: () => "update app_public.user_earnings set total_earnings = 1 where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_earnings delete", sql: () => "delete from app_public.user_earnings where user_id = $1",
    params: () => [owner], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },

  // user_verification_documents: owner inserts and reads; users.verify reads (analyst lacks it)
  { title: "user_verification_documents select", sql: () => "select 1 from app_public.user_verification_documents where id = $1",
    params: () => [document], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1], [asAnalyst, 0]] },
  { title: "user_verification_documents insert own",
    sql: () => `insert into app_public.user_verification_documents (document_type, front_image_id) values ('other', ${OWN_IMAGE})`,
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 1]] },
  { title: "user_verification_documents insert for someone else",
    sql: () => "insert into app_public.user_verification_documents (user_id, document_type, front_image_id) values ($1, 'other', $2)",
    params: () => [owner, ownerImage], expect: [[asOther, "42501"], [asAdmin, "42501"]] },
  { title: "user_verification_documents insert with a status",
    sql: () => `insert into app_public.user_verification_documents (document_type, front_image_id, status) values ('other', ${OWN_IMAGE}, 'approved')`,
    expect: [[asOwner, "42501"]] },
  { title: "user_verification_documents update", sql: () => "update app_public.user_verification_documents set status = 'approved' where id = $1",
    params: () => [document], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_verification_documents delete", sql: () => "delete from app_public.user_verification_documents where id = $1",
    params: () => [document], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },

  // user_blocks: the blocker only — not the blocked user, not admins
  { title: "user_blocks select", sql: () => "select 1 from app_public.user_blocks where id = $1", params: () => [block],
    expect: [[anon, "42501"], [asOwner, 1], [asAnalyst, 0], [asOther, 0], [asAdmin, 0]] },
  { title: "user_blocks insert own", sql: () => "insert into app_public.user_blocks (blocked_id) values ($1)",
    params: () => [other], expect: [[anon, "42501"], [asOwner, 1], [asAdmin, 1]] },
  { title: "user_blocks insert for someone else", sql: () => "insert into app_public.user_blocks (blocker_id, blocked_id) values ($1, $2)",
    params: () => [owner, admin], expect: [[asOther, "42501"], [asAdmin, "42501"]] },
  { title: "user_blocks update", sql: () => "update app_public.user_blocks set reason = 'spam' where id = $1",
    params: () => [block], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_blocks delete", sql: () => "delete from app_public.user_blocks where id = $1", params: () => [block],
    expect: [[anon, "42501"], [asOwner, 1], [asAnalyst, 0], [asAdmin, 0]] },

  // user_favorites: the owner only
  { title: "user_favorites select", sql: () => "select 1 from app_public.user_favorites where id = $1", params: () => [favorite],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },
  { title: "user_favorites insert own", sql: () => "insert into app_public.user_favorites (traveler_id) values ($1)",
    params: () => [other], expect: [[anon, "42501"], [asAdmin, 1]] },
  { title: "user_favorites insert for someone else", sql: () => "insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2)",
    params: () => [admin, other], expect: [[asOwner, "42501"], [asAnalyst, "42501"]] },
  { title: "user_favorites update", sql: () => "update app_public.user_favorites set traveler_id = $2 where id = $1",
    params: () => [favorite, admin], expect: [[anon, "42501"], [asOwner, "42501"]] },
  { title: "user_favorites delete", sql: () => "delete from app_public.user_favorites where id = $1", params: () => [favorite],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },

  // user_reports: the reporter and moderators / users.read; never the reported user
  { title: "user_reports select", sql: () => "select 1 from app_public.user_reports where id = $1", params: () => [report],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1], [asAnalyst, 1]] },
  { title: "user_reports insert own",
    sql: () => "insert into app_public.user_reports (reported_user_id, category, description) values ($1, 'fraud', 'Asked for payment outside')",
    params: () => [owner], expect: [[anon, "42501"], [asOther, 1], [asAdmin, 1]] },
  { title: "user_reports insert for someone else",
    sql: () => "insert into app_public.user_reports (reporter_id, reported_user_id, category, description) values ($1, $2, 'fraud', 'Asked for payment outside')",
    params: () => [admin, owner], expect: [[asOther, "42501"]] },
  { title: "user_reports update", sql: () => "update app_public.user_reports set status = 'dismissed' where id = $1",
    params: () => [report], expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },
  { title: "user_reports delete", sql: () => "delete from app_public.user_reports where id = $1", params: () => [report],
    expect: [[anon, "42501"], [asOwner, "42501"], [asAdmin, "42501"]] },

  // user_profiles view: read-only, rows as users. It joins, so it is not updatable at all: every write fails with
  // 55000 (object not in prerequisite state) before privileges or rows are looked at.
  { title: "user_profiles select", sql: () => "select 1 from app_public.user_profiles where id = $1", params: () => [owner],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 1], [asAdmin, 1]] },
  { title: "user_profiles insert", sql: () => "insert into app_public.user_profiles (id, display_name) values (gen_random_uuid(), 'X')",
    expect: [[anon, "55000"], [asOwner, "55000"], [asAdmin, "55000"]] },
  { title: "user_profiles update", sql: () => "update app_public.user_profiles set bio = 'x' where id = $1", params: () => [owner],
    expect: [[anon, "55000"], [asOwner, "55000"], [asAdmin, "55000"]] },
  { title: "user_profiles delete", sql: () => "delete from app_public.user_profiles where id = $1", params: () => [owner],
    expect: [[anon, "55000"], [asOwner, "55000"], [asAdmin, "55000"]] },
];

for (const c of cases) {
  test(c.title, async (t) => {
    for (const [actor, expected] of c.expect) {
      const got = await actAs(db, actor(), (client) => outcome(client, c.sql(), c.params?.() ?? []));
      t.is(got, expected, `${c.title} as ${who(actor())}`);
    }
  });
}

test("statistics are hidden from others when the owner turns show_statistics off; owner and admins still see them", async (t) => {
  const shy = (await createUser(db)).id;
  const showStatistics = (show: boolean) => commitAs(db, user(shy), (c) =>
    c.query("select app_public.update_preferences(privacy => jsonb_build_object('show_statistics', $1::boolean))", [show]));
  const visible = (actor: Actor) => actAs(db, actor, async (c) =>
    (await c.query("select 1 from app_public.user_statistics where user_id = $1", [shy])).rowCount);
  t.is(await visible(user(owner)), 1, "shown by default");
  await showStatistics(false);
  t.is(await visible(user(owner)), 0);
  t.is(await visible(user(shy)), 1);
  t.is(await visible(user(admin)), 1);
  await showStatistics(true);
  t.is(await visible(user(owner)), 1, "shown again");
});

test("statistics of an account others cannot see (suspended, pending, deleted) are hidden with it, and shown again when it is active", async (t) => {
  const member = (await createUser(db)).id;
  const visible = () => actAs(db, user(owner), async (c) =>
    (await c.query("select 1 from app_public.user_statistics where user_id = $1", [member])).rowCount);
  const setState = (sql: string) => asRoot(db, (c) => c.query(`update app_public.users set ${sql} where id = $1`, [member]));
  t.is(await visible(), 1);
  await setState("status = 'suspended', suspended_until = now() + interval '1 day'");
  t.is(await visible(), 0, "suspended");
  await setState("status = 'active', suspended_until = null");
  t.is(await visible(), 1, "active again");
  await setState("status = 'pending'");
  t.is(await visible(), 0, "pending");
  await setState("status = 'active', deleted_at = now()");
  t.is(await visible(), 0, "deleted");
  t.is(await asRoot(db, async (c) => (await c.query("select is_public from app_public.user_statistics where user_id = $1",
    [member])).rows[0].is_public), false, "the flag follows the account");
});

test("a referral code is read by its owner and admins with users.read only: it is not part of the public users row", async (t) => {
  const code = (actor: Actor) => actAs(db, actor, async (c) =>
    (await c.query("select referral_code from app_public.user_contacts where user_id = $1", [owner])).rows[0]?.referral_code);
  t.regex(await code(user(owner)) ?? "", /^[0-9A-F]{10}$/);
  t.is(await code(user(admin)), await code(user(owner)));
  t.is(await code(user(other)), undefined, "another user does not see it");
  t.is(await actAs(db, user(other), (c) => outcome(c, "select referral_code from app_public.users where id = $1", [owner])),
    "42703", "users has no referral_code column any more");
});

test("the blocked user cannot learn about the block, even by trying to insert it again", async (t) => {
  await actAs(db, user(analyst), async (c) => {
    t.is((await c.query("select count(*)::int as n from app_public.user_blocks")).rows[0].n, 0);
    t.is(await sqlstate(c.query("delete from app_public.user_blocks where blocker_id = $1", [owner])), undefined);
  });
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_public.user_blocks where id = $1", [block])).rows[0].n), 1);
});
