// searchTrips as a signed-in user through the API, one call after another, with the bench's statement timeout:
// p50/p95 of the calls that answered, and how many hit the timeout (after three timeouts in a row the section
// stops and says so rather than waiting out every call).
import type { Actor } from "../actors.ts";
import type { Point } from "../cases.ts";
import { READS } from "../cases.ts";
import { progressBar } from "../../lib/progress.ts";
import { percentile } from "../stats.ts";
import { sendGraphql } from "./compare.ts";

export interface SearchFigures {
  size: string;
  calls: number;
  answered: number;
  timeouts: number;
  p50?: number;
  p95?: number;
  results: number;
}

export async function benchSearch(
  apiUrl: string,
  size: string,
  actors: Actor[],
  routes: Array<{ origin: Point; destination: Point }>,
  calls: number,
  timeoutMs: number
): Promise<SearchFigures> {
  const search = READS.find((c) => c.name === "searchTrips")!;
  const ms: number[] = [];
  let timeouts = 0;
  let streak = 0;
  let results = 0;
  const bar = progressBar(`searchTrips (${size})`, calls);
  let made = 0;
  for (let i = 0; i < calls && streak < 3; i++, made++) {
    const route = routes[i % routes.length]!;
    const reply = await sendGraphql(apiUrl, search, actors[i % actors.length]!, {
      origin: route.origin,
      destination: route.destination,
    });
    const body = JSON.parse(reply.body) as { data?: { searchTrips?: { nodes: unknown[] } }; errors?: unknown[] };
    if (body.errors?.length) {
      // The API masks a statement timeout (57014) as an unexpected error: one that took the timeout is one.
      if (reply.ms < timeoutMs * 0.9) {
        throw new Error(`searchTrips failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
      timeouts++;
      streak++;
    } else {
      streak = 0;
      ms.push(reply.ms);
      results += body.data?.searchTrips?.nodes.length ?? 0;
    }
    bar.tick();
  }
  bar.done(streak >= 3 ? "(stopped: 3 timeouts in a row)" : "");
  return {
    size,
    calls: made,
    answered: ms.length,
    timeouts,
    p50: ms.length ? percentile(ms, 0.5) : undefined,
    p95: ms.length ? percentile(ms, 0.95) : undefined,
    results: ms.length ? results / ms.length : 0,
  };
}
