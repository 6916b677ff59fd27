// The bench's HTTP client: node:http with keep-alive connections (cheaper per request than fetch, so that the client
// takes less of the two cores from the servers it measures), and a closed-loop load generator.
import { Agent, request } from "node:http";

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const body = Buffer.from(JSON.stringify(payload));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "content-length": String(body.length),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          })
        );
        res.on("error", reject);
      }
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The outcome of one request as the load generator counts it. */
export interface Outcome {
  ok: boolean;
  /** What went wrong, kept for the first failure of a run. */
  detail?: string;
}

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  rps: number;
  latencies: number[];
  firstFailure?: string;
}

/** `concurrency` loops sending one request after another for `durationMs`; throughput counts successes only. */
export async function closedLoop(
  send: (i: number) => Promise<Outcome>,
  concurrency: number,
  durationMs: number,
  onProgress?: () => void
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let sent = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = await send(sent++);
      } catch (error) {
        outcome = { ok: false, detail: String(error) };
      }
      if (outcome.ok) latencies.push(performance.now() - t0);
      else {
        failures++;
        firstFailure ??= outcome.detail;
      }
      onProgress?.();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { requests: latencies.length, failures, seconds, rps: latencies.length / seconds, latencies, firstFailure };
}

/** A GraphQL reply that carries data and no errors. */
export function graphqlOutcome(reply: Reply): Outcome {
  if (reply.status !== 200) return { ok: false, detail: `HTTP ${reply.status}: ${reply.body.slice(0, 300)}` };
  const parsed = JSON.parse(reply.body) as { data?: unknown; errors?: unknown[] };
  if (parsed.errors?.length) return { ok: false, detail: JSON.stringify(parsed.errors).slice(0, 300) };
  return { ok: true };
}
