// Tracking fixtures (test/tracking): a delivery whose tracking window is open, fixes relative to now, and the
// recordLocations / recordLocation / read operations over GraphQL.
import type { TestDatabase } from "./database.ts";
import { type AcceptedDelivery, createAcceptedDelivery, type DeliveryOptions } from "./marketplace.ts";
import type { GraphQLResponse, TestServer } from "./server.ts";

/** The request's places in createRequest: pickup in central Paris, drop-off in central Berlin ([lng, lat]). */
export const PICKUP: readonly [number, number] = [2.35, 48.86];
export const DROPOFF: readonly [number, number] = [13.4, 52.52];

/**
 * An accepted delivery whose pickup window opens in an hour, so that the traveler may send points from an hour ago
 * (tracking starts tracking.start_before_pickup_hours = 2 h before the scheduled pickup).
 */
export function createTrackedDelivery(db: TestDatabase, server: TestServer,
                                      options: DeliveryOptions = {}): Promise<AcceptedDelivery> {
  return createAcceptedDelivery(db, server, { ...options, request: { pickupWindowHours: [1, 24], ...options.request } });
}

export interface Fix {
  latitude: number;
  longitude: number;
  accuracyM: number;
  speedKmh?: number | null;
  bearing?: number | null;
  battery?: number | null;
  recordedAt: string;
}

/** A fix taken `secondsAgo` seconds ago at [lng, lat], 10 m accurate, with the extra fields given. */
export const fixAt = (place: readonly [number, number], secondsAgo: number, extra: Partial<Fix> = {}): Fix => ({
  longitude: place[0], latitude: place[1], accuracyM: 10,
  recordedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), ...extra,
});

export const RECORD_LOCATIONS = `mutation ($d: UUID!, $p: [LocationFixInput]!) {
  recordLocations(input: { deliveryId: $d, points: $p }) { result { accepted rejections { index code message } } } }`;

export interface BatchResult {
  accepted: number;
  rejections: Array<{ index: number; code: string; message: string }>;
}

export async function recordLocations(server: TestServer, token: string, deliveryId: string,
                                      points: Fix[]): Promise<GraphQLResponse<{ recordLocations: { result: BatchResult } }>> {
  return server.gql(RECORD_LOCATIONS, { token, variables: { d: deliveryId, p: points } });
}

export const POINT_FIELDS = "deliveryId latitude longitude accuracyM speedKmh bearing battery recordedAt precision";

export interface TrackedPoint {
  deliveryId: string;
  latitude: number;
  longitude: number;
  accuracyM: number;
  speedKmh: number | null;
  bearing: number | null;
  battery: number | null;
  recordedAt: string;
  precision: string;
}

export async function deliveryTrack(server: TestServer, token: string | undefined, deliveryId: string, since?: string) {
  return server.gql<{ deliveryTrack: TrackedPoint[] }>(
    `query ($d: UUID!, $s: Datetime) { deliveryTrack(deliveryId: $d, since: $s) { ${POINT_FIELDS} } }`,
    { token, variables: { d: deliveryId, s: since ?? null } });
}

export async function currentLocation(server: TestServer, token: string | undefined, deliveryId: string) {
  return server.gql<{ currentLocation: TrackedPoint | null }>(
    `query ($d: UUID!) { currentLocation(deliveryId: $d) { ${POINT_FIELDS} } }`, { token, variables: { d: deliveryId } });
}
