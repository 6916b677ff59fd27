// The customer's code as a picture (server/handover/qr_image.ts): GET /handover/qr.png and /handover/qr.svg with the
// customer's bearer token draw a live code of theirs — the PNG decodes back to the very token — and refuse everybody
// and everything else with a documented code, storing and caching nothing.
import test from "ava";
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { createSignedInMember } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { issueCode } from "../helpers/handover.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
// jsqr is CommonJS: at run time its default import is the decoder itself, for the type checker its module object.
const jsQR = jsqr as unknown as typeof jsqr.default;

const image = (format: "png" | "svg", token: string, bearer?: string, method = "GET") =>
  fetch(`${server.url}/handover/qr.${format}?token=${encodeURIComponent(token)}`,
    { method, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

const code = async (res: Response) =>
  ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;

test("the customer gets their live code as a PNG that scans back to the token, and as an SVG; nothing may cache it", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const issued = await issueCode(server, d.customerToken, d.id, "delivery");

  const png = await image("png", issued.token, d.customerToken);
  t.is(png.status, 200);
  t.is(png.headers.get("content-type"), "image/png");
  t.is(png.headers.get("cache-control"), "no-store");
  t.is(png.headers.get("referrer-policy"), "no-referrer");
  const decoded = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
  const read = jsQR(new Uint8ClampedArray(decoded.data), decoded.width, decoded.height);
  t.is(read?.data, issued.token, "a scanner reads exactly the token");

  const svg = await image("svg", issued.token, d.customerToken);
  t.is(svg.status, 200);
  t.is(svg.headers.get("content-type"), "image/svg+xml");
  t.is(svg.headers.get("cache-control"), "no-store");
  t.regex(await svg.text(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<path[^>]* d="M/s);

  const head = await image("png", issued.token, d.customerToken, "HEAD");
  t.is(head.status, 200);

  // Nothing of the token was written anywhere by drawing it (the code's row keeps only hashes, as before).
  const [{ n }] = await queryAsRoot<{ n: number }>(db,
    "select count(*)::int as n from app_public.qr_code_scans where delivery_id = $1", [d.id]);
  t.is(n, 0, "showing a code is not an attempt");
});

test("only the delivery's customer, signed in, gets an image, and only of a live code (documented codes)", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const issued = await issueCode(server, d.customerToken, d.id, "delivery");
  const stranger = await createSignedInMember(db);
  const other = await createAcceptedDelivery(db, server);

  t.is((await image("png", issued.token)).status, 401, "no bearer token");
  t.is(await code(await image("png", issued.token)), "LOGIN");
  for (const [who, bearer] of [["the traveler", d.travelerToken], ["a stranger", stranger.token],
    ["another delivery's customer", other.customerToken]] as const) {
    const res = await image("png", issued.token, bearer);
    t.is(res.status, 404, who);
    t.is(await code(res), "NTFND", who);
  }
  const badBearer = await image("png", issued.token, "not.a.jwt");
  t.is(badBearer.status, 401);

  const [head, payload, mac] = issued.token.split(".");
  const forged = `${head}.${payload}.${mac!.slice(0, -2)}${mac!.endsWith("AA") ? "BA" : "AA"}`;
  for (const token of [forged, "P2PQR1.garbage", "", "x".repeat(2_000)]) {
    const res = await image("svg", token, d.customerToken);
    t.is(res.status, 400, token.slice(0, 20));
    t.is(await code(res), "INVAL");
  }

  // Reissuing revokes the old code: its token no longer draws.
  const again = await issueCode(server, d.customerToken, d.id, "delivery");
  const revoked = await image("png", issued.token, d.customerToken);
  t.is(revoked.status, 409);
  t.is(await code(revoked), "BADST");
  t.is((await image("png", again.token, d.customerToken)).status, 200);

  const post = await fetch(`${server.url}/handover/qr.png?token=${encodeURIComponent(again.token)}`,
    { method: "POST", headers: { authorization: `Bearer ${d.customerToken}` } });
  t.is(post.status, 405);
});
