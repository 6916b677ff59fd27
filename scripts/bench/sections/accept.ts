// Accept contention through the API. Distinct trips: 64 customers accept 64 offers on 64 trips of 64 travelers at
// once (throughput: accepts per second). One trip: 64 customers accept 64 offers on one trip with room for 8 items
// at once; the trip's row lock serialises them, and the figure is how many were accepted beyond the capacity
// (must be 0) and whether capacity − available still equals what the reservations hold.
// The offers are made by the real API function (submit_offer as each traveler, in SQL) on fresh requests.
import pg from "pg";
import { type Actor, signIn } from "../actors.ts";
import type { BenchDatabase } from "../database.ts";
import { postJson } from "../http.ts";
import { progressBar } from "../../lib/progress.ts";

export interface AcceptFigures {
  parallel: number;
  distinctTrips: { accepted: number; seconds: number; perSecond: number; refused: Record<string, number> };
  oneTrip: {
    capacityItems: number;
    accepted: number;
    overbooked: number;
    invariantHolds: boolean;
    refused: Record<string, number>;
  };
}

const ACCEPT = `mutation ($offerId: UUID!) { acceptOffer(input: { offerId: $offerId, version: 1 }) { delivery { rowId } } }`;

/** Fresh open requests of the given customers (1 kg, one item, nothing a trip could refuse), as the owner. */
async function makeRequests(owner: pg.ClientBase, customerIds: string[]): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    `
    insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency, pickup_address,
      pickup_point, pickup_city, pickup_country, delivery_address, delivery_point, delivery_city, delivery_country,
      pickup_window_start, pickup_window_end, max_price, expires_at)
    select c, 'Bench accept parcel', 'other', 'Parcel', 1, 'EUR', 'Bench', 'SRID=4326;POINT(2.35 48.85)', 'Paris', 'FR',
           'Bench', 'SRID=4326;POINT(13.4 52.52)', 'Berlin', 'DE', now() + interval '2 days', now() + interval '3 days',
           100000, now() + interval '10 days'
      from unnest($1::uuid[]) with ordinality u(c, n) order by n
    returning id`,
    [customerIds]
  );
  return rows.map((r) => r.id);
}

/** submit_offer as the traveler: the API's own rules decide. */
async function submitOffer(authUrl: string, traveler: Actor, requestId: string, tripId: string): Promise<string> {
  const client = new pg.Client({ connectionString: authUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('role', 'app_user', true), set_config('jwt.claims.session_id', $1, true)", [
      traveler.sessionId,
    ]);
    const {
      rows: [offer],
    } = await client.query<{ id: string }>(
      "select id from app_public.submit_offer(request_id => $1, trip_id => $2, price => 1000)",
      [requestId, tripId]
    );
    await client.query("commit");
    return offer!.id;
  } finally {
    await client.end();
  }
}

