// The notifications__send task, run by the real graphile-worker over the worker's own task list, against fakes of
// the outside world on loopback configured the way production is: an SMTP server (SMTP_URL), an SMS gateway
// (SMS_URL) and a push provider (PUSH_URL). Templates render in the user's locale with HTML escaped; providers
// that fail are retried after 1, 5 and 30 minutes, then the row fails; hard bounces count until email stops;
// tokens the push provider no longer knows are deactivated; a reset link's token is minted at sending time.
// Serial throughout: runOnce works off every ready job in the database.
import test from "ava";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { TaskList } from "graphile-worker";
import { SMTPServer } from "smtp-server";
import { createUser, uniquePhoneNumber, verifyPhone } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";

const BOUNCING = "bounce@example.test";
interface Mail { to: string[]; raw: string }
const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address === BOUNCING) callback(Object.assign(new Error("no such mailbox"), { responseCode: 550 }));
    else callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      mails.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString("utf8") });
      callback();
    });
  },
});

/** A JSON-over-HTTP fake (SMS gateway, push provider) whose answer a test sets. */
function fakeProvider() {
  const received: { headers: IncomingMessage["headers"]; body: Record<string, unknown> }[] = [];
  const state = { answer: (_body: Record<string, unknown>) => 200 };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => { raw += chunk; });
    req.on("end", () => {
      const body = JSON.parse(raw);
      received.push({ headers: req.headers, body });
      const status = state.answer(body);
      res.writeHead(status, { "content-type": "application/json" }).end(status < 300 ? "{}" : '{"error":"no"}');
    });
  });
  return { received, state, server, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/send` };
}
const sms = fakeProvider();
const push = fakeProvider();

const db = useTestDatabase(test);
let taskList: TaskList;
test.before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => sms.server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => push.server.listen(0, "127.0.0.1", resolve));
  taskList = workerTaskList({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    MAIL_FROM: "P2P Test <mailer@p2p.test>", SMS_URL: sms.url(), PUSH_URL: push.url(), PUSH_TOKEN: "push-secret" });
});
test.after.always(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  await new Promise<void>((resolve) => sms.server.close(() => resolve()));
  await new Promise<void>((resolve) => push.server.close(() => resolve()));
});

const runJobs = () => runReadyJobs(db, { taskList });

async function notify(userId: string, template: string, vars: Record<string, unknown>, priority = "normal"): Promise<void> {
  await queryAsRoot(db, "select app_hidden.notify($1, $2, $3::jsonb, $4::app_public.notification_priority)",
    [userId, template, JSON.stringify(vars), priority]);
}
async function rows(userId: string) {
  return queryAsRoot(db, `select id, channel::text, status::text, attempts, title, body, last_error, scheduled_at
                            from app_public.notifications where user_id = $1 order by channel`, [userId]);
}
/** Lets the time of every pending retry come (the row's and its job's). */
async function timePasses(): Promise<void> {
  await queryAsRoot(db, "update app_public.notifications set scheduled_at = now() where status = 'queued'");
  await queryAsRoot(db, `select graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
                           from graphile_worker.jobs where task_identifier = 'notifications__send'`);
}
const OFFER = { request_title: "Books <b>& \"maps\"</b>", amount: "12.50", currency: "EUR" };
/** Decodes a quoted-printable body part enough to read it. */
const qp = (s: string) => s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(Number.parseInt(h, 16)));

test.serial("in-app and email render in the user's locale; HTML escapes the variables, text does not", async (t) => {
  const { id, email } = await createUser(db, { firstName: "Zoé" });
  await queryAsRoot(db, "update app_public.notification_preferences set locale = 'fr', quiet_hours_enabled = false where user_id = $1", [id]);
  await notify(id, "offer_countered", OFFER);
  await runJobs();

  const [emailRow, inApp] = await rows(id);
  t.like(emailRow, { channel: "email", status: "sent", attempts: 1, title: "Une contre-proposition vous attend" });
  t.like(inApp, { channel: "in_app", status: "sent", title: "Une contre-proposition vous attend" });
  t.is(inApp!.body, "Le prix pour « Books <b>& \"maps\"</b> » est maintenant de 12.50 EUR. Ouvrez l'application pour accepter, contre-proposer ou refuser.");
  const mail = mails.find((m) => m.to.includes(email))!;
  const raw = qp(mail.raw);
  t.regex(raw, /Content-Type: text\/html/);
  t.true(raw.includes("Books &lt;b&gt;&amp; &quot;maps&quot;&lt;/b&gt;"), "escaped in HTML");
  t.true(raw.includes("<p>Bonjour Zoé,</p>") || raw.includes("Bonjour Zo"), "greeted in French");
  t.true(raw.includes("Books <b>& \"maps\"</b>"), "as typed in the text part");
});

test.serial("English is the fallback; a failing SMS gateway is retried after 1, 5 and 30 minutes, then the row fails", async (t) => {
  const { id } = await createUser(db);
  const phone = uniquePhoneNumber();
  await verifyPhone(db, id, phone);
  await queryAsRoot(db, `update app_public.notification_preferences
                            set sms_enabled = true, push_enabled = false, email_enabled = false, in_app_enabled = false,
                                quiet_hours_enabled = false where user_id = $1`, [id]);
  sms.state.answer = () => 503;
  await notify(id, "offer_countered", OFFER);
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await runJobs();
    const [row] = await rows(id);
    t.like(row, { status: "queued", attempts: attempt });
    t.regex(row!.last_error, /SMS gateway answered 503/);
    const job = (await queryAsRoot(db, `select run_at from graphile_worker.jobs where key = 'notifications__send:' || $1`, [row!.id]))[0]!;
    delays.push(Math.round((job.run_at.getTime() - Date.now()) / 60_000));
    t.is(Math.round((row!.scheduled_at.getTime() - Date.now()) / 60_000), delays.at(-1)!);
    await runJobs();
    t.is((await rows(id))[0]!.attempts, attempt, "nothing is sent before the retry is due");
    await timePasses();
  }
  t.deepEqual(delays, [1, 5, 30]);
  const before = sms.received.length;
  await runJobs();
  t.like((await rows(id))[0], { status: "failed", attempts: 4 });
  t.is(sms.received.length - before, 1);
  t.is((await queryAsRoot(db, "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'notifications__send'"))[0]!.n, 0);
  t.is(sms.received.at(-1)!.body.to, phone);
  t.regex(String(sms.received.at(-1)!.body.body), /^P2P Delivery: The price for/, "English text");

  sms.state.answer = () => 200;
  await notify(id, "offer_countered", OFFER);
  await runJobs();
  t.is((await rows(id)).filter((r) => r.status === "sent").length, 1, "a healthy gateway: sent at the first attempt");
});

test.serial("three hard bounces switch email off for the address; a new address switches it back on", async (t) => {
  const { id } = await createUser(db, { email: BOUNCING });
  await queryAsRoot(db, "update app_public.notification_preferences set in_app_enabled = false, push_enabled = false where user_id = $1", [id]);
  for (let i = 0; i < 3; i++) {
    await notify(id, "offer_countered", OFFER);
    await runJobs();
  }
  const emails = (await rows(id)).filter((r) => r.channel === "email");
  t.deepEqual(emails.map((r) => [r.status, r.attempts]), [["bounced", 1], ["bounced", 1], ["bounced", 1]], "no retry of a bounce");
  const prefs = (await queryAsRoot(db, "select email_hard_bounces, email_disabled_at from app_public.notification_preferences where user_id = $1", [id]))[0]!;
  t.is(prefs.email_hard_bounces, 3);
  t.truthy(prefs.email_disabled_at);
  await notify(id, "account_locked", { minutes: "15" }, "urgent");
  t.is((await rows(id)).filter((r) => r.channel === "email").length, 3, "no email row, not even for security");
  await queryAsRoot(db, "update app_public.user_contacts set email = $2 where user_id = $1", [id, `fixed-${id}@example.test`]);
  await notify(id, "offer_countered", OFFER);
  await runJobs();
  t.is((await rows(id)).filter((r) => r.channel === "email" && r.status === "sent").length, 1);
});

test.serial("push goes to every active token; tokens the provider no longer knows are deactivated", async (t) => {
  const { id } = await createUser(db);
  await queryAsRoot(db, `update app_public.notification_preferences set email_enabled = false, in_app_enabled = false,
                           quiet_hours_enabled = false where user_id = $1`, [id]);
  await queryAsRoot(db, `insert into app_public.device_tokens (user_id, token, platform) values ($1, $2, 'ios'), ($1, $3, 'android')`,
    [id, `live-${id}`, `gone-${id}`]);
  push.state.answer = (body) => (String(body.token).startsWith("gone-") ? 410 : 200);
  await notify(id, "offer_countered", OFFER);
  await runJobs();
  t.like((await rows(id))[0], { channel: "push", status: "sent", title: "A counter-offer is waiting for you" });
  const live = push.received.find((r) => r.body.token === `live-${id}`)!;
  t.is(live.headers.authorization, "Bearer push-secret");
  t.truthy(live.headers["idempotency-key"]);
  t.like(live.body, { platform: "ios", title: "A counter-offer is waiting for you" });
  const tokens = await queryAsRoot(db, "select token, active from app_public.device_tokens where user_id = $1 order by token", [id]);
  t.deepEqual(tokens, [{ token: `gone-${id}`, active: false }, { token: `live-${id}`, active: true }]);

  push.state.answer = () => 404;
  await notify(id, "offer_countered", OFFER);
  await runJobs();
  t.like((await rows(id))[1], { status: "failed", last_error: "no registered device" });
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.device_tokens where user_id = $1 and active", [id]))[0]!.n, 0);
  await notify(id, "offer_countered", OFFER);
  t.is((await rows(id)).length, 2, "no active token: no push row");
});

test.serial("preferences are read again at sending time: a push held by quiet hours and switched off meanwhile is cancelled", async (t) => {
  const { id } = await createUser(db);
  await queryAsRoot(db, `update app_public.notification_preferences set email_enabled = false, in_app_enabled = false,
                           quiet_hours_enabled = true, quiet_start = '00:00', quiet_end = '23:59', timezone = 'UTC' where user_id = $1`, [id]);
  await queryAsRoot(db, "insert into app_public.device_tokens (user_id, token, platform) values ($1, $2, 'ios')", [id, `held-${id}`]);
  await notify(id, "offer_countered", OFFER);
  const [held] = await rows(id);
  t.like(held, { channel: "push", status: "queued" });
  t.true(new Date(held!.scheduled_at).getTime() > Date.now(), "held by quiet hours");

  await queryAsRoot(db, "update app_public.notification_preferences set push_enabled = false where user_id = $1", [id]);
  const before = push.received.length;
  await timePasses();
  await runJobs();
  t.like((await rows(id))[0], { status: "cancelled", last_error: "switched off by the user before sending" });
  t.is(push.received.length, before, "nothing reached the device");
});

test.serial("a reset link's token is minted at sending time: only its hash is stored, never in the row", async (t) => {
  const { id, email } = await createUser(db);
  await notify(id, "password_reset", { app_url: "https://app.example", minutes: "60" }, "urgent");
  await runJobs();
  const mail = qp(mails.find((m) => m.to.includes(email))!.raw);
  const token = /reset-password\?token=([0-9a-f]{64})/.exec(mail)?.[1];
  t.truthy(token);
  const [row] = (await rows(id)).filter((r) => r.channel === "email");
  t.like(row, { status: "sent", title: "Choose a new password", body: null });
  t.false(JSON.stringify(await queryAsRoot(db, "select * from app_public.notifications where user_id = $1", [id])).includes(token!));
  const stored = await queryAsRoot(db, "select notification_id from app_private.password_reset_tokens where token_hash = sha256(decode($1, 'hex'))", [token]);
  t.deepEqual(stored, [{ notification_id: row!.id }]);
  t.is((await queryAsRoot(db, "select app_public.reset_password($1, 'A-brand-new-Passw0rd!') as ok", [token]))[0]!.ok, true);
});

test.serial("every email but security ones ends with its signed unsubscribe link, which the row does not keep", async (t) => {
  const { id, email } = await createUser(db);
  await notify(id, "offer_countered", OFFER);
  await runJobs();
  const [emailRow] = await rows(id);
  const mail = qp(mails.filter((m) => m.to.includes(email)).at(-1)!.raw);
  const link = /\/unsubscribe\?token=([0-9a-f-]{36}\.[a-z_]+\.[0-9a-f]{64})/.exec(mail);
  t.truthy(link, "the text and HTML carry the link");
  t.true(link![1]!.startsWith(`${id}.`), "it names the recipient");
  t.true(mail.includes("Unsubscribe from these emails"));
  t.false(String(emailRow!.body).includes(link![1]!), "the token is not stored");
  t.false(String(emailRow!.body).includes("/unsubscribe"));

  await queryAsRoot(db, "select app_hidden.notify($1, 'password_changed', '{}'::jsonb, 'urgent')", [id]);
  await runJobs();
  const security = qp(mails.filter((m) => m.to.includes(email)).at(-1)!.raw);
  t.false(security.includes("/unsubscribe"), "security emails cannot be switched off, so they carry no link");
});
