// Records the best matches of a new trip or delivery request (enqueued by the _900_enqueue_matching insert triggers
// with the payload { trip_id } or { request_id }) in request_matches and emails the other side of each new pair
// (app_private.record_match_candidates). At least once is fine: a repeated job refreshes the scores and emails
// nobody twice.
import type { Task } from "graphile-worker";
import { isUuid } from "../payload.ts";

export interface MatchingPayload {
  requestId: string | null;
  tripId: string | null;
}

/** Exactly one of trip_id and request_id, a uuid; SQL-enqueued jobs bypass TypeScript, so this is checked. */
export function assertMatchingPayload(payload: unknown): MatchingPayload {
  if (typeof payload === "object" && payload !== null) {
    const keys = Object.keys(payload);
    const value = (payload as Record<string, unknown>)[keys[0] ?? ""];
    if (keys.length === 1 && isUuid(value)) {
      if (keys[0] === "trip_id") return { requestId: null, tripId: value };
      if (keys[0] === "request_id") return { requestId: value, tripId: null };
    }
  }
  throw new Error(
    `matching__record_candidates expects { trip_id: uuid } or { request_id: uuid }, got ${JSON.stringify(payload)}`
  );
}

/** Needs nothing but the database. */
export function makeMatchingRecordCandidatesTask(): Task {
  return async (payload, helpers) => {
    const { requestId, tripId } = assertMatchingPayload(payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ emailed: number }>("select app_private.record_match_candidates($1, $2) as emailed", [
        requestId,
        tripId,
      ])
    );
    helpers.logger.info("match candidates recorded", { requestId, tripId, emailed: rows[0]?.emailed });
  };
}
