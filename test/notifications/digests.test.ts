// Daily and weekly email digests (docs/notifications.md, "Digests"): notify holds a daily or weekly reader's
// new_request and promotional emails for 08:00 local time (Mondays for weekly) and plans one
// notifications__send_digest job per (user, send time); that job sends every due held email of the reader as ONE
// email from the `digest` template, in the reader's locale, with one unsubscribe link per category. The real worker
// (its own task list, graphile-worker's runOnce) sends to an SMTP server on loopback; "08:00 comes" moves the held
// rows and their job to now, as the clock would. Serial throughout: runOnce works off every ready job.
import test from "ava";
import type { AddressInfo } from "node:net";
import type { JobHelpers, TaskList } from "graphile-worker";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { anonymous, commitAs, createUser, user } from "../helpers/actors.ts";
import { actAs } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { runReadyJobs, silentLogger, workerTaskList } from "../helpers/worker.ts";

interface Mail { to: string[]; raw: string }
const mails: Mail[] = [];
/** What the fake SMTP server does: answer DATA after a delay, refuse it for now (4xx), and refuse bounce-* addresses for good. */
const smtpState = { delayMs: 0, refuseData: false };
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith("bounce-")) callback(Object.assign(new Error("no such mailbox"), { responseCode: 550 }));
    else callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      setTimeout(() => {
        if (smtpState.refuseData) return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        mails.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString("latin1") });
        callback();
      }, smtpState.delayMs);
    });
  },
});

const db = useTestDatabase(test);
let taskList: TaskList;
test.before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  taskList = workerTaskList({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    MAIL_FROM: "P2P Test <mailer@p2p.test>" });
});
test.after.always(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
});
test.afterEach.always(() => {
  smtpState.delayMs = 0;
  smtpState.refuseData = false;
});

const runJobs = () => runReadyJobs(db, { taskList });

// --- the mail as a reader sees it: subject, text and HTML of a multipart message -------------------------------
const unQ = (s: string) => s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(Number.parseInt(h, 16)));
function decodeWords(header: string): string {
  return header.replace(/\?=\s+=\?/g, "?==?").replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
    Buffer.from(kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("latin1") : unQ(data.replace(/_/g, " ")), "latin1")
      .toString("utf8"));
}
function parseMail(raw: string): { subject: string; text: string; html: string } {
  const split = (part: string) => {
    const at = part.search(/\r?\n\r?\n/);
    const headers = part.slice(0, at).replace(/\r?\n[ \t]+/g, " ");
    return { headers, body: part.slice(at).replace(/^\r?\n\r?\n/, "") };
  };
  const top = split(raw);
  const subject = decodeWords(/^Subject: (.*)$/im.exec(top.headers)?.[1] ?? "");
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(top.headers)![1]!;
  const out = { subject, text: "", html: "" };
  for (const chunk of top.body.split(`--${boundary}`).slice(1, -1)) {
    const part = split(chunk.replace(/^\r?\n/, ""));
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(part.headers)?.[1]?.toLowerCase();
    const bytes = encoding === "base64" ? Buffer.from(part.body, "base64").toString("latin1")
      : encoding === "quoted-printable" ? unQ(part.body) : part.body;
    const body = Buffer.from(bytes, "latin1").toString("utf8");
    if (/Content-Type: text\/plain/i.test(part.headers)) out.text = body;
    if (/Content-Type: text\/html/i.test(part.headers)) out.html = body;
  }
  return out;
}
const mailsTo = (email: string) => mails.filter((m) => m.to.includes(email)).map((m) => parseMail(m.raw));

// --- fixtures -------------------------------------------------------------------------------------------------------
/** A reader with an email address, in-app on, push and SMS off (no device, no phone anyway), quiet hours off. */
async function reader(prefs: { email_frequency: string; locale?: string; categories?: unknown; email?: string; firstName?: string }) {
  const created = await createUser(db, { firstName: prefs.firstName ?? "Ann", ...(prefs.email ? { email: prefs.email } : {}) });
  await queryAsRoot(db, `update app_public.notification_preferences
                            set email_frequency = $2, locale = $3, timezone = 'Europe/Paris', quiet_hours_enabled = false,
                                categories = coalesce($4::jsonb, categories)
                          where user_id = $1`,
    [created.id, prefs.email_frequency, prefs.locale ?? "en", prefs.categories ? JSON.stringify(prefs.categories) : null]);
  return created;
}
async function notify(userId: string, template: string, vars: Record<string, unknown>): Promise<void> {
  await queryAsRoot(db, "select app_hidden.notify($1, $2, $3::jsonb)", [userId, template, JSON.stringify(vars)]);
}
const OFFER = (title: string) => ({ request_title: title, amount: "12.50", currency: "EUR" });
const MATCH = { trip_title: "Paris to Lyon", request_title: "A bike", pickup_city: "Paris", delivery_city: "Lyon", score: "0.9" };

