// The scheduled side of trips, run by the real graphile-worker: recurring trips (idempotent, bounded), system
// completion, and weather through the offline provider and the HTTP provider against a fake service on loopback.
// Serial: runOnce works off every ready job of this file's database.
import test from "ava";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseCrontab } from "graphile-worker";
import { readWeatherConfig } from "../../lib/config.ts";
import { CRONTAB_FILE } from "../../workers/index.ts";
import { makeTripsRefreshWeatherTask } from "../../workers/tasks/trips__refresh_weather.ts";
import { makeHttpProvider } from "../../workers/weather/http.ts";
import { createWeatherProvider } from "../../workers/weather/index.ts";
import { offlineForecast, offlineProvider } from "../../workers/weather/offline.ts";
import type { WeatherProvider } from "../../workers/weather/provider.ts";
import { createMember } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createTripAsTraveler, reserveCapacity } from "../helpers/marketplace.ts";
import { runTask, workerTaskList } from "../helpers/worker.ts";
import { notificationsTo, renderedNotification } from "../helpers/notifications.ts";

/** The worker's own task list, configured from the environment. */
const taskList = workerTaskList();

const db = useTestDatabase(test);
let weatherService: Server;
let weatherUrl: string;
const weatherRequests: URLSearchParams[] = [];

test.before(async () => {
  weatherService = createServer((req, res) => {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    weatherRequests.push(params);
    if (Number(params.get("lat")) < 0) {          // the fake service fails for the southern hemisphere
      res.writeHead(503).end("unavailable");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
      date: params.get("date"), condition: "storm", temperature_c: 14.5, wind_kph: 75, precipitation_mm: 3 }));
  });
  await new Promise<void>((resolve) => weatherService.listen(0, "127.0.0.1", resolve));
  weatherUrl = `http://127.0.0.1:${(weatherService.address() as AddressInfo).port}/forecast`;
});
test.after.always(async () => {
  await new Promise((resolve) => weatherService?.close(resolve));
});


const failedJobs = async () => queryAsRoot<{ task_identifier: string; last_error: string }>(db,
  `select t.identifier as task_identifier, j.last_error from graphile_worker._private_jobs j
     join graphile_worker._private_tasks t on t.id = j.task_id where j.last_error is not null`);
const clearJobs = () => queryAsRoot(db, "delete from graphile_worker._private_jobs");
const children = async (parent: string) => (await queryAsRoot<{ departure_time: Date }>(db,
  "select departure_time from app_public.trips where parent_trip_id = $1 order by departure_time", [parent]))
  .map((r) => r.departure_time);
const setConfig = (key: string, value: string) =>
  queryAsRoot(db, "update app_public.system_configuration set value = $2::jsonb where category = 'trips' and key = $1", [key, value]);

test.serial("recurring trips: created up to recurrence_days ahead by the daily task; a second run creates nothing", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const parent = await createTripAsTraveler(db, traveler, { departsInHours: 2, durationHours: 3,
    recurringPattern: { frequency: "daily" }, weightKg: 15 });
  await runTask(db, "trips__materialise_recurring");
  const first = await children(parent);
  t.is(first.length, 29, "daily, 2 h from now: 29 more departures fit in the next 30 days");
  const base = (await queryAsRoot(db, "select departure_time, arrival_time from app_public.trips where id = $1", [parent]))[0]!;
  for (const [i, dep] of first.entries()) t.is(dep.getTime(), base.departure_time.getTime() + (i + 1) * 86_400_000);
  const child = (await queryAsRoot(db, `select status, recurring_pattern, available_weight_kg, capacity_weight_kg, traveler_id,
      extract(epoch from arrival_time - departure_time)::int as duration from app_public.trips where parent_trip_id = $1 limit 1`, [parent]))[0]!;
  t.like(child, { status: "upcoming", recurring_pattern: null, available_weight_kg: "15.00", traveler_id: traveler });
  t.is(child.duration, 3 * 3600, "the recurring trip's duration");

  await runTask(db, "trips__materialise_recurring");
  t.is((await children(parent)).length, 29, "idempotent");
  t.is((await queryAsRoot(db, "select app_private.materialise_recurring_trips() as n"))[0]!.n, 0);
  t.deepEqual(await failedJobs(), []);
});

