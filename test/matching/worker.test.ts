// Candidate recording (docs/matching.md, Recorded matches) run by the real graphile-worker over workers/tasks: the
// insert triggers of trips and delivery_requests enqueue matching__record_candidates (id-only payload, job_key); the
// task records the best matches in request_matches and emails the other side once per pair; running it again changes
// nothing and emails nobody. Mail goes to a temporary directory (MAIL_DIR, no SMTP_URL).
// Serial: runOnce works off every ready job of this file's database.
import test from "ava";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TaskList } from "graphile-worker";
import { assertMatchingPayload } from "../../workers/tasks/matching__record_candidates.ts";
import { createSignedInMember } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { createRequestOnEquator, createTripOnEquator, newArea } from "../helpers/marketplace.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";
import { notificationsTo } from "../helpers/notifications.ts";


const db = useTestDatabase(test);
let mailDir: string;
let taskList: TaskList;
test.before(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "p2p-matching-mail-"));
  taskList = workerTaskList({ SMTP_URL: "", MAIL_DIR: mailDir });
});
test.after.always(async () => {
  if (mailDir) await rm(mailDir, { recursive: true, force: true });
});

const runJobs = () => runReadyJobs(db, { taskList });
const failedJobs = () => queryAsRoot(db, "select task_identifier, last_error from graphile_worker.jobs where last_error is not null");
const matchRows = (requestId: string) => queryAsRoot<{ trip_id: string; score: string; notified_at: Date | null }>(db,
  "select trip_id, score, notified_at from app_public.request_matches where request_id = $1 order by trip_id", [requestId]);
/** The match emails a user was sent (rendered by notifications__send: subject as title, text as body). */
const emailsTo = async (userId: string) => (await notificationsTo(db, { userId }, { channel: "email" }))
  .map((n) => ({ subject: n.title ?? "", body: n.body ?? "" }));

test.serial("a new trip records its matching requests and emails each customer once; a rerun changes nothing", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db, { firstName: "Cleo" });
  const other = await createSignedInMember(db);
  const traveler = await createSignedInMember(db, { firstName: "Tom" });
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  const farRequest = await createRequestOnEquator(db, other.id, lng + 1);              // nowhere near the trip
  await runJobs();                                                        // the requests' own jobs: no trip yet
  t.deepEqual(await matchRows(requestId), []);

  const tripId = await createTripOnEquator(db, traveler.id, lng);
  const jobs = await queryAsRoot(db, "select j.key, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = 'matching__record_candidates'");
  t.deepEqual(jobs, [{ key: `matching:trip:${tripId}`, payload: { trip_id: tripId } }], "id-only payload with a job key");
  await runJobs();
  const rows = await matchRows(requestId);
  t.is(rows.length, 1);
  t.is(rows[0]!.trip_id, tripId);
  t.is(rows[0]!.score, "0.8950");
  t.truthy(rows[0]!.notified_at);
  t.deepEqual(await matchRows(farRequest), []);
  const mails = await emailsTo(customer.id);
  t.is(mails.length, 1);
  t.is(mails[0]!.subject, "A trip fits your delivery request");
  t.regex(mails[0]!.body, /"Equator run".*"Documents across" from Westville to Eastville \(match score 0\.8950\)/s);
  t.false(mails[0]!.body.includes("Pickup street"), "no exact address");
  t.deepEqual(await emailsTo(traveler.id), []);
  t.is((await readdir(mailDir)).length, 1, "emails__send delivered it");

  // At least once: the same job again (and the request's side) records nothing new and emails nobody.
  await queryAsRoot(db, "select graphile_worker.add_job('matching__record_candidates', json_build_object('trip_id', $1::uuid))", [tripId]);
  await queryAsRoot(db, "select graphile_worker.add_job('matching__record_candidates', json_build_object('request_id', $1::uuid))", [requestId]);
  await runJobs();
  t.deepEqual((await matchRows(requestId)).map((r) => [r.trip_id, r.score]), [[tripId, "0.8950"]]);
  t.is((await emailsTo(customer.id)).length, 1);
  t.deepEqual(await emailsTo(traveler.id), [], "the pair was notified once, from whichever side came first");
  t.deepEqual(await failedJobs(), []);
});

test.serial("a new request records its matching trips and emails each traveler once", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const travelers = [await createSignedInMember(db), await createSignedInMember(db)];
  const trips = [await createTripOnEquator(db, travelers[0]!.id, lng), await createTripOnEquator(db, travelers[1]!.id, lng)];
  await runJobs();
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  await runJobs();
  t.deepEqual((await matchRows(requestId)).map((r) => r.trip_id), [...trips].sort());
  for (const traveler of travelers) {
    const mails = await emailsTo(traveler.id);
    t.is(mails.length, 1);
    t.is(mails[0]!.subject, "A delivery request fits your trip");
    t.regex(mails[0]!.body, /from Westville to Eastville fits your trip "Equator run"/);
  }
  t.deepEqual(await emailsTo(customer.id), []);
  await queryAsRoot(db, "select app_private.record_match_candidates($1, null)", [requestId]);
  for (const traveler of travelers) t.is((await emailsTo(traveler.id)).length, 1, "idempotent");
  t.deepEqual(await failedJobs(), []);
});

test("the payload is narrowed: exactly one of trip_id and request_id, a uuid", (t) => {
  const id = "0b6f3c1e-8f5a-4c3e-9d2a-1f2e3d4c5b6a";
  t.deepEqual(assertMatchingPayload({ trip_id: id }), { tripId: id, requestId: null });
  t.deepEqual(assertMatchingPayload({ request_id: id }), { tripId: null, requestId: id });
  for (const bad of [null, {}, { id }, { trip_id: "x" }, { trip_id: id, request_id: id }]) {
    t.throws(() => assertMatchingPayload(bad));
  }
});
