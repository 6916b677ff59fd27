// File.uploadUrl and File.downloadUrl: the storage driver's URLs (lib/storage.ts: the server's signed /files/<id>
// routes with local disk, presigned URLs of the bucket with S3), made from the row the caller may read. Row-level
// security decides who sees a file (db/policies/files/files.sql), and only its owner sees it while it is pending, so
// only the owner ever gets its upload URL. Mutations also tell SQL which driver serves them (the transaction-local
// setting app.files_storage), which completeUpload needs (db/functions/files/complete_upload.sql).
import type { PgSelectSingleStep } from "postgraphile/@dataplan/pg";
import { type ExecutableStep, lambda } from "postgraphile/grafast";
import { getOperationAST } from "postgraphile/graphql";
import { extendSchema, gql } from "postgraphile/utils";
import type { FilesConfig } from "../../lib/config.ts";
import { storageFromConfig, storageKeyOf } from "../../lib/storage.ts";

export function makeFileUrlsPlugin(config: FilesConfig): GraphileConfig.Plugin {
  const storage = storageFromConfig(config);
  /** The download URL of a file row the caller may read: null unless it is ready. */
  const downloadUrlOf = ($file: PgSelectSingleStep) => {
    const $row = [$file.get("id"), $file.get("status"), $file.get("content_type"), $file.get("purpose")];
    return lambda([...$row, $file.get("created_at")], ([id, status, contentType, purpose, createdAt]) =>
      status === "ready"
        ? storage.downloadUrl({
            id: String(id),
            contentType: String(contentType),
            storageKey: storageKeyOf({ id: String(id), purpose: String(purpose), createdAt: String(createdAt) }),
          })
        : null
    );
  };
  const plugin = extendSchema((build) => ({
    typeDefs: gql`
      extend type Query {
        """
        A signed download URL of a ready file the caller may read (the files policy decides), valid for
        FILES_URL_SECONDS; null when the file does not exist, is not theirs to read or is not ready. The same URL as
        File.downloadUrl.
        """
        fileUrl(fileId: UUID!): String
      }
      extend type File {
        """
        Where to PUT the file's bytes: exactly byteSize bytes with the declared SHA-256, sent with the header
        Content-Type: contentType; then call completeUpload. Relative to the API's origin, or an absolute URL of the
        object storage. Valid for FILES_URL_SECONDS and until uploadExpiresAt; null once the file is not pending.
        """
        uploadUrl: String
        """
        Where to GET the file (relative to the API's origin, or an absolute URL of the object storage), valid for
        FILES_URL_SECONDS; null until it is ready.
        """
        downloadUrl: String
      }
    `,
    plans: {
      File: {
        uploadUrl($file: PgSelectSingleStep) {
          const $row = [$file.get("id"), $file.get("status"), $file.get("content_type"), $file.get("byte_size")];
          return lambda($row, ([id, status, contentType, byteSize]) =>
            status === "pending"
              ? storage.uploadUrl({ id: String(id), contentType: String(contentType), byteSize: Number(byteSize) })
              : null
          );
        },
        downloadUrl: downloadUrlOf,
      },
      Query: {
        fileUrl(_: unknown, { $fileId }: { $fileId: ExecutableStep }) {
          return downloadUrlOf(build.input.pgRegistry.pgResources.files!.get({ id: $fileId }));
        },
      },
    },
  }));
  return {
    ...plugin,
    grafast: {
      middleware: {
        // After the context (server/context.ts) made this request's pgSettings: mutations learn the driver.
        async prepareArgs(next, event) {
          const args = await next();
          const { document, operationName } = event.args;
          const pgSettings = (args.contextValue as { pgSettings?: Record<string, string> }).pgSettings;
          if (pgSettings && getOperationAST(document, operationName)?.operation === "mutation") {
            pgSettings["app.files_storage"] = config.storage;
          }
          return args;
        },
      },
    },
  };
}