test.serial("recurring trips: weekly days, interval, until, the maximum, and cancelled parents", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const weekly = await createTripAsTraveler(db, traveler, { departsInHours: 1, durationHours: 2,
    recurringPattern: { frequency: "weekly", days_of_week: [1, 3, 5] } });
  const biweekly = await createTripAsTraveler(db, traveler, { departsInHours: 1, durationHours: 2,
    recurringPattern: { frequency: "weekly", interval: 2 } });
  const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const bounded = await createTripAsTraveler(db, traveler, { departsInHours: 1, durationHours: 2,
    recurringPattern: { frequency: "daily", until } });
  const cancelled = await createTripAsTraveler(db, traveler, { departsInHours: 1, durationHours: 2,
    recurringPattern: { frequency: "daily" } });
  await queryAsRoot(db, "update app_public.trips set status = 'cancelled', cancellation_reason = 'other', cancelled_at = now() where id = $1", [cancelled]);
  await queryAsRoot(db, "select app_private.materialise_recurring_trips()");
  await setConfig("recurrence_max", "4");
  const capped = await createTripAsTraveler(db, traveler, { departsInHours: 1, durationHours: 2,
    recurringPattern: { frequency: "daily" } });
  try {
    await queryAsRoot(db, "select app_private.materialise_recurring_trips()");
  } finally {
    await setConfig("recurrence_max", "52");
  }
  const weekdays = (await children(weekly)).map((d) => ((d.getUTCDay() + 6) % 7) + 1);
  t.true(weekdays.length >= 11 && weekdays.every((d) => [1, 3, 5].includes(d)), `weekdays ${weekdays.join(",")}`);
  const every2 = await children(biweekly);
  t.true(every2.length === 2 && every2.every((d, i) => i === 0 || d.getTime() - every2[i - 1]!.getTime() === 14 * 86_400_000));
  t.true((await children(bounded)).every((d) => d.toISOString().slice(0, 10) <= until));
  t.true((await children(bounded)).length >= 9);
  t.is((await children(cancelled)).length, 0, "a cancelled recurring trip recurs no more");
  t.is((await children(capped)).length, 4, "at most recurrence_max per recurring trip");
  await queryAsRoot(db, "select app_private.materialise_recurring_trips()");
  t.is((await children(capped)).length, 29, "raising the maximum lets it continue up to the horizon");
});

test.serial("auto-complete: upcoming and delayed trips 24 h after arrival, unless a delivery awaits pickup", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const [done, delayed, awaiting, recent] = await Promise.all([1, 2, 3, 4].map(() => createTripAsTraveler(db, traveler)));
  await reserveCapacity(db, awaiting!, 1, 1, 1);
  await queryAsRoot(db, `update app_public.trips set departure_time = now() - interval '3 days', arrival_time = now() - interval '2 days'
                   where id = any($1)`, [[done, delayed, awaiting]]);
  await queryAsRoot(db, "update app_public.trips set status = 'delayed' where id = $1", [delayed]);
  await queryAsRoot(db, `update app_public.trips set departure_time = now() - interval '20 hours', arrival_time = now() - interval '10 hours'
                   where id = $1`, [recent]);
  const before = (await queryAsRoot(db, "select total_trips from app_public.user_statistics where user_id = $1", [traveler]))[0]!.total_trips;
  await runTask(db, "trips__auto_complete");
  const status = async (id: string) => (await queryAsRoot(db, "select status from app_public.trips where id = $1", [id]))[0]!.status;
  t.is(await status(done!), "completed");
  t.is(await status(delayed!), "completed");
  t.is(await status(awaiting!), "upcoming", "a delivery awaits pickup");
  t.is(await status(recent!), "upcoming", "arrived less than 24 h ago");
  t.is((await queryAsRoot(db, "select total_trips from app_public.user_statistics where user_id = $1", [traveler]))[0]!.total_trips, before + 2);
  t.deepEqual(await failedJobs(), []);
});

