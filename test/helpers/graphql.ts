// GraphQL helpers for tests that talk to the real server (server.ts): GeoJSON points for arguments and answers, and
// gqlData for operations that are a step of the setup rather than what the test asserts — it throws with the errors,
// so a broken step fails where it happened instead of as a confusing assertion further down.
import type { TestServer } from "./server.ts";

/** A GeoJSON point as the GeoJSON scalar takes and returns it (a type, not an interface: it is plain JSON). */
export type GeoJsonPoint = { type: "Point"; coordinates: [number, number] };

export const point = (lng: number, lat: number): GeoJsonPoint => ({ type: "Point", coordinates: [lng, lat] });

/** Runs a GraphQL operation that must succeed and returns its data; throws with the errors otherwise. */
export async function gqlData(server: TestServer, query: string, options: Parameters<TestServer["gql"]>[1] = {}) {
  const res = await server.gql(query, options);
  if (res.errors) throw new Error(`${query.trim().slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return res.data!;
}
