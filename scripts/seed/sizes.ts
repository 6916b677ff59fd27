// How much the seed makes. Offers, deliveries and reviews follow from these in fixed proportions (seed.ts): about a
// third of the requests were carried (an accepted offer on a trip of their route), open future requests often have
// a pending offer, and most delivered deliveries were reviewed by one or both sides.

export const SEED_SIZES = {
  /** The demo for newcomers: a few hundred rows, seconds. */
  small: { users: 150, trips: 400, requests: 300 },
  /** What the issue measured: 100k trips and 50k requests (a minute or two). */
  medium: { users: 5_000, trips: 100_000, requests: 50_000 },
  /** 1M trips and 1M requests: matching and search at scale. */
  large: { users: 50_000, trips: 1_000_000, requests: 1_000_000 },
} as const;

export type SeedSize = keyof typeof SEED_SIZES;

export function isSeedSize(value: string): value is SeedSize {
  return Object.hasOwn(SEED_SIZES, value);
}

/** The password of every seeded user (one bcrypt hash for all): for the demo only. */
export const SEED_PASSWORD = "Seed-password-1";

/** Seeded users' emails end with this domain, e.g. ann.lee.17@seed.example. */
export const SEED_EMAIL_DOMAIN = "seed.example";