interface Row { id: string; template: string; channel: string; status: string; digest: boolean; attempts: number;
  title: string | null; body: string | null; last_error: string | null; scheduled_at: Date; sent_at: Date | null }
async function rows(userId: string, channel = "email"): Promise<Row[]> {
  return queryAsRoot<Row>(db, `
    select n.id, t.name as template, n.channel::text, n.status::text, n.digest, n.attempts, n.title, n.body,
           n.last_error, n.scheduled_at, n.sent_at
      from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id
     where n.user_id = $1 and n.channel::text = $2 order by n.created_at`, [userId, channel]);
}
/** The pending jobs of a user's digests, or (task notifications__send) of their notifications, by job key. */
async function jobs(userId: string, task = "notifications__send_digest") {
  return queryAsRoot<{ key: string; run_at: Date }>(db,
    `select j.key, j.run_at from graphile_worker.jobs j
      where j.task_identifier = $2 and (j.key like 'notifications__send_digest:' || $1 || ':%'
            or j.key in (select 'notifications__send:' || n.id from app_public.notifications n where n.user_id = $1::uuid))
      order by j.run_at`, [userId, task]);
}
/** The reader's digest time comes: their held rows and digest jobs are due now. */
async function digestTimeComes(userId: string): Promise<void> {
  await queryAsRoot(db, `update app_public.notifications set scheduled_at = now()
                          where user_id = $1 and digest and status = 'queued'`, [userId]);
  await queryAsRoot(db, `select graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
                           from graphile_worker.jobs where key like 'notifications__send_digest:' || $1 || ':%'`, [userId]);
}
const local = async (at: Date, format: string) =>
  (await queryAsRoot(db, "select to_char($1::timestamptz at time zone 'Europe/Paris', $2) as s", [at, format]))[0]!.s as string;

test.serial("a daily reader's held emails go out at 08:00 Paris time as one digest; other messages leave at once", async (t) => {
  const { id, email } = await reader({ email_frequency: "daily" });
  await notify(id, "offer_received", OFFER("Books <b>& \"maps\"</b>"));
  await notify(id, "match_request_found", MATCH);
  await notify(id, "offer_received", OFFER("A lamp"));
  await notify(id, "offer_countered", OFFER("A chair")); // delivery_update: never held

  const held = (await rows(id)).filter((r) => r.template !== "offer_countered");
  t.is(held.length, 3);
  for (const row of held) {
    t.like(row, { status: "queued", digest: true });
    t.is(await local(row.scheduled_at, "HH24:MI"), "08:00", "held for 08:00 in Paris");
    const wait = row.scheduled_at.getTime() - Date.now();
    t.true(wait > 0 && wait <= 24 * 3600_000, "the next one");
  }
  t.deepEqual((await jobs(id)).map((j) => [j.key, j.run_at.getTime()]),
    [[`notifications__send_digest:${id}:${held[0]!.scheduled_at.getTime() / 1000}`, held[0]!.scheduled_at.getTime()]],
    "one digest job for the three, at their time");
  t.deepEqual((await jobs(id, "notifications__send")).filter((j) => held.some((r) => j.key.endsWith(r.id))), [],
    "no job of their own");

  await runJobs();
  t.deepEqual(mailsTo(email).map((m) => m.subject), ["A counter-offer is waiting for you"], "only the delivery update left");
  t.true((await rows(id, "in_app")).every((r) => r.status === "sent" && !r.digest), "in-app messages are not held");
  t.true((await rows(id)).filter((r) => r.digest).every((r) => r.status === "queued"), "nothing before 08:00");

  await digestTimeComes(id);
  await runJobs();
  const sent = mailsTo(email);
  t.is(sent.length, 2, "exactly one more email");
  const digest = sent[1]!;
  t.is(digest.subject, "Your daily digest (3)");
  t.regex(digest.text, /^Hello Ann,/);
  const order = ["A traveler offers to carry \"Books <b>& \"maps\"</b>\"", "A delivery request \"A bike\" from Paris to Lyon",
    "A traveler offers to carry \"A lamp\""].map((s) => digest.text.indexOf(s));
  t.true(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!)), `the three in order, as typed: ${digest.text}`);
  t.is(digest.text.split("New offer on your request").length - 1, 2);
  t.true(digest.text.includes("A delivery request fits your trip"));
  t.true(digest.html.includes("Books &lt;b&gt;&amp; &quot;maps&quot;&lt;/b&gt;"), "escaped once in HTML");
  t.false(digest.html.includes("<b>&"), "no markup from a variable");
  t.is(digest.html.split("<li>").length - 1, 3);

  const after = (await rows(id)).filter((r) => r.digest);
  t.deepEqual(after.map((r) => [r.status, r.attempts]), [["sent", 1], ["sent", 1], ["sent", 1]]);
  t.deepEqual(after.map((r) => r.title), ["New offer on your request", "A delivery request fits your trip", "New offer on your request"]);
  t.is(new Set(after.map((r) => r.sent_at!.getTime())).size, 1, "recorded sent together");
  t.deepEqual(await jobs(id), []);
  await runJobs();
  t.is(mailsTo(email).length, 2, "nothing is sent twice");
});

