// The default provider: no network, deterministic. The same place and day always give the same forecast (derived
// from a SHA-256 of the rounded coordinates and the date), so development and tests behave alike everywhere.
import { createHash } from "node:crypto";
import type { Forecast, ForecastQuery, WeatherProvider } from "./provider.ts";

const CONDITIONS = ["clear", "clear", "clear", "clouds", "clouds", "rain", "rain", "fog", "snow", "storm"] as const;

export function offlineForecast({ lat, lng, date }: ForecastQuery): Forecast {
  const digest = createHash("sha256")
    .update(`${lat.toFixed(2)},${lng.toFixed(2)},${date}`)
    .digest();
  const month = Number(date.slice(5, 7));
  // Warmer near the equator and in the hemisphere's summer; ± 6 °C of deterministic noise.
  const summer = lat >= 0 ? Math.cos(((month - 7) / 6) * Math.PI) : Math.cos(((month - 1) / 6) * Math.PI);
  const base = 28 - Math.abs(lat) * 0.45 + summer * 8;
  let condition: string = CONDITIONS[digest[0]! % CONDITIONS.length]!;
  const temperature = Math.round((base + (digest[1]! / 255) * 12 - 6) * 10) / 10;
  if (condition === "snow" && temperature > 2) condition = "rain";
  const wet = condition === "rain" || condition === "snow" || condition === "storm";
  return {
    date,
    condition,
    temperature_c: temperature,
    wind_kph: Math.round((condition === "storm" ? 50 : 0) + (digest[2]! / 255) * 40),
    precipitation_mm: wet ? Math.round((digest[3]! / 255) * (condition === "storm" ? 40 : 15) * 10) / 10 : 0,
  };
}

export const offlineProvider: WeatherProvider = {
  name: "offline",
  forecast: async (query) => offlineForecast(query),
};
