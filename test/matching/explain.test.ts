// The matching queries use the spatial (GiST) indexes: with a few thousand trips and requests spread over 20
// cities, the plan that app_hidden.matches really runs (captured with auto_explain, nested statements included)
// reads trips and delivery_requests through their point indexes in both directions.
import test from "ava";
import { createSignedInMember } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { createRequestOnEquator, createTripOnEquator } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

test("both directions read the GiST indexes of the searched side", async (t) => {
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  // 4000 trips and 4000 requests between 20 cities on the 45th parallel (1° apart), over 30 days.
  await queryAsRoot(db, `alter table app_public.trips disable trigger _900_enqueue_matching;
                  alter table app_public.delivery_requests disable trigger _900_enqueue_matching`);
  await queryAsRoot(db, `
    insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point, destination_address,
      destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg, capacity_volume_l,
      available_volume_l, capacity_items, available_items, currency, base_price)
    select $1, 'Filler', 'car', 'o', public.st_makepoint(10 + g % 20 + (g % 7) * 0.01, 45)::public.geography, 'd',
           public.st_makepoint(10 + (g * 7) % 20 + (g % 5) * 0.01, 45.5)::public.geography,
           now() + interval '3 hours' + (g % 720) * interval '1 hour', now() + interval '9 hours' + (g % 720) * interval '1 hour',
           10, 10, 50, 50, 5, 5, 'USD', 1000
      from generate_series(1, 4000) g`, [traveler.id]);
  await queryAsRoot(db, `
    insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency,
      pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point, delivery_city,
      delivery_country, pickup_window_start, pickup_window_end, max_price, expires_at)
    select $1, 'Filler parcel', 'other', 'Box', 1, 'USD',
           'p', public.st_makepoint(10 + g % 20 + (g % 3) * 0.01, 45)::public.geography, 'A', 'AA',
           'd', public.st_makepoint(10 + (g * 3) % 20 + (g % 4) * 0.01, 45.5)::public.geography, 'B', 'BB',
           now() + (g % 720) * interval '1 hour', now() + interval '6 hours' + (g % 720) * interval '1 hour', 5000, now() + interval '31 days'
      from generate_series(1, 4000) g`, [customer.id]);
  await queryAsRoot(db, "analyze app_public.trips; analyze app_public.delivery_requests");
  const requestId = await createRequestOnEquator(db, customer.id, 15);
  const tripId = await createTripOnEquator(db, traveler.id, 15);

  const plans = await asRoot(db, async (c) => {
    const notices: string[] = [];
    c.on("notice", (n) => notices.push(n.message ?? ""));
    await c.query(`load 'auto_explain'`);
    await c.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on;
                   set auto_explain.log_level = notice; set client_min_messages = notice`);
    const plan = async (sql: string, id: string) => {
      notices.length = 0;
      await c.query(sql, [id]);
      return notices.filter((n) => n.includes("with candidates")).join("\n");
    };
    return { trips: await plan("select * from app_hidden.matches($1, null)", requestId),
             requests: await plan("select * from app_hidden.matches(null, $1)", tripId) };
  });
  t.regex(plans.trips, /(using|on) trips_(origin|destination)_point_idx/, plans.trips);
  t.regex(plans.requests, /(using|on) delivery_requests_(pickup|delivery)_point_idx/, plans.requests);
});
