// The write: createDeliveryRequest through GraphQL against the same SQL function called by the hand-written
// endpoint. Writers are many customers (each may hold at most 20 open requests); the open requests and matching jobs
// of earlier bench runs are cleared first, so the bench database can be reused.
import type pg from "pg";
import { type Actor, sampleUsers, signIn } from "../actors.ts";
import { discardJobs } from "../database.ts";
import type { Fixtures } from "../fixtures.ts";
import type { RequestDetails } from "../cases.ts";

export const WRITE_TITLE = "Bench write";

export async function clearBenchWrites(owner: pg.ClientBase): Promise<void> {
  await owner.query(
    `update app_public.delivery_requests
                        set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'other'
                      where title like $1 and status in ('pending', 'matched')`,
    [`${WRITE_TITLE} %`]
  );
  await discardJobs(owner, ["matching__record_candidates"]);
}

export async function signInWriters(owner: pg.ClientBase, jwtSecret: string, count = 1500): Promise<Actor[]> {
  const ids = await sampleUsers(
    owner,
    count,
    `u.user_type in ('customer', 'both') and u.verification_level >= 'email_verified'
    and (select count(*) from app_public.delivery_requests r
          where r.customer_id = u.id and r.status in ('pending', 'matched')) < 10`
  );
  return signIn(owner, ids, jwtSecret);
}

export function writeDraw(writers: Actor[], fixtures: Fixtures) {
  return (i: number) => {
    const route = fixtures.routes[i % fixtures.routes.length]!;
    const start = Date.now() + 2 * 86_400_000 + (i % 1000) * 60_000;
    const details: RequestDetails = {
      title: `${WRITE_TITLE} ${i}`,
      category: "other",
      itemName: "Box of books",
      weightKg: "2.5",
      pickupAddress: "1 Bench Street",
      pickupPoint: route.origin,
      pickupCity: "Origin",
      pickupCountry: "FR",
      deliveryAddress: "2 Bench Street",
      deliveryPoint: route.destination,
      deliveryCity: "Destination",
      deliveryCountry: "DE",
      pickupWindowStart: new Date(start).toISOString(),
      pickupWindowEnd: new Date(start + 6 * 3_600_000).toISOString(),
      maxPrice: "5000",
    };
    return { actor: writers[i % writers.length]!, variables: { details } };
  };
}