test.serial("weather, offline provider: deterministic forecasts for trips leaving within 5 days, cached for 3 h", async (t) => {
  t.deepEqual(offlineForecast({ lat: 52.52, lng: 13.405, date: "2030-07-01" }),
    offlineForecast({ lat: 52.52, lng: 13.405, date: "2030-07-01" }));
  t.notDeepEqual(
    [1, 2, 3, 4, 5, 6].map((d) => offlineForecast({ lat: 52.52, lng: 13.405, date: `2030-07-0${d}` }).condition + offlineForecast({ lat: 52.52, lng: 13.405, date: `2030-07-0${d}` }).temperature_c),
    Array(6).fill(offlineForecast({ lat: 52.52, lng: 13.405, date: "2030-07-01" }).condition + offlineForecast({ lat: 52.52, lng: 13.405, date: "2030-07-01" }).temperature_c),
    "it varies with the date");
  await clearJobs();
  await queryAsRoot(db, "delete from app_public.trip_weather");
  const traveler = await createMember(db, "traveler", "email_verified");
  const soon = await createTripAsTraveler(db, traveler, { departsInHours: 30, durationHours: 10 });
  const far = await createTripAsTraveler(db, traveler, { departsInHours: 24 * 8, durationHours: 5 });
  await runTask(db, "trips__refresh_weather", { taskList: { trips__refresh_weather: makeTripsRefreshWeatherTask({ weather: offlineProvider }) } });
  t.deepEqual(await failedJobs(), []);
  const rows = await queryAsRoot(db, `select trip_id, provider, weather, alerts, extract(epoch from expires_at - fetched_at) / 3600 as ttl
                                 from app_public.trip_weather where trip_id = any($1)`, [[soon, far]]);
  t.is(rows.length, 1, "only the trip leaving within the horizon");
  const [row] = rows;
  t.like(row, { trip_id: soon, provider: "offline" });
  t.is(Number(row!.ttl), 3);
  const dep = (await queryAsRoot(db, "select (departure_time at time zone 'UTC')::date::text as d from app_public.trips where id = $1", [soon]))[0]!.d;
  t.deepEqual(row!.weather.origin, offlineForecast({ lat: 52.52, lng: 13.405, date: dep }));
  t.true(Array.isArray(row!.alerts));

  const fetchedAt = (await queryAsRoot(db, "select fetched_at from app_public.trip_weather where trip_id = $1", [soon]))[0]!.fetched_at;
  await runTask(db, "trips__refresh_weather", { taskList: { trips__refresh_weather: makeTripsRefreshWeatherTask({ weather: offlineProvider }) } });
  t.deepEqual((await queryAsRoot(db, "select fetched_at from app_public.trip_weather where trip_id = $1", [soon]))[0]!.fetched_at, fetchedAt,
    "a fresh forecast is not fetched again");
  await queryAsRoot(db, "update app_public.trip_weather set fetched_at = now() - interval '4 hours', expires_at = now() - interval '1 hour' where trip_id = $1", [soon]);
  t.is((await queryAsRoot(db, "select app_private.cleanup_expired_data() -> 'trip_weather_deleted' as n"))[0]!.n, 1,
    "the daily cleanup deletes expired forecasts");
  await runTask(db, "trips__refresh_weather", { taskList: { trips__refresh_weather: makeTripsRefreshWeatherTask({ weather: offlineProvider }) } });
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.trip_weather where trip_id = $1 and expires_at > now()", [soon]))[0]!.n, 1,
    "an expired forecast is fetched again");
});

test.serial("weather alerts follow trips.weather_alert_thresholds and never block the trip", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const trip = await createTripAsTraveler(db, traveler, { departsInHours: 30, durationHours: 10 });
  const forecast = {
    origin: { condition: "storm", temperature_c: 12, wind_kph: 80, precipitation_mm: 25 },
    destination: { condition: "clear", temperature_c: 41, wind_kph: 10, precipitation_mm: 0 },
  };
  const [row] = await queryAsRoot(db, "select alerts from app_private.record_trip_weather($1, $2, 'test')", [trip, JSON.stringify(forecast)]);
  t.deepEqual(row!.alerts.map((a: { at: string; kind: string }) => `${a.at}:${a.kind}`), [
    "origin:heavy_precipitation", "origin:high_wind", "origin:severe_condition", "destination:extreme_temperature"]);
  t.is((await queryAsRoot(db, "select status from app_public.trips where id = $1", [trip]))[0]!.status, "upcoming");
  const alertEmails = () => notificationsTo(db, { userId: traveler }, { template: "weather_alert", channel: "email" });
  t.is((await alertEmails()).length, 1, "the traveler is told");
  const [email] = await alertEmails();
  t.like(email!.variables, { origin_severe_condition: "storm", origin_high_wind: "80", origin_heavy_precipitation: "25",
    destination_extreme_temperature: "41" }, "the forecast's figures, worded by the template");
  t.is((await renderedNotification(db, email!.id, { locale: "fr" }))?.text.split("\n\n")[1],
    "Alerte météo pour votre trajet « Berlin to Paris » : storm prévu au départ. Vent de 80 km/h prévu au départ. " +
    "25 mm de précipitations prévus au départ. 41 °C prévus à l'arrivée.");
  await queryAsRoot(db, "select app_private.record_trip_weather($1, $2, 'test')", [trip, JSON.stringify(forecast)]);
  t.is((await alertEmails()).length, 1, "the same alerts again tell nobody twice");
  const bad = await sqlstate(queryAsRoot(db, "select app_private.record_trip_weather($1, '{\"origin\": {}}', 'test')", [trip]));
  t.is(bad, "INVAL");
});

