// Jobs are enqueued from SQL with id-only payloads; nothing but this check stands between a malformed payload
// and a query.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

export function assertIdPayload(task: string, payload: unknown): { id: string } {
  if (typeof payload !== "object" || payload === null || !("id" in payload) || !isUuid(payload.id)) {
    throw new Error(`${task} expects the payload { id: uuid }, got ${JSON.stringify(payload)}`);
  }
  return { id: payload.id };
}
