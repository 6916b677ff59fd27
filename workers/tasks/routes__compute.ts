// Enqueued by requestRoute ({ id } of a pending route, job key routes__compute:<id>): orders the trip's stops and
// stores distance, duration, detour and alternatives (app_private.compute_route; docs/tracking.md, Routes). At least
// once is fine: a route no longer pending is left alone.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";

/** Needs nothing but the database. */
export function makeRoutesComputeTask(): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("routes__compute", payload);
    await helpers.withPgClient((client) => client.query("select app_private.compute_route($1)", [id]));
  };
}
