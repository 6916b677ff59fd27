// The server levers, measured side by side: every way of running the API is started at once (idle ones cost
// nothing), and each round runs a short closed-loop burst against each of them and against the hand-written
// baseline, in an order that rotates every round. A variant's ratio is taken against the baseline burst of the same
// round, so that load from elsewhere on a shared machine, which drifts over minutes, hits the sides of a ratio
// alike. Reported per variant: median requests/s and the median ratio with its range.
import type { Actor } from "../actors.ts";
import type { Case } from "../cases.ts";
import { closedLoop } from "../http.ts";
import { progressBar } from "../../lib/progress.ts";
import { median } from "../stats.ts";
import type { Side } from "./compare.ts";

export interface LeverFigures {
  read: string;
  baselineRps: number;
  variants: Array<{ label: string; rps: number; ratio: number; ratioMin: number; ratioMax: number }>;
}

export interface LeverOptions {
  baseline: Side;
  variants: Array<{ label: string; side: Side }>;
  rounds: number;
  seconds: number;
  concurrency: number;
  draw(i: number): { actor: Actor; variables: Record<string, unknown> };
}

export async function benchLevers(operation: Case, options: LeverOptions): Promise<LeverFigures> {
  const { baseline, variants, rounds, seconds, concurrency, draw } = options;
  const sides = [{ label: "baseline", side: baseline }, ...variants];
  const rps = new Map<string, number[]>(sides.map((s) => [s.label, []]));
  const bar = progressBar(`levers: ${operation.name}`, rounds * sides.length);
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
    for (const { label, side } of order) {
      const result = await closedLoop(async () => {
        const { actor, variables } = draw(n++);
        return side(operation, actor, variables);
      }, concurrency, seconds * 1000);
      if (result.failures > 0) process.stderr.write(`[bench] ${label}: ${result.failures} failed, e.g. ${result.firstFailure}\n`);
      rps.get(label)!.push(result.rps);
      bar.tick();
    }
  }
  bar.done();
  const base = rps.get("baseline")!;
  return {
    read: operation.name,
    baselineRps: median(base),
    variants: variants.map(({ label }) => {
      const own = rps.get(label)!;
      const ratios = own.map((value, i) => value / base[i]!);
      return { label, rps: median(own), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios) };
    }),
  };
}
