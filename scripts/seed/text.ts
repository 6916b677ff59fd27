// The words of the seed: people's names for every user, and pools of item names, addresses, descriptions and bios
// that SQL picks from at random. Made with @faker-js/faker under a fixed seed, so a size always seeds the same text.
import { base, en, Faker } from "@faker-js/faker";

export interface SeedText {
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  items: string[];
  itemDescriptions: string[];
  tripNotes: string[];
  bios: string[];
  reviewComments: string[];
}

const POOL = 500;

/** A constraint-safe string: trimmed to the column's limit, never empty. */
const clip = (value: string, max: number) => value.trim().slice(0, max) || "x";

// Faker's English locale has no review phrases; these read like what people write after a delivery.
const REVIEW_OPENINGS = [
  "Smooth handover",
  "Arrived on time",
  "Very careful with the parcel",
  "Friendly and clear",
  "A bit late but kept me posted",
  "Great communication",
  "Would book again",
  "Item arrived intact",
  "Easy to coordinate",
  "Took extra care with the packaging",
];

export function makeSeedText(users: number, seed = 42): SeedText {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const pool = (make: () => string) => Array.from({ length: POOL }, make);
  return {
    firstNames: Array.from({ length: users }, () => clip(faker.person.firstName(), 100)),
    lastNames: Array.from({ length: users }, () => clip(faker.person.lastName(), 100)),
    streets: pool(() => clip(faker.location.streetAddress(), 400)),
    items: pool(() => clip(faker.commerce.productName(), 200)),
    itemDescriptions: pool(() => clip(faker.commerce.productDescription(), 2000)),
    tripNotes: pool(() =>
      clip(
        `${faker.word.adjective()} ${faker.vehicle.type().toLowerCase()}, room for ` +
          `${faker.helpers.arrayElement(["a few parcels", "small items", "one suitcase", "documents and small boxes"])}`,
        2000
      )
    ),
    bios: pool(() => clip(faker.person.bio(), 500)),
    reviewComments: pool(() =>
      clip(`${faker.helpers.arrayElement(REVIEW_OPENINGS)}. ${faker.company.catchPhrase()}.`, 1000)
    ),
  };
}
