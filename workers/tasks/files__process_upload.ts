// Enqueued by completeUpload (db/functions/files/complete_upload.sql) for a file whose bytes the client put in the
// bucket (S3 driver): reads the staged object (its size from a HEAD first, so an object longer than declared is
// refused without being read), runs it through the upload pipeline (lib/files/pipeline.ts: length, SHA-256, type,
// location metadata, malware scan, conditional completion writing the bytes to keep under the storage key), and
// removes the staged object. Every refusal is final (the URL's bytes cannot be sent again): the file is rejected with
// a code and reason the client reads, and keeps no bytes. A scanner that cannot answer fails the job, which
// graphile-worker retries; the file stays uploaded meanwhile.
import type { Task } from "graphile-worker";
import { checkAndStoreUpload, UploadNotOpenError, UploadRefusedError } from "../../lib/files/pipeline.ts";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface ProcessTarget {
  content_type: string;
  byte_size: string;
  sha256: string;
  storage_key: string;
}

export function makeFilesProcessUploadTask(deps: Pick<TaskDeps, "storage" | "scanner">): Task {
  const { storage, scanner } = deps;
  return async (payload, helpers) => {
    const { id } = assertIdPayload("files__process_upload", payload);
    const staging = storage.stagingKey(id);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<ProcessTarget>("select * from app_private.file_process_target($1)", [id])
    );
    const target = rows[0];
    // Not uploaded (any more): checked by an earlier run, or deleted; only a staged object may be left over.
    if (!target || !staging) {
      if (staging) await storage.remove(staging);
      return;
    }
    const head = await storage.head(staging);
    try {
      await checkAndStoreUpload(
        { storage, scanner, withClient: (callback) => helpers.withPgClient(callback) },
        {
          id,
          contentType: target.content_type,
          byteSize: Number(target.byte_size),
          sha256: target.sha256,
          storageKey: target.storage_key,
        },
        head ? { size: head.size, open: () => storage.read(staging) } : null,
        { finalRefusals: true }
      );
      helpers.logger.info("upload ready", { fileId: id });
    } catch (error) {
      if (error instanceof UploadRefusedError) {
        helpers.logger.warn("upload rejected", { fileId: id, code: error.code, reason: error.message });
      } else if (!(error instanceof UploadNotOpenError)) {
        throw error; // the scanner or the storage cannot answer: the job runs again later
      }
    }
    await storage.remove(staging);
  };
}