test.serial("a weekly reader waits for Monday 08:00; a French reader's digest is in French", async (t) => {
  const { id, email } = await reader({ email_frequency: "weekly", locale: "fr", firstName: "Zoé" });
  await notify(id, "offer_received", OFFER("Des livres"));
  await notify(id, "match_request_found", MATCH);
  await notify(id, "offer_received", OFFER("Une lampe"));
  const held = await rows(id);
  t.true(held.every((r) => r.digest && r.status === "queued"));
  t.is(await local(held[0]!.scheduled_at, "ID HH24:MI"), "1 08:00", "Monday 08:00 in Paris");
  t.true(held[0]!.scheduled_at.getTime() - Date.now() <= 7 * 24 * 3600_000);
  t.is((await jobs(id)).length, 1);

  await runJobs();
  t.is(mailsTo(email).length, 0, "nothing before Monday");
  await digestTimeComes(id);
  await runJobs();
  const [digest, ...more] = mailsTo(email);
  t.is(more.length, 0);
  t.is(digest!.subject, "Votre résumé de la semaine (3)");
  t.regex(digest!.text, /^Bonjour Zoé,/);
  t.true(digest!.text.includes("Voici ce qui vous attend cette semaine (3)"));
  t.is(digest!.text.split("Nouvelle offre sur votre demande").length - 1, 2);
  t.true(digest!.text.includes("Un voyageur propose de transporter « Une lampe » pour 12.50 EUR."));
  t.true(digest!.text.includes("Une demande correspond à votre trajet"));
  t.true(digest!.html.includes("<p>Bonjour Zoé,</p>"));
  t.deepEqual((await rows(id)).map((r) => r.status), ["sent", "sent", "sent"]);
});

test.serial("a digest mixing categories carries one unsubscribe link per category; each stops only its own", async (t) => {
  const { id, email } = await reader({ email_frequency: "daily", categories: { email: { promotional: true } } });
  await notify(id, "promotion", { title: "Summer deals", message: "Half price on short trips." });
  await notify(id, "offer_received", OFFER("A rug"));
  await digestTimeComes(id);
  await runJobs();
  const [digest, ...more] = mailsTo(email);
  t.is(more.length, 0, "one email for both categories");
  t.true(digest!.text.includes("Summer deals") && digest!.text.includes("Half price on short trips."));
  const links = [...digest!.text.matchAll(/Stop (.+) emails: (\S+)/g)].map((m) => [m[1], new URL(m[2]!).searchParams.get("token")!]);
  t.deepEqual(links.map(([label]) => label), ["new request", "promotional"]);
  t.deepEqual(links.map(([, token]) => token!.split(".").slice(0, 2)), [[id, "new_request"], [id, "promotional"]]);
  t.is(digest!.html.split("/unsubscribe?token=").length - 1, 2, "and in the HTML");

  const promotional = links[1]![1]!;
  const category = await actAs(db, anonymous, async (c) =>
    (await c.query("select app_public.unsubscribe_email($1) as c", [promotional])).rows[0].c);
  t.is(category, "promotional");
  await queryAsRoot(db, "select app_public.unsubscribe_email($1)", [promotional]);
  const [prefs] = await queryAsRoot(db, "select categories -> 'email' as email from app_public.notification_preferences where user_id = $1", [id]);
  t.like(prefs!.email, { promotional: false });
  t.not(prefs!.email.new_request, false, "new requests still come");
});

