// Who calls and with what: signed-in customers (who also travel), travelers with trips, and search points on real
// routes, drawn from the bench database in a stable order so that runs are comparable.
import type pg from "pg";
import { type Actor, sampleUsers, signIn } from "./actors.ts";
import type { Point } from "./cases.ts";

export interface Fixtures {
  callers: Actor[];
  travelerIds: string[];
  routes: Array<{ origin: Point; destination: Point }>;
}

export async function loadFixtures(owner: pg.ClientBase, jwtSecret: string, callers = 200): Promise<Fixtures> {
  const callerIds = await sampleUsers(
    owner,
    callers,
    `u.user_type = 'both' and u.verification_level >= 'email_verified'
    and exists (select 1 from app_public.delivery_requests r where r.customer_id = u.id)`
  );
  const travelerIds = await sampleUsers(
    owner,
    500,
    "exists (select 1 from app_public.trips t where t.traveler_id = u.id)"
  );
  const { rows } = await owner.query<{ origin: string; destination: string }>(`
    select public.st_asgeojson(origin_point) as origin, public.st_asgeojson(destination_point) as destination
      from app_public.trips where status = 'upcoming' and visibility = 'public'
     order by md5(id::text) limit 100`);
  return {
    callers: await signIn(owner, callerIds, jwtSecret),
    travelerIds,
    routes: rows.map((r) => ({
      origin: JSON.parse(r.origin) as Point,
      destination: JSON.parse(r.destination) as Point,
    })),
  };
}

/** The variables of request number i of a read: every read gets what it needs from the same draw. */
export function readVariables(fixtures: Fixtures, i: number): { actor: Actor; variables: Record<string, unknown> } {
  const actor = fixtures.callers[i % fixtures.callers.length]!;
  const route = fixtures.routes[i % fixtures.routes.length]!;
  return {
    actor,
    variables: {
      now: new Date().toISOString(),
      travelerId: fixtures.travelerIds[i % fixtures.travelerIds.length],
      customerId: actor.userId,
      origin: route.origin,
      destination: route.destination,
    },
  };
}
