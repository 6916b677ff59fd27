// `npm run -s dev:mail [N | --all]`: the development inbox. Without SMTP_URL the worker writes every email as an
// .eml file into MAIL_DIR (workers/mail.ts); this prints the newest N (default 5) with date, recipient, subject and
// text, newest first. It reads files only, so it works without the database or the environment of scripts/run.sh.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { readMailConfig } from "../lib/config.ts";

const USAGE = "usage: npm run -s dev:mail [-- N | --all]\n";

function parseLimit(args: string[]): number {
  if (args.length === 0) return 5;
  const [arg] = args;
  if (args.length === 1 && arg === "--all") return Infinity;
  if (args.length === 1 && arg !== undefined && /^[1-9]\d*$/.test(arg)) return Number(arg);
  process.stderr.write(USAGE);
  process.exit(arg === "--help" || arg === "-h" ? 0 : 2);
}

// Only the mail section of the configuration: this tool needs no database.
const { dir } = readMailConfig();
const limit = parseLimit(process.argv.slice(2));

// `dev:mail | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

async function emlFiles(): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".eml"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Header names lower-cased, folded lines joined; the body is kept raw (latin1 keeps every byte as one char). */
function parsePart(raw: string): Part {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBytes(bytes: Buffer, charset = "utf-8"): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

function quotedPrintable(text: string): Buffer {
  const unfolded = text.replace(/=\r?\n/g, "");
  return Buffer.from(
    unfolded.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1"
  );
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects and names. */
function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      decodeBytes(
        encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintable(text.replace(/_/g, " ")),
        charset
      )
    );
}

/** The text/plain content of a message, looking into multipart bodies. */
function textOf(part: Part): string | undefined {
  const type = part.headers.get("content-type") ?? "text/plain";
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, "boundary");
    if (!boundary) return undefined;
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith("--")) break;
      const text = textOf(parsePart(piece.replace(/^\r?\n/, "")));
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (!/^text\/plain/i.test(type)) return undefined;
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const bytes =
    encoding === "base64"
      ? Buffer.from(part.body.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? quotedPrintable(part.body)
        : Buffer.from(part.body, "latin1");
  return decodeBytes(bytes, param(type, "charset")).replace(/\r\n/g, "\n").trimEnd();
}

function formatDate(value: string | undefined): string {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime())
    ? date
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
    : (value ?? "(no date)");
}

const files = (await emlFiles()).sort().reverse(); // names start with an ISO timestamp
if (files.length === 0) {
  process.stdout.write(`No emails in ${dir} yet.\n`);
} else {
  const shown = files.slice(0, limit);
  for (const name of shown) {
    const message = parsePart((await readFile(join(dir, name))).toString("latin1"));
    // Addresses may be raw UTF-8 (SMTPUTF8); the file was read as latin1 to keep body bytes intact.
    const header = (key: string) =>
      decodeHeader(Buffer.from(message.headers.get(key) ?? "", "latin1").toString("utf8"));
    process.stdout.write(
      [
        `── ${formatDate(message.headers.get("date"))} ${"─".repeat(40)}`,
        `To:      ${header("to")}`,
        `Subject: ${header("subject")}`,
        `File:    ${name}`,
        "",
        textOf(message) ?? "(no text part)",
        "",
        "",
      ].join("\n")
    );
  }
  const rest = files.length - shown.length;
  process.stdout.write(
    `${shown.length} of ${files.length} email(s) in ${dir}${rest > 0 ? "; --all shows every one" : ""}\n`
  );
}
