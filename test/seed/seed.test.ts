// `npm run db:seed` (scripts/seed): the small size on a fresh database gives a consistent marketplace — the rows
// the derived columns would have from the real triggers, statuses that agree with each other, triggers back on —
// and the seeded users can sign in through the API with the documented password.
import test from "ava";
import pg from "pg";
import { isSeeded, type SeedCounts, seedDatabase, silentBars } from "../../scripts/seed/seed.ts";
import { SEED_EMAIL_DOMAIN, SEED_PASSWORD } from "../../scripts/seed/sizes.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
let counts: SeedCounts;

test.serial.before(async () => {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    counts = await seedDatabase(client, "small", { bars: silentBars });
    if (!(await isSeeded(client))) throw new Error("isSeeded does not see the seed");
  } finally {
    await client.end();
  }
});

test("small seeds a few hundred rows of every kind", (t) => {
  t.true(counts.users >= 100 && counts.trips >= 300 && counts.requests >= 200, JSON.stringify(counts));
  t.true(counts.deliveries > 50 && counts.offers >= counts.deliveries && counts.reviews > 20, JSON.stringify(counts));
});

test("every trip's capacity left is its capacity less what its reservations hold", async (t) => {
  const [gaps] = await queryAsRoot(db, `
    select count(*)::int as trips from app_public.trips t
      left join (select trip_id, sum(weight_kg) as w, sum(volume_l) as v, sum(items) as i
                   from app_public.trip_capacity_reservations where status in ('reserved', 'consumed') group by trip_id) r
             on r.trip_id = t.id
     where t.capacity_weight_kg - t.available_weight_kg <> coalesce(r.w, 0)
        or t.capacity_volume_l - t.available_volume_l <> coalesce(r.v, 0)
        or t.capacity_items - t.available_items <> coalesce(r.i, 0)`);
  t.is(gaps!.trips, 0);
});

test("statuses agree: requests follow their delivery, reservations theirs, offers accepted once", async (t) => {
  const [row] = await queryAsRoot(db, `
    select (select count(*) from app_public.deliveries d join app_public.delivery_requests r on r.id = d.request_id
             where d.status <> 'cancelled' and r.status <> app_hidden.request_status_for(d.status))::int as request_mismatch,
           (select count(*) from app_public.deliveries d join app_public.trip_capacity_reservations c on c.delivery_id = d.id
             where (d.status = 'delivered') <> (c.status = 'consumed'))::int as reservation_mismatch,
           (select count(*) from app_public.deliveries d join app_public.trips t on t.id = d.trip_id
             where t.traveler_id <> d.traveler_id or d.customer_id = d.traveler_id)::int as wrong_parties,
           (select count(*) from app_public.delivery_status_history h
             join app_public.deliveries d on d.id = h.delivery_id
             where h.to_status = d.status)::int as histories_ending_in_status,
           (select count(*) from app_public.deliveries)::int as deliveries`);
  t.is(row!.request_mismatch, 0);
  t.is(row!.reservation_mismatch, 0);
  t.is(row!.wrong_parties, 0);
  t.is(row!.histories_ending_in_status, row!.deliveries);
});

test("statistics and ratings are what the deliveries and reviews say", async (t) => {
  const [row] = await queryAsRoot(db, `
    select count(*)::int as wrong from app_public.user_statistics s
     where s.total_ratings <> (select count(*) from app_public.reviews r where r.reviewee_id = s.user_id)
        or s.successful_deliveries <> (select count(*) from app_public.deliveries d
                                        where d.status = 'delivered' and s.user_id in (d.customer_id, d.traveler_id))`);
  t.is(row!.wrong, 0);
});

test("statistics are public exactly when their active owner shows them (what the visibility triggers keep)", async (t) => {
  const [row] = await queryAsRoot(db, `
    select count(*)::int as wrong from app_public.user_statistics s
      join app_public.users u on u.id = s.user_id join app_public.user_preferences p on p.user_id = u.id
     where s.is_public <> (coalesce((p.privacy ->> 'show_statistics')::boolean, false) and u.status = 'active'
                           and u.deleted_at is null)`);
  t.is(row!.wrong, 0);
});

test("the seed leaves every trigger it switched off on again", async (t) => {
  const disabled = await queryAsRoot(db, `
    select tgrelid::regclass::text as table_name, tgname from pg_trigger
     where not tgisinternal and tgenabled = 'D'`);
  t.deepEqual(disabled, []);
});

test("a seeded user signs in with the documented password", async (t) => {
  const [user] = await queryAsRoot<{ email: string }>(db, `
    select c.email from app_public.user_contacts c join app_public.users u on u.id = c.user_id
     where u.status = 'active' and c.email like $1 limit 1`, [`%@${SEED_EMAIL_DOMAIN}`]);
  const response = await server.gql(`mutation ($email: String!, $password: String!) {
      login(input: { email: $email, password: $password }) { authResult { accessToken } } }`,
    { variables: { email: user!.email, password: SEED_PASSWORD } });
  t.truthy(response.data?.login?.authResult?.accessToken, JSON.stringify(response));
});
