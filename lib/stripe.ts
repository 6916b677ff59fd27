// The Stripe client of the worker's tasks and the webhook route: the official SDK, configured once from
// lib/config.ts. With a real key it talks to Stripe; without one (development, tests) to the fake on loopback
// (lib/stripe_fake.ts) through the SDK's own host, port and protocol settings, so the same code runs in both.
import Stripe from "stripe";
import type { StripeConfig } from "./config.ts";

export type { Stripe };

/** How old a webhook's signed timestamp may be (seconds), as Stripe's own libraries default to. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function createStripeClient(config: StripeConfig): Stripe {
  return new Stripe(config.secretKey, {
    ...(config.host ? { host: config.host } : {}),
    ...(config.port ? { port: config.port } : {}),
    ...(config.protocol ? { protocol: config.protocol } : {}),
    // Network failures are retried by the SDK with the same idempotency key; anything else fails the job, which
    // graphile-worker retries with backoff.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
}

/** Stripe's error type and code of a failed call (undefined when the error is not Stripe's). */
export function stripeErrorCode(error: unknown): string | undefined {
  return error instanceof Stripe.errors.StripeError ? (error.code ?? error.type) : undefined;
}
