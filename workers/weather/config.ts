// Which weather provider the worker uses, read from the worker's environment (only the worker needs it):
//   WEATHER_PROVIDER   offline (default; deterministic, no network) or http
//   WEATHER_URL        the forecast endpoint, required with http
//   WEATHER_TIMEOUT_MS per request, default 5000
import { makeHttpProvider } from "./http.ts";
import { offlineProvider } from "./offline.ts";
import type { WeatherProvider } from "./provider.ts";

export function weatherProviderFromEnv(source: NodeJS.ProcessEnv = process.env): WeatherProvider {
  const kind = source.WEATHER_PROVIDER || "offline";
  if (kind === "offline") return offlineProvider;
  if (kind !== "http") throw new Error(`WEATHER_PROVIDER must be offline or http, got "${kind}"`);
  if (!source.WEATHER_URL) throw new Error("WEATHER_URL is required with WEATHER_PROVIDER=http");
  const timeout = Number(source.WEATHER_TIMEOUT_MS || 5000);
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new Error(`WEATHER_TIMEOUT_MS must be a positive integer, got "${source.WEATHER_TIMEOUT_MS}"`);
  }
  return makeHttpProvider(source.WEATHER_URL, timeout);
}
