// Small files of each accepted type, built byte by byte so that each test knows exactly what it sends: a JPEG whose
// EXIF holds GPS coordinates, a PNG with a text chunk, a WebP with EXIF, a PDF, and a Windows executable.
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

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

/** The start of a Windows executable (DOS header and PE signature): what a renamed .exe sends. */
export function executable(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}
