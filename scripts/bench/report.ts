// The summary table the bench prints (stdout) and the JSON it writes: every figure with what it measures.
import type { AcceptFigures } from "./sections/accept.ts";
import type { Comparison } from "./sections/compare.ts";
import type { LeverFigures } from "./sections/levers.ts";
import type { MatchingFigures } from "./sections/matching.ts";
import type { SearchFigures } from "./sections/search.ts";
import type { WorkerFigures } from "./sections/worker.ts";
import { ms, ratio } from "./stats.ts";

export interface VariantReads {
  variant: string;
  reads: Comparison[];
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; loadAverage: number[] };
  setup: Record<string, unknown>;
  reads?: VariantReads[];
  write?: Comparison;
  /** The server levers side by side (bench --levers). */
  levers?: LeverFigures[];
  search?: SearchFigures[];
  matching?: MatchingFigures[];
  accept?: AcceptFigures;
  worker?: WorkerFigures[];
  /** Sections that failed, with why. */
  failures?: string[];
}

const TARGETS = { read: 0.7, write: 0.9, searchP95: 20, matchingP95: 10, matchingGrowth: 2 };

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

const rps = (value: number | undefined) => (value === undefined ? "—" : value.toFixed(0));
const verdict = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? "met" : "NOT met");

function comparisonRow(c: Comparison, target: number): string[] {
  if (c.failed) {
    const why = c.failed === "statement timeout" ? "STATEMENT TIMEOUT" : `FAILED: ${c.failed.slice(0, 50)}`;
    return [c.name, "—", "—", why, "—", `≥ ${target}×: NOT met`];
  }
  return [
    c.name,
    rps(c.graphqlRps),
    rps(c.handwrittenRps),
    `${ratio(c.ratio)} [${ratio(c.ratioMin)}–${ratio(c.ratioMax)}]`,
    `${ms(c.graphqlP50)} / ${ms(c.graphqlP95)}`,
    `≥ ${target}×: ${verdict((c.ratio ?? 0) >= target)}`,
  ];
}

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const s = report.setup;
  out.push(
    `npm run bench — ${s.database} (${s.rows}); ${report.machine.cpus} cores, load ${report.machine.loadAverage
      .map((l) => l.toFixed(1))
      .join(" ")} at start`
  );
  if (report.reads?.length) {
    out.push(
      "",
      `Reads as signed-in users: requests/s in a closed loop of ${s.concurrency} clients, ${s.rounds} alternating rounds` +
        ` of ${s.seconds} s each. Baseline: ${s.baseline}.`,
      "Ratio = GraphQL ÷ hand-written per round: median [range]."
    );
    for (const { variant, reads } of report.reads) {
      out.push("", `API: ${variant}`);
      out.push(
        table(
          ["read", "GraphQL/s", "hand-written/s", "ratio [range]", "GraphQL p50 / p95", "target"],
          reads.map((c) => comparisonRow(c, TARGETS.read))
        )
      );
    }
  }
  if (report.levers?.length) {
    out.push(
      "",
      "Server levers side by side: interleaved bursts against the same baseline (the hand-written endpoint);" +
        " ratio = variant ÷ baseline in the same round: median [range]."
    );
    out.push(
      "CPU per request (from /proc, all bursts): the server's processes and PostgreSQL's backends; it hardly" +
        " moves with other load on the machine, unlike requests/s."
    );
    const cpuMs = (value: number) => value.toFixed(2);
    for (const lever of report.levers) {
      out.push("", `${lever.read}:`);
      out.push(
        table(
          ["way of running", "requests/s", "ratio [range]", "server CPU ms/req", "PostgreSQL CPU ms/req"],
          [
            [
              "hand-written (baseline)",
              rps(lever.baselineRps),
              "1.00×",
              cpuMs(lever.baselineCpu.serverMs),
              cpuMs(lever.baselineCpu.postgresMs),
            ],
            ...lever.variants.map((v) => [
              v.label,
              rps(v.rps),
              `${ratio(v.ratio)} [${ratio(v.ratioMin)}–${ratio(v.ratioMax)}]`,
              cpuMs(v.cpu.serverMs),
              cpuMs(v.cpu.postgresMs),
            ]),
          ]
        )
      );
    }
  }
  if (report.write) {
    out.push("", `Write (${report.write.what}), same loop:`);
    out.push(
      table(
        ["write", "GraphQL/s", "hand-written/s", "ratio [range]", "GraphQL p50 / p95", "target"],
        [comparisonRow(report.write, TARGETS.write)]
      )
    );
  }
  if (report.search?.length) {
    out.push(
      "",
      `searchTrips with an origin and a destination through the API, one call after another (statement timeout ${s.statementTimeout}):`
    );
    out.push(
      table(
        ["database", "calls", "answered", "timeouts", "p50", "p95", "results/call", "target"],
        report.search.map((f) => [
          f.size,
          String(f.calls),
          String(f.answered),
          String(f.timeouts),
          ms(f.p50),
          ms(f.p95),
          f.results.toFixed(1),
          f.size === "large"
            ? `p95 ≤ ${TARGETS.searchP95} ms at 1M: ${verdict(f.timeouts === 0 && (f.p95 ?? Infinity) <= TARGETS.searchP95)}`
            : "",
        ])
      )
    );
  }
  if (report.matching?.length) {
    out.push("", "Matching: SQL calls as app_user (admin session, RLS on), one after another:");
    const rows = report.matching.flatMap((m) => [
      [
        `matchingTrips`,
        m.size,
        `${m.trips.toLocaleString("en")} trips`,
        ms(m.matchingTrips.p50),
        ms(m.matchingTrips.p95),
        m.matchingTrips.found.toFixed(1),
      ],
      [
        `matchingRequests`,
        m.size,
        `${m.requests.toLocaleString("en")} requests`,
        ms(m.matchingRequests.p50),
        ms(m.matchingRequests.p95),
        m.matchingRequests.found.toFixed(1),
      ],
    ]);
    out.push(table(["function", "database", "rows", "p50", "p95", "matches/call"], rows));
    const [small, large] = [
      report.matching.find((m) => m.size !== "large"),
      report.matching.find((m) => m.size === "large"),
    ];
    if (small && large) {
      for (const key of ["matchingTrips", "matchingRequests"] as const) {
        const growth = large[key].p95 / small[key].p95;
        out.push(
          `  ${key}: p95 growth ${small.size} → large ${ratio(growth)} (target ≤ ${TARGETS.matchingGrowth}×: ` +
            `${verdict(growth <= TARGETS.matchingGrowth)}); p95 at 1M ≤ ${TARGETS.matchingP95} ms: ${verdict(large[key].p95 <= TARGETS.matchingP95)}`
        );
      }
    } else {
      out.push("  (growth to 1M: run with --large)");
    }
  }
  if (report.accept) {
    const a = report.accept;
    const codes = (r: Record<string, number>) =>
      Object.entries(r)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ") || "none";
    out.push("", `Accept contention through the API (${a.parallel} acceptOffer at once):`);
    out.push(
      table(
        ["case", "accepted", "refused", "figure"],
        [
          [
            "distinct trips",
            String(a.distinctTrips.accepted),
            codes(a.distinctTrips.refused),
            `${a.distinctTrips.perSecond.toFixed(0)} accepts/s (${a.distinctTrips.seconds.toFixed(2)} s for all)`,
          ],
          [
            "one trip, 8 items",
            String(a.oneTrip.accepted),
            codes(a.oneTrip.refused),
            `${a.oneTrip.overbooked} overbooked; capacity invariant ${a.oneTrip.invariantHolds ? "holds" : "BROKEN"}`,
          ],
        ]
      )
    );
  }
  if (report.worker?.length) {
    out.push("", "Job worker end to end (emails__send jobs from the enqueueing commit to the last email sent):");
    out.push(
      table(
        ["worker processes", "concurrency each", "jobs", "seconds", "jobs/s"],
        report.worker.map((w) => [
          String(w.processes),
          String(w.concurrency),
          String(w.jobs),
          w.seconds.toFixed(1),
          w.perSecond.toFixed(0),
        ])
      )
    );
  }
  for (const failure of report.failures ?? []) out.push("", `FAILED ${failure}`);
  return `${out.join("\n")}\n`;
}
