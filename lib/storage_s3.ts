// The S3 driver (FILES_STORAGE=s3): an S3-compatible bucket through the official AWS SDK. Clients PUT their bytes
// straight to the bucket through a presigned URL, under a staging key `incoming/<file id>`, then call completeUpload;
// the files__process_upload job reads the staged object, checks it (lib/files/pipeline.ts), writes the bytes to keep
// under the file's storage key and removes the staged one. Downloads are presigned GETs of that key, served with the
// verified type and disposition. Nothing of a file passes through the API server.
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Config } from "./config.ts";
import { contentDispositionOf, type FileStorage, type PendingFile, type ReadyFile } from "./storage.ts";

const STAGING_PREFIX = "incoming/";
/** Keys are the database's (`<purpose>/<yyyy>/<mm>/<uuid>`) or staging keys; anything else is refused. */
const KEY = /^(?:[a-z_]+\/\d{4}\/\d{2}|incoming)\/[0-9a-f-]{36}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
  return key;
}

export class S3Storage implements FileStorage {
  readonly driver = "s3";
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #urlSeconds: number;

  constructor(config: S3Config, urlSeconds: number) {
    this.#bucket = config.bucket;
    this.#urlSeconds = urlSeconds;
    this.#client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // Checksums only where S3 requires them: a presigned PUT then signs no checksum of an empty body (which a
      // client's real body would break), and S3-compatible servers without the newer checksum headers work too.
      // Every upload's SHA-256 is checked by the pipeline anyway.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  /**
   * A presigned PUT of the staging key. Content-Type and Content-Length are signed headers, so the bucket refuses a
   * body of another length or a request with another type; the URL expires after FILES_URL_SECONDS.
   */
  uploadUrl(file: PendingFile): Promise<string> {
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: `${STAGING_PREFIX}${file.id}`,
      ContentType: file.contentType,
      ContentLength: file.byteSize,
    });
    return getSignedUrl(this.#client, command, {
      expiresIn: this.#urlSeconds,
      signableHeaders: new Set(["content-type", "content-length"]),
    });
  }

  /** A presigned GET answered with the verified type, the disposition the API's own route would give and no caching. */
  downloadUrl(file: ReadyFile): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: checkedKey(file.storageKey),
      ResponseContentType: file.contentType,
      ResponseContentDisposition: contentDispositionOf(file.contentType),
      ResponseCacheControl: "private, max-age=300",
    });
    return getSignedUrl(this.#client, command, { expiresIn: this.#urlSeconds });
  }

  stagingKey(fileId: string): string {
    return checkedKey(`${STAGING_PREFIX}${fileId}`);
  }

  async head(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key) }));
    // In Node the body is the response stream (an IncomingMessage).
    return object.Body as Readable;
  }

  async write(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key), Body: bytes, ContentType: contentType })
    );
  }

  /** S3 answers a delete of a missing key as a success. */
  async remove(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key) }));
  }

  /**
   * Nothing to sweep here: a staged upload goes with its file (checked by files__process_upload, or removed through
   * app_private.file_removals when the file is deleted). A lifecycle rule on `incoming/` may expire leftovers.
   */
  async sweepAbandonedUploads(_olderThanMs: number): Promise<number> {
    return 0;
  }
}
