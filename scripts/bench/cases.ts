// The operations the bench measures, each twice: the GraphQL document a client sends, and the SQL a careful
// hand-written endpoint would run for it (the same tables, filters, order and columns). scripts/bench/handwritten.ts
// serves the SQL side behind the same identity steps as the API; the sections send both the same variables.

/** GeoJSON point, as the API takes it. */
export interface Point {
  type: "Point";
  coordinates: [number, number];
}

export interface Case {
  /** Short name, also the hand-written endpoint's route: POST /op/<name>. */
  name: string;
  /** What the figure measures, for the table. */
  what: string;
  graphql: string;
  sql: string;
  /** The SQL parameters of a request's variables. */
  params(variables: Record<string, unknown>): unknown[];
}

const ewkt = (p: Point) => `SRID=4326;POINT(${p.coordinates[0]} ${p.coordinates[1]})`;

export const READS: readonly Case[] = [
  {
    name: "upcomingTrips",
    what: "trips connection: the 20 next departures, soonest first, with their traveler",
    graphql: `query ($now: Datetime!) { trips(first: 20, orderBy: [DEPARTURE_TIME_ASC],
      filter: { departureTime: { greaterThan: $now } }) {
      nodes { rowId title departureTime traveler { displayName } } } }`,
    sql: `select t.id, t.title, t.departure_time, u.display_name
            from app_public.trips t left join app_public.users u on u.id = t.traveler_id
           where t.departure_time > $1
           order by t.departure_time, t.id limit 20`,
    params: (v) => [v.now],
  },
  {
    name: "travelerTrips",
    what: "a traveler's 20 latest trips with the traveler's rating (user_statistics)",
    graphql: `query ($travelerId: UUID!) { trips(first: 20, condition: { travelerId: $travelerId },
      orderBy: [DEPARTURE_TIME_DESC]) { nodes { rowId title departureTime status
        traveler { displayName userStatistic { averageRating totalRatings } } } } }`,
    sql: `select t.id, t.title, t.departure_time, t.status, u.display_name, s.average_rating, s.total_ratings
            from app_public.trips t left join app_public.users u on u.id = t.traveler_id
            left join app_public.user_statistics s on s.user_id = u.id
           where t.traveler_id = $1
           order by t.departure_time desc, t.id desc limit 20`,
    params: (v) => [v.travelerId],
  },
  {
    name: "myRequests",
    what: "the caller's 20 latest requests with their customer (20 rows, a nested object)",
    graphql: `query ($customerId: UUID!) { deliveryRequests(first: 20, condition: { customerId: $customerId },
      orderBy: [CREATED_AT_DESC]) { nodes { rowId title status pickupCity deliveryCity maxPrice customer { displayName } } } }`,
    sql: `select r.id, r.title, r.status, r.pickup_city, r.delivery_city, r.max_price, u.display_name
            from app_public.delivery_requests r left join app_public.users u on u.id = r.customer_id
           where r.customer_id = $1
           order by r.created_at desc, r.id desc limit 20`,
    params: (v) => [v.customerId],
  },
  {
    name: "searchTrips",
    what: "searchTrips with an origin and a destination (25 km), 20 results with their traveler",
    graphql: `query ($origin: GeoJSON!, $destination: GeoJSON!) { searchTrips(origin: $origin, destination: $destination,
      first: 20) { nodes { rowId title departureTime traveler { displayName } } } }`,
    // The limit first, then the 20 travelers: joining users to the whole result would check every user's row
    // against its policy (a careful hand-written query does what PostGraphile does here).
    sql: `select s.id, s.title, s.departure_time, u.display_name
            from (select * from app_public.search_trips(origin => $1::public.geography, destination => $2::public.geography)
                  limit 20) s
            left join app_public.users u on u.id = s.traveler_id`,
    params: (v) => [ewkt(v.origin as Point), ewkt(v.destination as Point)],
  },
];

/** The request details the write sends (GraphQL names); the SQL side turns them into the composite type. */
export interface RequestDetails {
  title: string;
  category: "other";
  itemName: string;
  weightKg: string;
  pickupAddress: string;
  pickupPoint: Point;
  pickupCity: string;
  pickupCountry: string;
  deliveryAddress: string;
  deliveryPoint: Point;
  deliveryCity: string;
  deliveryCountry: string;
  pickupWindowStart: string;
  pickupWindowEnd: string;
  maxPrice: string;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The details as delivery_request_details fields (snake case, points as EWKT). */
export function detailsRecord(details: RequestDetails): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [snake(key), typeof value === "object" ? ewkt(value) : value])
  );
}

export const WRITE: Case = {
  name: "createDeliveryRequest",
  what: "createDeliveryRequest (validation, estimated price, insert, matching job enqueued)",
  graphql: `mutation ($details: DeliveryRequestDetailInput!) { createDeliveryRequest(input: { details: $details }) {
    deliveryRequest { rowId estimatedPrice } } }`,
  sql: `select r.id, r.estimated_price
          from app_public.create_delivery_request(jsonb_populate_record(null::app_public.delivery_request_details, $1::jsonb)) r`,
  params: (v) => [JSON.stringify(detailsRecord(v.details as RequestDetails))],
};

export const CASES: ReadonlyMap<string, Case> = new Map([...READS, WRITE].map((c) => [c.name, c]));