test.serial("what the reader switches off while it is held never goes out: their unsubscribe, or email stopped by bounces", async (t) => {
  const { id, email } = await reader({ email_frequency: "weekly", categories: { email: { promotional: true } } });
  await notify(id, "promotion", { title: "Summer deals", message: "Half price on short trips." });
  await notify(id, "offer_received", OFFER("A chair"));
  // On Tuesday the reader follows the "stop promotional emails" link of an earlier email.
  await queryAsRoot(db, `update app_public.notification_preferences
                            set categories = jsonb_set(categories, '{email,promotional}', 'false') where user_id = $1`, [id]);
  await digestTimeComes(id);
  await runJobs();
  const [digest, ...more] = mailsTo(email);
  t.is(more.length, 0);
  t.true(digest!.text.includes("A chair"));
  t.false(digest!.text.includes("Summer deals"), "the promotional email is not in the digest");
  t.deepEqual((await rows(id)).map((r) => [r.template, r.status, r.last_error]), [
    ["promotion", "cancelled", "switched off by the user before the digest"],
    ["offer_received", "sent", null],
  ]);

  // Email stopped after hard bounces: nothing held goes out any more.
  await notify(id, "offer_received", OFFER("A table"));
  await queryAsRoot(db, "update app_public.notification_preferences set email_disabled_at = now() where user_id = $1", [id]);
  await digestTimeComes(id);
  await runJobs();
  t.is(mailsTo(email).length, 1, "no second digest");
  t.like((await rows(id)).at(-1), { status: "cancelled" });
});

test.serial("two runs of the digest task at once send one digest, once", async (t) => {
  // The real task, twice in parallel, each on its own connection, as two workers (or a job and its sibling) would.
  // Each round, another transaction holds one of the three rows at the start (as a preference change re-planning it
  // would): runs that skipped locked rows would send a digest without it, or split the rows between two emails.
  smtpState.delayMs = 150;
  const pool = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
  const helpers = {
    logger: silentLogger,
    withPgClient: async <T>(fn: (client: pg.PoolClient) => Promise<T>) => {
      const client = await pool.connect();
      try { return await fn(client); } finally { client.release(); }
    },
  } as unknown as JobHelpers;
  const task = taskList.notifications__send_digest!;
  try {
    for (let round = 0; round < 3; round++) {
      const { id, email } = await reader({ email_frequency: "daily" });
      for (const title of ["One", "Two", "Three"]) await notify(id, "offer_received", OFFER(title));
      await digestTimeComes(id);
      const holder = await pool.connect();
      await holder.query("begin");
      await holder.query("select 1 from app_public.notifications where id = $1 for update", [(await rows(id))[round % 3]!.id]);
      const runs = Promise.all([task({ id }, helpers), task({ id }, helpers)]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      t.is(mailsTo(email).length, 0, "nothing is sent while a row is held");
      await holder.query("commit");
      holder.release();
      await runs;
      const sent = mailsTo(email);
      t.deepEqual(sent.map((m) => m.subject), ["Your daily digest (3)"], `round ${round}: one email with the three`);
      t.deepEqual((await rows(id)).map((r) => [r.status, r.attempts]), [["sent", 1], ["sent", 1], ["sent", 1]]);
      await runJobs(); // the planned job comes after them: it finds them sent
      t.is(mailsTo(email).length, 1);
    }
  } finally {
    await pool.end();
  }
});

test.serial("a failing mail provider retries the whole digest after 1, 5 and 30 minutes, then fails it; a bounce counts once", async (t) => {
  const { id } = await reader({ email_frequency: "daily" });
  await notify(id, "offer_received", OFFER("Retry me"));
  await notify(id, "match_request_found", MATCH);
  smtpState.refuseData = true;
  await digestTimeComes(id);
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await runJobs();
    const now = await rows(id);
    t.deepEqual(now.map((r) => [r.status, r.attempts]), [["queued", attempt], ["queued", attempt]], "retried together");
    t.regex(now[0]!.last_error!, /try again later/);
    const planned = await jobs(id);
    t.is(planned.length, 1, "one job for the whole digest");
    t.is(planned[0]!.run_at.getTime(), now[0]!.scheduled_at.getTime());
    delays.push(Math.round((planned[0]!.run_at.getTime() - Date.now()) / 60_000));
    await runJobs();
    t.is((await rows(id))[0]!.attempts, attempt, "nothing before the retry is due");
    await digestTimeComes(id);
  }
  t.deepEqual(delays, [1, 5, 30]);
  await runJobs();
  t.deepEqual((await rows(id)).map((r) => [r.status, r.attempts]), [["failed", 4], ["failed", 4]]);
  t.deepEqual(await jobs(id), []);

  smtpState.refuseData = false;
  const bouncing = await reader({ email_frequency: "daily", email: `bounce-${Date.now()}@example.test` });
  for (const title of ["A", "B", "C"]) await notify(bouncing.id, "offer_received", OFFER(title));
  await digestTimeComes(bouncing.id);
  await runJobs();
  t.deepEqual((await rows(bouncing.id)).map((r) => r.status), ["bounced", "bounced", "bounced"]);
  const [prefs] = await queryAsRoot(db, "select email_hard_bounces from app_public.notification_preferences where user_id = $1", [bouncing.id]);
  t.is(prefs!.email_hard_bounces, 1, "one email bounced, once");
});

