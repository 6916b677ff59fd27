// The weather provider the worker uses, chosen by lib/config.ts (WEATHER_PROVIDER, WEATHER_URL, WEATHER_TIMEOUT_MS):
// offline (the default; deterministic, no network) or a forecast service over HTTP.
import type { WeatherConfig } from "../../lib/config.ts";
import { makeHttpProvider } from "./http.ts";
import { offlineProvider } from "./offline.ts";
import type { WeatherProvider } from "./provider.ts";

export function createWeatherProvider(config: WeatherConfig): WeatherProvider {
  return config.provider === "http" ? makeHttpProvider(config.url, config.timeoutMs) : offlineProvider;
}
