// GraphQL against the hand-written endpoint on one case, in alternating rounds of a closed loop: each round runs
// both for the same duration (the order swapping every round), and the ratio of their throughputs is taken per
// round, so that drift on a shared machine hits both sides alike. A first call of each side is a probe: a case whose
// probe times out is reported as such instead of being loaded.
import type { Actor } from "../actors.ts";
import type { Case } from "../cases.ts";
import { closedLoop, graphqlOutcome, type LoadResult, type Outcome, postJson } from "../http.ts";
import { progressBar } from "../../lib/progress.ts";
import { median, percentile } from "../stats.ts";

export interface Comparison {
  name: string;
  what: string;
  /** Set when the probe failed (e.g. the statement timeout): no load was run. */
  failed?: string;
  graphqlRps?: number;
  handwrittenRps?: number;
  /** Median of the per-round ratios, and their range. */
  ratio?: number;
  ratioMin?: number;
  ratioMax?: number;
  graphqlP50?: number;
  graphqlP95?: number;
  handwrittenP50?: number;
  failures?: number;
}

export interface CompareOptions {
  /** The measured side (the API) and the baseline (the hand-written endpoint). */
  measured: Side;
  baseline: Side;
  rounds: number;
  seconds: number;
  concurrency: number;
  /** Request i's caller and variables. */
  draw(i: number): { actor: Actor; variables: Record<string, unknown> };
  label?: string;
}

export function sendGraphql(apiUrl: string, operation: Case, actor: Actor, variables: Record<string, unknown>) {
  return postJson(
    `${apiUrl}/graphql`,
    { query: operation.graphql, variables },
    { authorization: `Bearer ${actor.token}` }
  );
}

export function sendHandwritten(url: string, operation: Case, actor: Actor, variables: Record<string, unknown>) {
  return postJson(`${url}/op/${operation.name}`, { variables }, { authorization: `Bearer ${actor.token}` });
}

function handwrittenOutcome(reply: { status: number; body: string }): Outcome {
  return reply.status === 200
    ? { ok: true }
    : { ok: false, detail: `HTTP ${reply.status}: ${reply.body.slice(0, 300)}` };
}

/** One side of a comparison: how to send request i's caller and variables, and how to judge the reply. */
export type Side = (operation: Case, actor: Actor, variables: Record<string, unknown>) => Promise<Outcome>;

export const graphqlSide =
  (apiUrl: string): Side =>
  async (operation, actor, variables) =>
    graphqlOutcome(await sendGraphql(apiUrl, operation, actor, variables));

export const handwrittenSide =
  (url: string): Side =>
  async (operation, actor, variables) =>
    handwrittenOutcome(await sendHandwritten(url, operation, actor, variables));

export async function compare(operation: Case, options: CompareOptions): Promise<Comparison> {
  const { measured, baseline, rounds, seconds, concurrency, draw } = options;
  const base = { name: operation.name, what: operation.what };
  const probe = draw(0);
  const probes = [
    await measured(operation, probe.actor, probe.variables),
    await baseline(operation, probe.actor, probe.variables),
  ];
  const failedProbe = probes.find((p) => !p.ok);
  if (failedProbe) {
    process.stderr.write(`[bench] ${operation.name}: the probe failed: ${failedProbe.detail}\n`);
    return {
      ...base,
      failed: /57014|canceling statement due to statement timeout|HTTP 504/.test(failedProbe.detail ?? "")
        ? "statement timeout"
        : (failedProbe.detail ?? "failed"),
    };
  }
  const graphql: LoadResult[] = [];
  const handwritten: LoadResult[] = [];
  const bar = progressBar(options.label ?? operation.name, rounds * 2);
  let n = 1;
  const runGraphql = async () => {
    graphql.push(
      await closedLoop(
        async () => {
          const { actor, variables } = draw(n++);
          return measured(operation, actor, variables);
        },
        concurrency,
        seconds * 1000
      )
    );
    bar.tick();
  };
  const runHandwritten = async () => {
    handwritten.push(
      await closedLoop(
        async () => {
          const { actor, variables } = draw(n++);
          return baseline(operation, actor, variables);
        },
        concurrency,
        seconds * 1000
      )
    );
    bar.tick();
  };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await runGraphql();
      await runHandwritten();
    } else {
      await runHandwritten();
      await runGraphql();
    }
  }
  bar.done();
  const ratios = graphql.map((g, i) => g.rps / handwritten[i]!.rps);
  const all = (results: LoadResult[]) => results.flatMap((r) => r.latencies);
  const failures = [...graphql, ...handwritten].reduce((sum, r) => sum + r.failures, 0);
  const firstFailure = [...graphql, ...handwritten].find((r) => r.firstFailure)?.firstFailure;
  if (firstFailure)
    process.stderr.write(`[bench] ${operation.name}: ${failures} failed requests, e.g. ${firstFailure}\n`);
  return {
    ...base,
    graphqlRps: median(graphql.map((r) => r.rps)),
    handwrittenRps: median(handwritten.map((r) => r.rps)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    graphqlP50: percentile(all(graphql), 0.5),
    graphqlP95: percentile(all(graphql), 0.95),
    handwrittenP50: percentile(all(handwritten), 0.5),
    failures,
  };
}
