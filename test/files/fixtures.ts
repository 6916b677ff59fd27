// Small files of each accepted type, built byte by byte so that each test knows exactly what it sends: a JPEG whose
// EXIF holds GPS coordinates, a PNG with a text chunk, a WebP with EXIF, a HEIC with an Exif and an XMP item, a PDF,
// and a Windows executable.
import { createHash } from "node:crypto";

export const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

/** The GPS position written into the photos' metadata; a stored photo must not contain it. */
export const GPS_TEXT = "GPSLatitude 52.5200 N GPSLongitude 13.4050 E";

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** SOI, JFIF, EXIF (with a GPS IFD's text), a quantisation table, the scan and EOI. */
export function jpegWithGps(): { bytes: Buffer; withoutMetadata: Buffer } {
  const soi = Buffer.from([0xff, 0xd8]);
  const jfif = jpegSegment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"));
  const exif = jpegSegment(0xe1, Buffer.concat([Buffer.from("Exif\0\0MM\0*\0\0\0\x08", "latin1"), Buffer.from(GPS_TEXT)]));
  const dqt = jpegSegment(0xdb, Buffer.alloc(65, 1));
  const scan = Buffer.concat([jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([0x12, 0x34, 0x56]), Buffer.from([0xff, 0xd9])]);
  return { bytes: Buffer.concat([soi, jfif, exif, dqt, scan]), withoutMetadata: Buffer.concat([soi, jfif, dqt, scan]) };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, data, Buffer.alloc(4)]); // the CRC is not checked by the server
}

export function pngWithText(): { bytes: Buffer; withoutMetadata: Buffer } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
  const text = pngChunk("tEXt", Buffer.from(`Comment\0${GPS_TEXT}`, "latin1"));
  const idat = pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 2, 0, 1]));
  const iend = pngChunk("IEND", Buffer.alloc(0));
  return { bytes: Buffer.concat([signature, ihdr, text, idat, iend]), withoutMetadata: Buffer.concat([signature, ihdr, idat, iend]) };
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

export function webpWithExif(): { bytes: Buffer; withoutMetadata: Buffer } {
  const vp8x = (flags: number) => riffChunk("VP8X", Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  const vp8l = riffChunk("VP8L", Buffer.from([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]));
  const exif = riffChunk("EXIF", Buffer.from(`MM\0*${GPS_TEXT}`, "latin1"));
  const riff = (body: Buffer) => {
    const head = Buffer.from("RIFF\0\0\0\0WEBP", "latin1");
    head.writeUInt32LE(body.length + 4, 4);
    return Buffer.concat([head, body]);
  };
  return { bytes: riff(Buffer.concat([vp8x(0x08), vp8l, exif])), withoutMetadata: riff(Buffer.concat([vp8x(0), vp8l])) };
}

/** An ISO base media box: 32-bit size, type, payload. A full box has its version and flags first. */
function isoBox(type: string, ...payload: Buffer[]): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 4, "latin1");
  const body = Buffer.concat(payload);
  head.writeUInt32BE(8 + body.length, 0);
  return Buffer.concat([head, body]);
}
const fullBox = (type: string, version: number, ...payload: Buffer[]) =>
  isoBox(type, Buffer.from([version, 0, 0, 0]), ...payload);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const text = (s: string) => Buffer.from(s, "latin1");

/**
 * A HEIC as a phone writes one, reduced to its structure: ftyp (brand heic), meta (hdlr pict, pitm, iinf with an hvc1
 * image item, an Exif item and an XMP item, iloc pointing into mdat) and mdat holding the three items' bytes. Both
 * metadata items carry GPS_TEXT. `withoutMetadata` is the same file with those two items' bytes zeroed; `image` is
 * where the image item's bytes lie (they must stay as they are). `malformed` has its Exif item pointing past the end.
 */
export function heicWithGps(): { bytes: Buffer; withoutMetadata: Buffer; image: { offset: number; length: number }; malformed: Buffer } {
  const image = text("hvc1 coded picture: these bytes are the pixels and stay exactly as they are");
  const exif = Buffer.concat([u32(0), text("Exif\0\0MM\0*\0\0\0\x08"), text(GPS_TEXT)]);
  const xmp = text(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>${GPS_TEXT}</rdf:Description></rdf:RDF></x:xmpmeta>`);
  const infe = (id: number, type: string, contentType?: string) =>
    fullBox("infe", 2, u16(id), u16(0), text(type), text("\0"), contentType ? text(`${contentType}\0`) : Buffer.alloc(0));
  const iloc = (extents: Array<[id: number, offset: number, length: number]>) =>
    fullBox("iloc", 0, Buffer.from([0x44, 0x00]), u16(extents.length),
      ...extents.map(([id, offset, length]) => Buffer.concat([u16(id), u16(0), u16(1), u32(offset), u32(length)])));
  const ftyp = isoBox("ftyp", text("heic"), u32(0), text("mif1heic"));
  const meta = (extents: Array<[number, number, number]>) => fullBox("meta", 0,
    fullBox("hdlr", 0, u32(0), text("pict"), Buffer.alloc(12), text("\0")),
    fullBox("pitm", 0, u16(1)),
    fullBox("iinf", 0, u16(3), infe(1, "hvc1"), infe(2, "Exif"), infe(3, "mime", "application/rdf+xml")),
    iloc(extents));
  const mdatStart = ftyp.length + meta([[1, 0, 0], [2, 0, 0], [3, 0, 0]]).length + 8;
  const offsets = { image: mdatStart, exif: mdatStart + image.length, xmp: mdatStart + image.length + exif.length };
  const build = (exifOffset: number) => Buffer.concat([ftyp,
    meta([[1, offsets.image, image.length], [2, exifOffset, exif.length], [3, offsets.xmp, xmp.length]]),
    isoBox("mdat", image, exif, xmp)]);
  const bytes = build(offsets.exif);
  const withoutMetadata = Buffer.from(bytes);
  withoutMetadata.fill(0, offsets.exif, offsets.exif + exif.length);
  withoutMetadata.fill(0, offsets.xmp, offsets.xmp + xmp.length);
  return { bytes, withoutMetadata, image: { offset: offsets.image, length: image.length }, malformed: build(bytes.length) };
}

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

/** The start of a Windows executable (DOS header and PE signature): what a renamed .exe sends. */
export function executable(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}