async function acceptAll(apiUrl: string, customers: Actor[], offerIds: string[]) {
  const started = performance.now();
  const replies = await Promise.all(
    offerIds.map((offerId, i) =>
      postJson(
        `${apiUrl}/graphql`,
        { query: ACCEPT, variables: { offerId } },
        { authorization: `Bearer ${customers[i]!.token}` }
      )
    )
  );
  const seconds = (performance.now() - started) / 1000;
  const refused: Record<string, number> = {};
  let accepted = 0;
  for (const reply of replies) {
    const body = JSON.parse(reply.body) as {
      data?: { acceptOffer?: { delivery?: { rowId: string } } };
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    if (body.data?.acceptOffer?.delivery?.rowId) accepted++;
    else {
      const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${reply.status}`;
      refused[code] = (refused[code] ?? 0) + 1;
    }
  }
  return { accepted, seconds, refused };
}

export async function benchAccept(
  db: BenchDatabase,
  apiUrl: string,
  jwtSecret: string,
  parallel = 64
): Promise<AcceptFigures> {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const bar = progressBar("accept: offers", parallel * 2 + 2);
    // Travelers with no live delivery and no block, each with an upcoming trip with room; customers likewise unblocked.
    const { rows: trips } = await owner.query<{ trip_id: string; traveler_id: string }>(
      `
      select trip_id, traveler_id from (
        select distinct on (t.traveler_id) t.id as trip_id, t.traveler_id, u.verification_level as level
          from app_public.trips t join app_public.users u on u.id = t.traveler_id
         where t.status = 'upcoming' and t.departure_time > now() + interval '4 days' and t.available_items >= 2
           and t.available_weight_kg >= 5 and t.max_item_value is null
           and u.status = 'active' and u.verification_level >= 'phone_verified'
           and not exists (select 1 from app_public.deliveries d where d.traveler_id = u.id
                            and d.status not in ('delivered', 'cancelled'))
           and not exists (select 1 from app_public.user_blocks b where u.id in (b.blocker_id, b.blocked_id))
         order by t.traveler_id, md5(t.id::text)) candidates
       -- The first (an identity-verified traveler, whose live-delivery limit is above the trip's 8 items) gets the one trip.
       order by level >= 'id_verified' desc, md5(trip_id::text) limit $1`,
      [parallel + 1]
    );
    if (trips.length < parallel + 1) throw new Error(`accept bench: only ${trips.length} suitable trips`);
    const { rows: customerRows } = await owner.query<{ id: string }>(
      `
      select u.id from app_public.users u
       where u.status = 'active' and u.user_type in ('customer', 'both') and u.verification_level >= 'email_verified'
         and u.id <> all($2::uuid[])
         and not exists (select 1 from app_public.user_blocks b where u.id in (b.blocker_id, b.blocked_id))
       order by md5(u.id::text) limit $1`,
      [parallel * 2, trips.map((t) => t.traveler_id)]
    );
    const customers = await signIn(
      owner,
      customerRows.map((r) => r.id),
      jwtSecret
    );
    const travelers = await signIn(
      owner,
      trips.map((t) => t.traveler_id),
      jwtSecret
    );
    const requests = await makeRequests(
      owner,
      customers.map((c) => c.userId)
    );
    bar.tick(2);
    const distinctOffers: string[] = [];
    for (let i = 0; i < parallel; i++) {
      distinctOffers.push(await submitOffer(db.authUrl, travelers[i + 1]!, requests[i]!, trips[i + 1]!.trip_id));
      bar.tick();
    }
    // The one trip: the last traveler's, cut to 8 items (nothing is reserved on it: its traveler has no live delivery).
    const one = trips[0]!;
    const capacityItems = 8;
    await owner.query("update app_public.trips set capacity_items = $2, available_items = $2 where id = $1", [
      one.trip_id,
      capacityItems,
    ]);
    const oneOffers: string[] = [];
    for (let i = 0; i < parallel; i++) {
      oneOffers.push(await submitOffer(db.authUrl, travelers[0]!, requests[parallel + i]!, one.trip_id));
      bar.tick();
    }
    bar.done();
    const distinct = await acceptAll(apiUrl, customers.slice(0, parallel), distinctOffers);
    const single = await acceptAll(apiUrl, customers.slice(parallel), oneOffers);
    const {
      rows: [check],
    } = await owner.query<{ capacity: number; available: number; held: number }>(
      `
      select t.capacity_items as capacity, t.available_items as available,
             coalesce((select sum(r.items) from app_public.trip_capacity_reservations r
                        where r.trip_id = t.id and r.status in ('reserved', 'consumed')), 0)::int as held
        from app_public.trips t where t.id = $1`,
      [one.trip_id]
    );
    return {
      parallel,
      distinctTrips: { ...distinct, perSecond: distinct.accepted / distinct.seconds },
      oneTrip: {
        capacityItems,
        accepted: single.accepted,
        overbooked: Math.max(0, single.accepted - capacityItems),
        invariantHolds: check!.capacity - check!.available === check!.held && check!.available >= 0,
        refused: single.refused,
      },
    };
  } finally {
    await owner.end();
  }
}