test.serial("switching to immediate releases the held emails now, one by one; daily to weekly moves them to Monday", async (t) => {
  const { id, email } = await reader({ email_frequency: "daily" });
  await notify(id, "offer_received", OFFER("Now please"));
  await notify(id, "match_request_found", MATCH);
  const [first] = await rows(id);
  const daily = first!.scheduled_at;

  await commitAs(db, user(id), (c) => c.query("select app_public.update_notification_preferences(email_frequency => 'weekly')"));
  const weekly = await rows(id);
  t.true(weekly.every((r) => r.digest && r.status === "queued"));
  t.is(await local(weekly[0]!.scheduled_at, "ID HH24:MI"), "1 08:00", "next Monday");
  t.true(weekly[0]!.scheduled_at >= daily);
  t.true((await jobs(id)).some((j) => j.run_at.getTime() === weekly[0]!.scheduled_at.getTime()), "a job at the new time");

  await commitAs(db, user(id), (c) => c.query("select app_public.update_notification_preferences(email_frequency => 'immediate')"));
  const released = await rows(id);
  t.true(released.every((r) => !r.digest && r.status === "queued" && r.scheduled_at.getTime() <= Date.now()));
  await runJobs();
  t.deepEqual(mailsTo(email).map((m) => m.subject).sort(), ["A delivery request fits your trip", "New offer on your request"],
    "two emails of their own, at once");
  t.deepEqual((await rows(id)).map((r) => r.status), ["sent", "sent"]);
  await digestTimeComes(id);
  await runJobs();
  t.is(mailsTo(email).length, 2, "the old digest jobs find nothing");
});

test.serial("an immediate reader is unaffected, and so are a daily reader's other categories and channels", async (t) => {
  const immediate = await reader({ email_frequency: "immediate" });
  await notify(immediate.id, "offer_received", OFFER("At once"));
  const [row] = await rows(immediate.id);
  t.like(row, { digest: false, status: "queued" });
  t.true(row!.scheduled_at.getTime() <= Date.now());
  t.deepEqual(await jobs(immediate.id), []);
  t.is((await jobs(immediate.id, "notifications__send")).length, 2, "email and in-app, each its own job");

  const daily = await reader({ email_frequency: "daily" });
  await notify(daily.id, "offer_countered", OFFER("Not held"));
  await notify(daily.id, "account_locked", { minutes: "15" });
  t.true((await rows(daily.id)).every((r) => !r.digest && r.scheduled_at.getTime() <= Date.now()));
  t.deepEqual(await jobs(daily.id), []);
  await runJobs();
  t.deepEqual(mailsTo(immediate.email).map((m) => m.subject), ["New offer on your request"]);
  t.is(mailsTo(daily.email).length, 2);
});
