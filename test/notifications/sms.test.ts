// Texts through an SMS gateway over HTTP, the way production sends them: SMS_URL points at a fake gateway on
// loopback, the real task mints the code in SQL and the sender POSTs it. Serial: runOnce works off every ready job.
import test from "ava";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createSmsSender } from "../../workers/sms.ts";
import { makeSmsSendPhoneCodeTask } from "../../workers/tasks/sms__send_phone_code.ts";
import { createUser, openSession } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { runReadyJobs } from "../helpers/worker.ts";

interface Received {
  headers: IncomingMessage["headers"];
  body: { to: string; body: string };
}
const received: Received[] = [];
let answer = 200;
const gateway = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => { raw += chunk; });
  req.on("end", () => {
    received.push({ headers: req.headers, body: JSON.parse(raw) });
    res.writeHead(answer, { "content-type": "application/json" }).end(answer < 300 ? '{"ok":true}' : '{"error":"down"}');
  });
});

const db = useTestDatabase(test);
let task: ReturnType<typeof makeSmsSendPhoneCodeTask>;
test.before(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const smsSender = createSmsSender({ url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/messages`,
    token: "gateway-token", dir: "/nonexistent" });
  task = makeSmsSendPhoneCodeTask({ smsSender });
});
test.after.always(async () => {
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

const runJobs = () => runReadyJobs(db, { taskList: { sms__send_phone_code: task } });

const requestCode = async (phone: string) => {
  const { id } = await createUser(db);
  // Committed (actAs rolls back), as the API would: the job must outlive the call.
  await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, id)]);
    await c.query("select app_public.request_phone_verification($1)", [phone]);
    await c.query("commit");
  });
  const row = await asRoot(db, async (c) => (await c.query(
    "select id from app_private.phone_verification_codes where user_id = $1", [id])).rows[0]);
  return { userId: id, requestId: row.id as string };
};

test.serial("the code goes to the gateway as JSON with the bearer token and an idempotency key", async (t) => {
  answer = 200;
  const { requestId } = await requestCode("+14155550100");
  await runJobs();
  const sms = received.at(-1)!;
  t.is(sms.headers.authorization, "Bearer gateway-token");
  t.is(sms.headers["idempotency-key"], requestId);
  t.is(sms.body.to, "+14155550100");
  t.regex(sms.body.body, /^\d{6} is your P2P Delivery verification code/);
});

test.serial("a gateway failure fails the job for a retry; the retry sends a fresh code and only that one counts", async (t) => {
  answer = 503;
  const { userId, requestId } = await requestCode("+14155550101");
  const before = received.length;
  await runJobs();
  t.is(received.length, before + 1);
  const job = await asRoot(db, async (c) => (await c.query(
    "select attempts, last_error from graphile_worker.jobs where key = $1", [`sms__send_phone_code:${requestId}`])).rows[0]);
  t.is(job.attempts, 1);
  t.regex(job.last_error, /SMS gateway answered 503/);

  answer = 200;
  await asRoot(db, (c) => c.query("update graphile_worker._private_jobs set run_at = now() where key = $1",
    [`sms__send_phone_code:${requestId}`]));
  await runJobs();
  const [failed, sent] = received.slice(before).map((r) => /^(\d{6})/.exec(r.body.body)![1]);
  const hash = await asRoot(db, async (c) => (await c.query(
    "select code_hash from app_private.phone_verification_codes where user_id = $1", [userId])).rows[0].code_hash);
  const matches = await asRoot(db, async (c) => (await c.query(
    "select public.crypt($1, $3) = $3 as first, public.crypt($2, $3) = $3 as second", [failed, sent, hash])).rows[0]);
  t.deepEqual(matches, { first: failed === sent, second: true }, "the stored hash is the code of the delivered text");
});
