// Hourly (workers/crontab): forecasts for trips departing within trips.weather_horizon_days whose cached forecast
// is missing or expired. SQL picks the trips and derives alerts and expiry; this task only talks to the provider,
// one trip at a time and outside any transaction. A failed forecast is retried by the next run (or by the job's
// own retry); the weather never blocks a trip.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";

/** Trips handled per run; the rest follow in the next run. */
const BATCH = 200;

interface TripToForecast {
  trip_id: string;
  origin_lng: number;
  origin_lat: number;
  destination_lng: number;
  destination_lat: number;
  departure_date: string;
  arrival_date: string;
}

export function makeTripsRefreshWeatherTask({ weather: provider }: Pick<TaskDeps, "weather">): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<TripToForecast>(
        `select trip_id, origin_lng, origin_lat, destination_lng, destination_lat,
              departure_date::text as departure_date, arrival_date::text as arrival_date
         from app_private.trips_needing_weather($1)`,
        [BATCH]
      )
    );
    const failures: string[] = [];
    for (const trip of rows) {
      try {
        const [origin, destination] = await Promise.all([
          provider.forecast({ lat: trip.origin_lat, lng: trip.origin_lng, date: trip.departure_date }),
          provider.forecast({ lat: trip.destination_lat, lng: trip.destination_lng, date: trip.arrival_date }),
        ]);
        await helpers.withPgClient((client) =>
          client.query("select app_private.record_trip_weather($1, $2, $3)", [
            trip.trip_id,
            JSON.stringify({ origin, destination }),
            provider.name,
          ])
        );
      } catch (error) {
        failures.push(`${trip.trip_id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    helpers.logger.info("trip weather refreshed", {
      trips: rows.length,
      failed: failures.length,
      provider: provider.name,
    });
    if (failures.length > 0)
      throw new Error(`${failures.length} forecast(s) failed: ${failures.slice(0, 5).join("; ")}`);
  };
}