test.serial("weather, HTTP provider: forecasts from the configured service; a failing answer fails the job, not the others", async (t) => {
  await clearJobs();
  await queryAsRoot(db, "delete from app_public.trip_weather");
  await queryAsRoot(db, "update app_public.trips set status = 'cancelled', cancellation_reason = 'other', cancelled_at = now() where status in ('upcoming', 'delayed')");
  const provider = createWeatherProvider(readWeatherConfig({ WEATHER_PROVIDER: "http", WEATHER_URL: weatherUrl, WEATHER_TIMEOUT_MS: "2000" }));
  t.is(provider.name, `http:${new URL(weatherUrl).host}`);
  const traveler = await createMember(db, "traveler", "email_verified");
  const north = await createTripAsTraveler(db, traveler, { departsInHours: 30, durationHours: 10 });
  const south = await createTripAsTraveler(db, traveler, { departsInHours: 31, durationHours: 10,
    origin: [151.2, -33.87] });
  weatherRequests.length = 0;
  await runTask(db, "trips__refresh_weather", { taskList: { trips__refresh_weather: makeTripsRefreshWeatherTask({ weather: provider }) } });
  const [stored] = await queryAsRoot(db, "select provider, weather, alerts from app_public.trip_weather where trip_id = $1", [north]);
  t.is(stored!.provider, provider.name);
  t.like(stored!.weather.origin, { condition: "storm", temperature_c: 14.5, wind_kph: 75, precipitation_mm: 3 });
  t.true(stored!.alerts.some((a: { kind: string }) => a.kind === "high_wind"));
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.trip_weather where trip_id = $1", [south]))[0]!.n, 0);
  const failed = await failedJobs();
  t.is(failed.length, 1);
  t.regex(failed[0]!.last_error, /HTTP 503/);
  t.true(weatherRequests.some((p) => p.get("lat") === "52.52" && p.get("lng") === "13.405"));
  t.regex(weatherRequests[0]!.get("date") ?? "", /^\d{4}-\d{2}-\d{2}$/);
  await clearJobs();
});

test("the weather provider: offline by default, http needs WEATHER_URL, anything else is refused", (t) => {
  t.is(createWeatherProvider(readWeatherConfig({})).name, "offline");
  t.is(createWeatherProvider(readWeatherConfig({ WEATHER_PROVIDER: "offline" })), offlineProvider);
  t.throws(() => readWeatherConfig({ WEATHER_PROVIDER: "http" }), { message: /WEATHER_URL/ });
  t.throws(() => readWeatherConfig({ WEATHER_PROVIDER: "sky" }), { message: /offline or http/ });
  t.throws(() => readWeatherConfig({ WEATHER_PROVIDER: "http", WEATHER_URL: weatherUrl, WEATHER_TIMEOUT_MS: "-1" }));
});

test("the HTTP provider rejects malformed answers", async (t) => {
  const answer = (body: unknown): WeatherProvider => makeHttpProvider("http://weather.test/f", 1000,
    (async () => new Response(JSON.stringify(body), { status: 200 })) as typeof fetch);
  const query = { lat: 1, lng: 2, date: "2030-01-01" };
  await t.throwsAsync(answer({ condition: "clear" }).forecast(query), { message: /temperature_c/ });
  await t.throwsAsync(answer({ condition: "clear", temperature_c: 1, wind_kph: 1, precipitation_mm: 1, date: "2030-01-02" }).forecast(query),
    { message: /not 2030-01-01/ });
  await t.throwsAsync(answer([1]).forecast(query), { message: /JSON object/ });
  t.like(await answer({ condition: "fog", temperature_c: 1, wind_kph: 2, precipitation_mm: 0 }).forecast(query), { date: "2030-01-01", condition: "fog" });
});

test("the crontab schedules the trip tasks under fixed ids, and each task exists", async (t) => {
  const items = parseCrontab(await readFile(CRONTAB_FILE, "utf8"));
  const expected: Array<[string, string, { min: number; hour: number }]> = [
    ["trips__materialise_recurring", "trips_materialise_recurring", { min: 30, hour: 0 }],
    ["trips__auto_complete", "trips_auto_complete", { min: 5, hour: 13 }],
    ["trips__refresh_weather", "trips_refresh_weather", { min: 20, hour: 7 }],
  ];
  for (const [task, identifier, at] of expected) {
    const item = items.find((i) => i.task === task);
    t.truthy(item, task);
    t.is(item!.identifier, identifier);
    t.true(item!.match({ ...at, date: 1, month: 1, dow: 4 }), `${task} runs at ${at.hour}:${at.min}`);
    t.true(Object.hasOwn(taskList, task));
  }
});
