// The weather provider interface of the trips__refresh_weather task. A provider answers one forecast per place and
// UTC day; what counts as an alert is decided in SQL (app_private.record_trip_weather), not here.

export interface ForecastQuery {
  lat: number;
  lng: number;
  /** UTC day, YYYY-MM-DD. */
  date: string;
}

export interface Forecast {
  date: string;
  /** clear, clouds, rain, fog, snow, storm (providers may name others; only the alert list gives them meaning). */
  condition: string;
  temperature_c: number;
  wind_kph: number;
  precipitation_mm: number;
}

export interface WeatherProvider {
  /** Stored with the forecast (trip_weather.provider). */
  readonly name: string;
  forecast(query: ForecastQuery): Promise<Forecast>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Narrows an answer from outside (an HTTP body) to a Forecast, or throws naming what is wrong. */
export function assertForecast(value: unknown, date: string): asserts value is Forecast {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`a forecast must be a JSON object, got ${JSON.stringify(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (typeof record.condition !== "string" || record.condition.length === 0 || record.condition.length > 40) {
    throw new Error("a forecast needs a condition (a short string)");
  }
  for (const field of ["temperature_c", "wind_kph", "precipitation_mm"] as const) {
    const number = record[field];
    if (typeof number !== "number" || !Number.isFinite(number)) throw new Error(`a forecast needs a numeric ${field}`);
  }
  if (record.date !== undefined && (typeof record.date !== "string" || record.date !== date)) {
    throw new Error(`the forecast is for ${String(record.date)}, not ${date}`);
  }
  if (!DATE.test(date)) throw new Error(`not a date: ${date}`);
}
