// The server levers, measured side by side: every way of running the API is started at once (idle ones cost
// nothing), and each round runs a short closed-loop burst against each of them and against the hand-written
// baseline, in an order that rotates every round. A variant's ratio is taken against the baseline burst of the same
// round, so that load from elsewhere on a shared machine, which drifts over minutes, hits the sides of a ratio
// alike. Reported per variant: median requests/s and the median ratio with its range, and the CPU time a request
// cost in the server's processes and in PostgreSQL (from /proc), which other load on the machine hardly moves.
import type { Actor } from "../actors.ts";
import type { Case } from "../cases.ts";
import type pg from "pg";
import { backendCpuMs, backendCpuSince, treeCpuMs } from "../cpu.ts";
import { closedLoop } from "../http.ts";
import { progressBar } from "../../lib/progress.ts";
import { median } from "../stats.ts";
import type { Side } from "./compare.ts";

/** CPU milliseconds per request: the server's processes (Node) and PostgreSQL's. */
export interface CpuCost {
  serverMs: number;
  postgresMs: number;
}

export interface LeverFigures {
  read: string;
  baselineRps: number;
  baselineCpu: CpuCost;
  variants: Array<{ label: string; rps: number; ratio: number; ratioMin: number; ratioMax: number; cpu: CpuCost }>;
}

/** A side with the root process of its server, whose CPU time (and that of its children) is counted. */
export interface MeasuredSide {
  label: string;
  side: Side;
  pid: number;
}

export interface LeverOptions {
  baseline: MeasuredSide;
  variants: MeasuredSide[];
  /** A connection to the bench database, through which its backends' CPU time is read per burst. */
  monitor: pg.ClientBase;
  rounds: number;
  seconds: number;
  concurrency: number;
  draw(i: number): { actor: Actor; variables: Record<string, unknown> };
}

export async function benchLevers(operation: Case, options: LeverOptions): Promise<LeverFigures> {
  const { baseline, variants, rounds, seconds, concurrency, draw, monitor } = options;
  const sides = [baseline, ...variants];
  const rps = new Map<string, number[]>(sides.map((s) => [s.label, []]));
  const cpu = new Map<string, { server: number; postgres: number; requests: number }>(
    sides.map((s) => [s.label, { server: 0, postgres: 0, requests: 0 }])
  );
  const bar = progressBar(`levers: ${operation.name}`, rounds * sides.length);
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
    for (const { label, side, pid } of order) {
      const [server0, postgres0] = [treeCpuMs(pid), await backendCpuMs(monitor)];
      const result = await closedLoop(
        async () => {
          const { actor, variables } = draw(n++);
          return side(operation, actor, variables);
        },
        concurrency,
        seconds * 1000
      );
      const spent = cpu.get(label)!;
      spent.server += treeCpuMs(pid) - server0;
      spent.postgres += backendCpuSince(postgres0, await backendCpuMs(monitor));
      spent.requests += result.requests;
      if (result.failures > 0)
        process.stderr.write(`[bench] ${label}: ${result.failures} failed, e.g. ${result.firstFailure}\n`);
      rps.get(label)!.push(result.rps);
      bar.tick();
    }
  }
  bar.done();
  const base = rps.get(baseline.label)!;
  const perRequest = (label: string): CpuCost => {
    const spent = cpu.get(label)!;
    return { serverMs: spent.server / spent.requests, postgresMs: spent.postgres / spent.requests };
  };
  return {
    read: operation.name,
    baselineRps: median(base),
    baselineCpu: perRequest(baseline.label),
    variants: variants.map(({ label }) => {
      const own = rps.get(label)!;
      const ratios = own.map((value, i) => value / base[i]!);
      return {
        label,
        rps: median(own),
        ratio: median(ratios),
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        cpu: perRequest(label),
      };
    }),
  };
}
