// Removes the metadata blocks of photos that can carry where they were taken (EXIF with its GPS tags, XMP, IPTC)
// before a photo is stored, without decoding or re-encoding the image: the pixels stay byte for byte. All of EXIF
// goes (also the orientation tag: clients show the image as stored). PDFs are stored as they came.

/** The upload is not the image format it claims (a truncated or malformed container): refused as INVAL. */
export class MalformedImageError extends Error {}

const JPEG_DROPPED = new Set([0xe1 /* APP1: EXIF, XMP */, 0xed /* APP13: IPTC */]);

function stripJpeg(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff || i + 1 >= bytes.length) throw new MalformedImageError("The JPEG's segments are malformed");
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Start of scan or end of image: the compressed data follows, with no metadata segments inside.
    if (marker === 0xda || marker === 0xd9) {
      parts.push(bytes.subarray(i));
      return Buffer.concat(parts);
    }
    if (i + 4 > bytes.length) throw new MalformedImageError("The JPEG ends inside a segment");
    const end = i + 2 + bytes.readUInt16BE(i + 2);
    if (end > bytes.length) throw new MalformedImageError("The JPEG ends inside a segment");
    if (!JPEG_DROPPED.has(marker)) parts.push(bytes.subarray(i, end));
    i = end;
  }
  throw new MalformedImageError("The JPEG has no image data");
}

const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt"]);

function stripPng(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i < bytes.length) {
    if (i + 12 > bytes.length) throw new MalformedImageError("The PNG ends inside a chunk");
    const end = i + 12 + bytes.readUInt32BE(i);
    if (end > bytes.length) throw new MalformedImageError("The PNG ends inside a chunk");
    const type = bytes.toString("latin1", i + 4, i + 8);
    if (!PNG_DROPPED.has(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === "IEND") return Buffer.concat(parts);
  }
  throw new MalformedImageError("The PNG has no end chunk");
}

function stripWebp(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 12;
  while (i < bytes.length) {
    if (i + 8 > bytes.length) throw new MalformedImageError("The WebP ends inside a chunk");
    const size = bytes.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > bytes.length) throw new MalformedImageError("The WebP ends inside a chunk");
    const type = bytes.toString("latin1", i, i + 4);
    if (type === "VP8X" && size >= 1) {
      const chunk = Buffer.from(bytes.subarray(i, end));
      chunk[8] = chunk[8]! & ~0x0c; // the EXIF (0x08) and XMP (0x04) flags: those chunks are gone
      parts.push(chunk);
    } else if (type !== "EXIF" && type !== "XMP ") {
      parts.push(bytes.subarray(i, end));
    }
    i = end;
  }
  const body = Buffer.concat(parts);
  const header = Buffer.from(bytes.subarray(0, 12));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

/** The bytes to store for a file of this (verified) content type. */
export function withoutLocationMetadata(contentType: string, bytes: Buffer): Buffer {
  switch (contentType) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
    default:
      return bytes;
  }
}
