// Removes the metadata blocks of photos that can carry where they were taken (EXIF with its GPS tags, XMP, IPTC)
// before a photo is stored, without decoding or re-encoding the image: the pixels stay byte for byte. All of EXIF
// goes (also the orientation tag: clients show the image as stored). PDFs are stored as they came. HEIC/HEIF keeps
// its length: its metadata items are overwritten with zeros where they lie, so every offset of the file stays valid.

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

// HEIF (ISO/IEC 23008-12) is an ISO base media file: boxes of a 32-bit size (1: a 64-bit size follows the type; 0:
// to the end of the file) and a four-character type. The `meta` box (a full box: 4 bytes of version and flags first)
// lists the items in `iinf` (one `infe` each: id, type and, for `mime` items, a content type) and where their bytes
// lie in `iloc` (extents in the file, or in the `idat` box of `meta`). Location metadata are the `Exif` item and XMP,
// a `mime` item of type application/rdf+xml; their extents are zeroed. Anything that does not parse is refused.

interface Box {
  type: string;
  /** Where the box's payload starts (after the header) and where the box ends. */
  start: number;
  end: number;
}

function boxesIn(bytes: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let i = from;
  while (i < to) {
    if (i + 8 > to) throw new MalformedImageError("The HEIF file ends inside a box header");
    let size = bytes.readUInt32BE(i);
    const type = bytes.toString("latin1", i + 4, i + 8);
    let start = i + 8;
    if (size === 1) {
      if (i + 16 > to) throw new MalformedImageError("The HEIF file ends inside a box header");
      const large = bytes.readBigUInt64BE(i + 8);
      if (large > BigInt(to - i)) throw new MalformedImageError(`The HEIF box ${type} is longer than its container`);
      size = Number(large);
      start = i + 16;
    } else if (size === 0) {
      size = to - i;
    }
    if (size < start - i || i + size > to)
      throw new MalformedImageError(`The HEIF box ${type} is longer than its container`);
    boxes.push({ type, start, end: i + size });
    i += size;
  }
  return boxes;
}

/** Reads the fields of one box, refusing any read past its end. */
class BoxReader {
  readonly bytes: Buffer;
  readonly box: Box;
  #at: number;
  constructor(bytes: Buffer, box: Box) {
    this.bytes = bytes;
    this.box = box;
    this.#at = box.start;
  }
  get at(): number {
    return this.#at;
  }
  #need(n: number): number {
    if (this.#at + n > this.box.end) throw new MalformedImageError(`The HEIF box ${this.box.type} is truncated`);
    const at = this.#at;
    this.#at += n;
    return at;
  }
  uint(size: number): number {
    if (size === 0) return 0;
    const at = this.#need(size);
    if (size === 1) return this.bytes[at]!;
    if (size === 2) return this.bytes.readUInt16BE(at);
    if (size === 4) return this.bytes.readUInt32BE(at);
    if (size === 8) {
      const value = this.bytes.readBigUInt64BE(at);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedImageError("A HEIF offset is out of range");
      return Number(value);
    }
    throw new MalformedImageError(`A HEIF field has an invalid size (${size})`);
  }
  fourcc(): string {
    const at = this.#need(4);
    return this.bytes.toString("latin1", at, at + 4);
  }
  /** A null-terminated UTF-8 string; a string running to the end of the box is accepted, as readers do. */
  cstring(): string {
    const start = this.#at;
    const nul = this.bytes.indexOf(0, start);
    const end = nul < 0 || nul >= this.box.end ? this.box.end : nul;
    this.#at = Math.min(end + 1, this.box.end);
    return this.bytes.toString("utf8", start, end);
  }
  /** Version and flags of a full box. */
  fullBox(): number {
    const version = this.uint(1);
    this.#need(3);
    return version;
  }
}

