// Profile, addresses, preferences, statistics and the user_profiles view: happy paths over GraphQL with real
// tokens, rules and failures over SQL as the real roles.
import test from "ava";
import { actAs, addAddress, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { user { rowId firstName displayName bio pictureId userType status verificationLevel } } }`;

test("updateProfile changes names, bio, picture and user type over GraphQL", async (t) => {
  const { id } = await createUser(db, { firstName: "Mia", lastName: "Lopez" });
  const token = await tokenFor(db, id);
  const [picture, newPicture] = [await readyFile(db, id, "avatar"), await readyFile(db, id, "avatar")];
  const res = await server.gql(UPDATE_PROFILE, { token, variables: { input: {
    firstName: " Maria ", lastName: "Garcia", bio: "I fly Berlin–Madrid twice a month.", pictureId: picture,
    userType: "both" } } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.updateProfile.user, { rowId: id, firstName: "Maria", displayName: "Maria G.",
    bio: "I fly Berlin–Madrid twice a month.", pictureId: picture, userType: "both", status: "active",
    verificationLevel: "unverified" });

  const cleared = await server.gql(UPDATE_PROFILE, { token, variables: { input: { bio: "" } } });
  t.like(cleared.data!.updateProfile.user, { firstName: "Maria", bio: null, pictureId: picture, userType: "both" });

  // A new picture replaces the old one, whose file is deleted; updateUser with pictureId null removes the picture.
  const replaced = await server.gql(UPDATE_PROFILE, { token, variables: { input: { pictureId: newPicture } } });
  t.like(replaced.data!.updateProfile.user, { pictureId: newPicture });
  const files = () => asRoot(db, async (c) => (await c.query(
    "select id from app_public.files where owner_id = $1 order by id", [id])).rows.map((r) => r.id as string));
  t.deepEqual(await files(), [newPicture]);
  const removed = await server.gql(`mutation ($id: UUID!) { updateUser(input: { rowId: $id, patch: { pictureId: null } }) {
    user { pictureId } } }`, { token, variables: { id } });
  t.deepEqual(removed.data, { updateUser: { user: { pictureId: null } } });
  t.deepEqual(await files(), []);
});

test("a picture must be a ready avatar file of one's own, directly too (INVAL or BADST naming picture_id)", async (t) => {
  const { id } = await createUser(db);
  const { id: other } = await createUser(db);
  const token = await tokenFor(db, id);
  const pending = await readyFile(db, id, "avatar");
  await asRoot(db, (c) => c.query("update app_public.files set status = 'pending', ready_at = null where id = $1", [pending]));
  for (const [file, code] of [
    [await readyFile(db, other, "avatar"), "INVAL"],
    [await readyFile(db, id, "verification_document"), "INVAL"],
    ["00000000-0000-4000-8000-000000000000", "INVAL"],
    [pending, "BADST"],
  ] as const) {
    const res = await server.gql(UPDATE_PROFILE, { token, variables: { input: { pictureId: file } } });
    t.is(errorCode(res), code);
    t.regex(res.errors![0]!.message, /^picture_id: /);
    const direct = await server.gql(`mutation ($id: UUID!, $file: UUID!) { updateUser(input: { rowId: $id, patch: { pictureId: $file } }) {
      user { pictureId } } }`, { token, variables: { id, file } });
    t.is(errorCode(direct), code);
  }
  t.is(await asRoot(db, async (c) => (await c.query("select picture_id from app_public.users where id = $1", [id])).rows[0].picture_id), null);
});

for (const [label, input] of [
  ["an empty first name", { firstName: "  " }],
  ["a bio over 500 characters", { bio: "x".repeat(501) }],
  ["a last name over 100 characters", { lastName: "L".repeat(101) }],
] as const) {
  test(`updateProfile refuses ${label} with INVAL`, async (t) => {
    const { id } = await createUser(db);
    const res = await server.gql(UPDATE_PROFILE, { token: await tokenFor(db, id), variables: { input } });
    t.is(errorCode(res), "INVAL");
  });
}

test("updateProfile without a session is refused: only signed-in users may call it (DNIED: no execute grant, 42501 in SQL)", async (t) => {
  const res = await server.gql(UPDATE_PROFILE, { variables: { input: { firstName: "X" } } });
  t.is(errorCode(res), "DNIED");
});

test("a user can never raise their own status, verification level, deletion or referral through direct updates", async (t) => {
  const { id } = await createUser(db);
  await actAs(db, user(id), async (c) => {
    for (const sql of [
      "update app_public.users set verification_level = 'fully_verified' where id = $1",
      "update app_public.users set status = 'active' where id = $1",
      "update app_public.users set deleted_at = null, deactivated_at = null where id = $1",
      "update app_public.users set suspended_until = null where id = $1",
      "update app_public.user_contacts set referral_code = 'FREEMONEY' where user_id = $1",
      "update app_public.users set referred_by_user_id = id where id = $1",
    ]) {
      await c.query("savepoint s");
      t.is(await sqlstate(c.query(sql, [id])), "42501", sql);
      await c.query("rollback to savepoint s");
    }
    t.is(await sqlstate(c.query("select * from app_private.admin_users")), "42501", "admin roles are out of reach");
  });
  const res = await server.gql(`mutation { updateUser(input: { rowId: "${id}", patch: { verificationLevel: fully_verified } }) { user { rowId } } }`,
    { token: await tokenFor(db, id) });
  t.truthy(res.errors?.length, "UserPatch has no verificationLevel field");
  t.is(await asRoot(db, async (c) => (await c.query("select verification_level from app_public.users where id = $1", [id])).rows[0].verification_level),
    "unverified");
});

test("every account has preferences and statistics from sign-up, and a referral code (money totals come per currency with deliveries)", async (t) => {
  const { id } = await createUser(db);
  const row = await asRoot(db, async (c) => (await c.query(
    `select c.referral_code, p.privacy, p.location, s.total_deliveries, s.completion_rate, s.is_public,
            (select count(*)::int from app_public.user_earnings e where e.user_id = u.id) as money_rows
       from app_public.users u
       join app_public.user_contacts c on c.user_id = u.id
       join app_public.user_preferences p on p.user_id = u.id
       join app_public.user_statistics s on s.user_id = u.id
      where u.id = $1`, [id])).rows[0]);
  t.regex(row.referral_code, /^[0-9A-F]{10}$/);
  t.deepEqual(row.privacy, { show_last_name: false, show_statistics: true });
  t.deepEqual(row.location, { tracking_level: "approximate", delete_after_delivery: true });
  t.is(row.total_deliveries, 0);
  t.true(row.is_public, "an active account shows its statistics by default");
  t.is(row.completion_rate, null);
  t.is(row.money_rows, 0);
});

test("the 1:1 rows exist inside the transaction that creates the account (no later job)", async (t) => {
  const counts = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      const { rows } = await c.query<{ id: string }>(
        "insert into app_public.users (first_name, display_name) values ('Tx', 'Tx') returning id");
      return (await c.query(
        `select (select count(*)::int from app_public.user_preferences where user_id = $1) as preferences,
                (select count(*)::int from app_public.user_statistics where user_id = $1) as statistics,
                (select count(*)::int from app_public.user_earnings where user_id = $1) as earnings`, [rows[0]!.id])).rows[0];
    } finally {
      await c.query("rollback");
    }
  });
  t.deepEqual(counts, { preferences: 1, statistics: 1, earnings: 0 });
});

test("addresses over GraphQL: the first becomes the default, setDefaultAddress switches it atomically", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const create = (street: string, lng: number, lat: number) => server.gql(`mutation ($a: UserAddressInput!) {
      createUserAddress(input: { userAddress: $a }) { userAddress { rowId userId street country isDefault point } } }`,
  { token, variables: { a: { street, city: "Lyon", country: "FR", addressType: "home",
    point: { type: "Point", coordinates: [lng, lat] } } } });
  const first = await create("1 Rue A", 4.83, 45.76);
  t.is(first.errors, undefined);
  t.like(first.data!.createUserAddress.userAddress, { userId: id, country: "FR", isDefault: true,
    point: { type: "Point", coordinates: [4.83, 45.76] } });
  const second = await create("2 Rue B", 4.84, 45.77);
  t.false(second.data!.createUserAddress.userAddress.isDefault);

  const switched = await server.gql(`mutation ($id: UUID!) { setDefaultAddress(input: { addressId: $id }) { userAddress { rowId isDefault } } }`,
    { token, variables: { id: second.data!.createUserAddress.userAddress.rowId } });
  t.deepEqual(switched.data!.setDefaultAddress.userAddress, { rowId: second.data!.createUserAddress.userAddress.rowId, isDefault: true });
  const list = await server.gql("{ userAddresses(orderBy: CREATED_AT_ASC) { nodes { street isDefault } } }", { token });
  t.deepEqual(list.data!.userAddresses.nodes, [{ street: "1 Rue A", isDefault: false }, { street: "2 Rue B", isDefault: true }]);

  const updated = await server.gql(`mutation ($id: UUID!) { updateUserAddress(input: { rowId: $id, patch: { city: "Grenoble" } }) { userAddress { city } } }`,
    { token, variables: { id: first.data!.createUserAddress.userAddress.rowId } });
  t.is(updated.data!.updateUserAddress.userAddress.city, "Grenoble");
});

test("parallel setDefaultAddress calls leave exactly one default, the one applied last", async (t) => {
  const { id } = await createUser(db);
  const addresses = [];
  for (let i = 0; i < 8; i++) addresses.push(await addAddress(db, id, { street: `${i} Parallel Road` }));
  const token = await tokenFor(db, id);
  const results = await Promise.all(addresses.map((address) => server.gql(
    `mutation ($id: UUID!) { setDefaultAddress(input: { addressId: $id }) { userAddress { isDefault } } }`,
    { token, variables: { id: address } })));
  t.deepEqual(results.map((r) => r.errors), addresses.map(() => undefined), "no call fails on the unique index");
  const defaults = await asRoot(db, async (c) => (await c.query(
    "select id from app_public.user_addresses where user_id = $1 and is_default", [id])).rows);
  t.is(defaults.length, 1);
  t.true(addresses.includes(defaults[0].id));
});

test("deleting the default address promotes the newest remaining one", async (t) => {
  const { id } = await createUser(db);
  const a = await addAddress(db, id, { street: "A" });
  const b = await addAddress(db, id, { street: "B" });
  const c = await addAddress(db, id, { street: "C" });
  await actAs(db, user(id), async (client) => {
    t.is((await client.query("delete from app_public.user_addresses where id = $1", [a])).rowCount, 1);
    const { rows } = await client.query("select id from app_public.user_addresses where is_default");
    t.deepEqual(rows.map((r) => r.id), [c]);
    t.not(b, c);
  });
});

test("a second default address is refused by the partial unique index (23505)", async (t) => {
  const { id } = await createUser(db);
  await addAddress(db, id);
  t.is(await sqlstate(addAddress(db, id, { isDefault: true })), "23505");
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("update app_public.user_addresses set is_default = true")), "42501",
      "is_default is not granted: it moves only through setDefaultAddress");
  });
});

test("setDefaultAddress refuses someone else's address with NTFND", async (t) => {
  const { id } = await createUser(db);
  const stranger = (await createUser(db)).id;
  const theirs = await addAddress(db, stranger);
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("select app_public.set_default_address($1)", [theirs])), "NTFND");
  });
});

for (const [label, country] of [["lower case", "fr"], ["three letters", "FRA"], ["digits", "F1"]] as const) {
  test(`an address with a country in ${label} is refused (23514)`, async (t) => {
    const { id } = await createUser(db);
    await actAs(db, user(id), async (c) => {
      t.is(await sqlstate(c.query("insert into app_public.user_addresses (street, city, country) values ('S', 'C', $1)", [country])), "23514");
    });
  });
}

const UPDATE_PREFERENCES = `mutation ($privacy: JSON, $location: JSON) {
  updatePreferences(input: { privacy: $privacy, location: $location }) { userPreference { privacy location } } }`;

test("updatePreferences merges keys; show_last_name switches the display name to the full name", async (t) => {
  const { id } = await createUser(db, { firstName: "Lena", lastName: "Schmidt" });
  const token = await tokenFor(db, id);
  const res = await server.gql(UPDATE_PREFERENCES, { token, variables: { privacy: { show_last_name: true }, location: { tracking_level: "minimal" } } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.updatePreferences.userPreference, {
    privacy: { show_last_name: true, show_statistics: true },
    location: { tracking_level: "minimal", delete_after_delivery: true } });
  const me = await server.gql("{ currentUser { displayName } }", { token });
  t.is(me.data!.currentUser.displayName, "Lena Schmidt");
  await server.gql(UPDATE_PREFERENCES, { token, variables: { privacy: { show_last_name: false } } });
  t.is((await server.gql("{ currentUser { displayName } }", { token })).data!.currentUser.displayName, "Lena S.");
});

for (const [label, vars] of [
  ["an unknown privacy key", { privacy: { show_email: true } }],
  ["a non-boolean privacy value", { privacy: { show_statistics: "yes" } }],
  ["a privacy array", { privacy: [true] }],
  ["an unknown tracking level", { location: { tracking_level: "exact" } }],
  ["an unknown location key", { location: { share_with: "all" } }],
] as const) {
  test(`updatePreferences refuses ${label} with INVAL`, async (t) => {
    const { id } = await createUser(db);
    const res = await server.gql(UPDATE_PREFERENCES, { token: await tokenFor(db, id), variables: vars });
    t.is(errorCode(res), "INVAL");
  });
}

test("a direct write of a malformed preference is refused by the table's CHECK (23514)", async (t) => {
  const { id } = await createUser(db);
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query(`update app_public.user_preferences set location = '{"tracking_level": "exact", "delete_after_delivery": true}'`)), "23514");
  });
});

const PROFILE = `query ($id: UUID!) { userProfile(rowId: $id) { rowId displayName totalDeliveries successRate completionRate
  averageRating earnings { currency totalEarnings totalSpent } } }`;

test("user_profiles: statistics follow show_statistics, money only for the user and admins", async (t) => {
  const { id: subject } = await createUser(db, { firstName: "Sam", lastName: "Stone" });
  const { id: viewer } = await createUser(db);
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");
  await asRoot(db, async (c) => {
    await c.query(`update app_public.user_statistics set total_deliveries = 4, successful_deliveries = 3, cancelled_deliveries = 1,
      total_ratings = 2, average_rating = 4.5 where user_id = $1`, [subject]);
    await c.query(`insert into app_public.user_earnings (user_id, currency, total_earnings, total_spent)
                   values ($1, 'USD', 12500, 300), ($1, 'EUR', 0, 700)`, [subject]);
  });
  const view = async (as: string) => (await server.gql(PROFILE, { token: await tokenFor(db, as), variables: { id: subject } })).data!.userProfile;

  const money = [{ currency: "EUR", totalEarnings: "0", totalSpent: "700" }, { currency: "USD", totalEarnings: "12500", totalSpent: "300" }];
  t.deepEqual(await view(viewer), { rowId: subject, displayName: "Sam S.", totalDeliveries: 4, successRate: "0.7500",
    completionRate: "0.7500", averageRating: "4.50", earnings: [] });
  t.like(await view(subject), { totalDeliveries: 4, earnings: money });
  t.like(await view(admin), { totalDeliveries: 4, earnings: money });

  await asRoot(db, (c) => c.query(`update app_public.user_preferences set privacy = privacy || '{"show_statistics": false}' where user_id = $1`, [subject]));
  t.deepEqual(await view(viewer), { rowId: subject, displayName: "Sam S.", totalDeliveries: null, successRate: null,
    completionRate: null, averageRating: null, earnings: [] });
  t.like(await view(subject), { totalDeliveries: 4, successRate: "0.7500", earnings: money }, "own row always");
  t.like(await view(admin), { totalDeliveries: 4, successRate: "0.7500" }, "admins always");
});

test("user_profiles hides pending and deleted accounts from other users", async (t) => {
  const { id: pending } = await createUser(db, { status: "pending" });
  const { id: deleted } = await createUser(db);
  await asRoot(db, (c) => c.query("update app_public.users set deleted_at = now() where id = $1", [deleted]));
  const { id: viewer } = await createUser(db);
  await actAs(db, user(viewer), async (c) => {
    const { rows } = await c.query("select id from app_public.user_profiles where id = any($1)", [[pending, deleted, viewer]]);
    t.deepEqual(rows.map((r) => r.id), [viewer]);
  });
});

test("neither the view nor the GraphQL profile types carry email, phone or birth date", async (t) => {
  const columns = await asRoot(db, async (c) => (await c.query(
    "select column_name from information_schema.columns where table_schema = 'app_public' and table_name = 'user_profiles'")).rows
    .map((r) => r.column_name as string));
  t.true(columns.length > 10);
  t.deepEqual(columns.filter((name) => /email|phone|birth|last_name/.test(name)), []);
  const types = await server.gql(`{ profile: __type(name: "UserProfile") { fields { name } }
    user: __type(name: "User") { fields { name } } }`);
  for (const type of [types.data!.profile, types.data!.user]) {
    const names = (type.fields as Array<{ name: string }>).map((f) => f.name);
    t.deepEqual(names.filter((name) => /email|phone|birth/i.test(name)), [], names.join(", "));
  }
  const { id: a } = await createUser(db, { email: "secret-a@example.test" });
  const { id: b } = await createUser(db);
  const res = await server.gql(`{ userProfile(rowId: "${a}") { rowId } users(condition: { rowId: "${a}" }) { nodes { userContact { email } } } }`,
    { token: await tokenFor(db, b) });
  t.is(res.data!.userProfile.rowId, a);
  t.deepEqual(res.data!.users.nodes, [{ userContact: null }], "another user's contact row stays hidden");
});

// ---- Date of birth (docs/identity.md: users are at least 18) ----

/** The date `years` years before today (UTC), plus `days`. */
function yearsAgo(years: number, days = 0): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
const birthDate = (id: string) => asRoot(db, async (c) => (await c.query(
  "select to_char(date_of_birth, 'YYYY-MM-DD') as d from app_public.user_contacts where user_id = $1", [id])).rows[0].d as string | null);

test("updateProfile sets the date of birth of someone at least 18, and refuses anyone younger with INVAL", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  for (const [label, date] of [["17 years and 364 days", yearsAgo(18, 1)], ["a future date", yearsAgo(-1)],
    ["before 1900", "1899-12-31"]] as const) {
    const res = await server.gql(UPDATE_PROFILE, { token, variables: { input: { dateOfBirth: date } } });
    t.is(res.errors?.[0]?.extensions?.code, "INVAL", label);
    t.regex(res.errors?.[0]?.message ?? "", /date of birth/i, label);
  }
  t.is(await birthDate(id), null, "nothing was stored");
  const adult = await server.gql(UPDATE_PROFILE, { token, variables: { input: { dateOfBirth: yearsAgo(18) } } });
  t.is(adult.errors, undefined, "18 today is enough");
  t.is(await birthDate(id), yearsAgo(18));
  const kept = await server.gql(UPDATE_PROFILE, { token, variables: { input: { bio: "Hello" } } });
  t.is(kept.errors, undefined);
  t.is(await birthDate(id), yearsAgo(18), "omitted, the date stays");
});

test("no write path stores the birth date of a minor: direct writes by the user or the owner are refused too", async (t) => {
  const { id } = await createUser(db);
  await asRoot(db, async (c) => {
    t.is(await sqlstate(c.query("update app_public.user_contacts set date_of_birth = $2 where user_id = $1", [id, yearsAgo(10)])), "INVAL");
    t.is(await sqlstate(c.query(
      `with u as (insert into app_public.users (first_name, display_name) values ('Kid', 'Kid') returning id)
       insert into app_public.user_contacts (user_id, email, date_of_birth) select id, 'kid@example.test', $1 from u`,
      [yearsAgo(17)])), "INVAL");
    t.is(await sqlstate(c.query("update app_public.user_contacts set date_of_birth = $2 where user_id = $1", [id, yearsAgo(30)])), undefined);
    t.is(await sqlstate(c.query("update app_public.user_contacts set date_of_birth = null where user_id = $1", [id])), undefined,
      "anonymisation clears it");
  });
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("update app_public.user_contacts set date_of_birth = $2 where user_id = $1", [id, yearsAgo(16)])), "INVAL",
      "the user's own direct write");
  });
  const viaPatch = await server.gql(`mutation ($id: UUID!, $date: Date!) {
    updateUserContact(input: { userId: $id, patch: { dateOfBirth: $date } }) { userContact { userId } } }`,
  { token: await tokenFor(db, id), variables: { id, date: yearsAgo(12) } });
  t.is(viaPatch.errors?.[0]?.extensions?.code, "INVAL", "the generated patch mutation");
  t.is(await birthDate(id), null);
});
