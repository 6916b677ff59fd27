// A forecast service over HTTP: GET <url>?lat=…&lng=…&date=YYYY-MM-DD answering a JSON Forecast
// ({condition, temperature_c, wind_kph, precipitation_mm[, date]}). Point WEATHER_URL at a small adapter in front
// of the commercial API in use; the answer is validated before anything is stored.
import { assertForecast, type Forecast, type ForecastQuery, type WeatherProvider } from "./provider.ts";

export function makeHttpProvider(url: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): WeatherProvider {
  const base = new URL(url);
  return {
    name: `http:${base.host}`,
    async forecast({ lat, lng, date }: ForecastQuery): Promise<Forecast> {
      const target = new URL(base);
      target.searchParams.set("lat", String(lat));
      target.searchParams.set("lng", String(lng));
      target.searchParams.set("date", date);
      const res = await fetchImpl(target, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`weather service answered HTTP ${res.status} for ${date}`);
      const body: unknown = await res.json();
      assertForecast(body, date);
      return {
        date,
        condition: body.condition,
        temperature_c: body.temperature_c,
        wind_kph: body.wind_kph,
        precipitation_mm: body.precipitation_mm,
      };
    },
  };
}