function metadataItemIds(bytes: Buffer, iinf: Box): Set<number> {
  const reader = new BoxReader(bytes, iinf);
  const version = reader.fullBox();
  reader.uint(version === 0 ? 2 : 4); // entry count: the infe boxes that follow are what counts
  const ids = new Set<number>();
  for (const infe of boxesIn(bytes, reader.at, iinf.end)) {
    if (infe.type !== "infe") continue;
    const entry = new BoxReader(bytes, infe);
    const entryVersion = entry.fullBox();
    if (entryVersion < 2) continue; // versions 0 and 1 predate item types: no Exif or mime items
    const id = entry.uint(entryVersion === 2 ? 2 : 4);
    entry.uint(2); // item_protection_index
    const itemType = entry.fourcc();
    entry.cstring(); // item_name
    if (itemType === "Exif") ids.add(id);
    if (itemType === "mime" && entry.cstring().split(";")[0]!.trim().toLowerCase() === "application/rdf+xml")
      ids.add(id);
  }
  return ids;
}

/** Zeroes the extents of the given items, in the file (construction method 0) or in the idat box (method 1). */
function zeroItems(bytes: Buffer, iloc: Box, idat: Box | undefined, ids: Set<number>): void {
  const reader = new BoxReader(bytes, iloc);
  const version = reader.fullBox();
  if (version > 2) throw new MalformedImageError(`The HEIF iloc box has an unknown version (${version})`);
  const sizes = reader.uint(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const sizes2 = reader.uint(1);
  const baseOffsetSize = sizes2 >> 4;
  const indexSize = version === 0 ? 0 : sizes2 & 0x0f;
  const itemCount = reader.uint(version < 2 ? 2 : 4);
  for (let n = 0; n < itemCount; n += 1) {
    const id = reader.uint(version < 2 ? 2 : 4);
    const method = version === 0 ? 0 : reader.uint(2) & 0x0f;
    const dataReference = reader.uint(2);
    const baseOffset = reader.uint(baseOffsetSize);
    const extentCount = reader.uint(2);
    for (let e = 0; e < extentCount; e += 1) {
      reader.uint(indexSize); // extent_index (versions 1 and 2 only; size 0 otherwise)
      const offset = baseOffset + reader.uint(offsetSize);
      const length = reader.uint(lengthSize);
      // Items in another file (a data reference) have no bytes here.
      if (!ids.has(id) || dataReference !== 0) continue;
      let from: number;
      let limit: number;
      if (method === 0) {
        from = offset;
        limit = bytes.length;
      } else if (method === 1) {
        if (!idat) throw new MalformedImageError("A HEIF item lies in an idat box that does not exist");
        from = idat.start + offset;
        limit = idat.end;
      } else {
        throw new MalformedImageError("A HEIF metadata item is built from other items, which is not supported");
      }
      const to = length === 0 ? limit : from + length;
      if (from > limit || to > limit) throw new MalformedImageError("A HEIF item lies outside the file");
      bytes.fill(0, from, to);
    }
  }
}

function stripHeif(bytes: Buffer): Buffer {
  const top = boxesIn(bytes, 0, bytes.length);
  if (top[0]?.type !== "ftyp") throw new MalformedImageError("The HEIF file does not start with its ftyp box");
  const metas = top.filter((box) => box.type === "meta");
  if (metas.length !== 1) throw new MalformedImageError("The HEIF file needs exactly one meta box");
  const meta = metas[0]!;
  new BoxReader(bytes, meta).fullBox();
  const children = boxesIn(bytes, meta.start + 4, meta.end);
  const one = (type: string) => {
    const found = children.filter((box) => box.type === type);
    if (found.length > 1) throw new MalformedImageError(`The HEIF meta box has more than one ${type} box`);
    return found[0];
  };
  const hdlr = one("hdlr");
  if (!hdlr || bytes.toString("latin1", hdlr.start + 8, hdlr.start + 12) !== "pict") {
    throw new MalformedImageError("The HEIF meta box is not an image's (no pict handler)");
  }
  const iinf = one("iinf");
  const iloc = one("iloc");
  if (!iinf || !iloc) throw new MalformedImageError("The HEIF meta box lists no items");
  const ids = metadataItemIds(bytes, iinf);
  // A copy is zeroed (the upload stays as it came); iloc is walked even with nothing to zero, so a malformed one is
  // refused either way.
  const stripped = Buffer.from(bytes);
  zeroItems(stripped, iloc, one("idat"), ids);
  return ids.size > 0 ? stripped : bytes;
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
    case "image/heic":
    case "image/heif":
      return stripHeif(bytes);
    default:
      return bytes;
  }
}
