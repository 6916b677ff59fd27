// File.uploadUrl and File.downloadUrl: signed URLs of the server's file routes (server/files/signing.ts), made from
// the row the caller may read. Row-level security decides who sees a file (db/policies/files/files.sql), and only
// its owner sees it while it is pending, so only the owner ever gets its upload URL.
import type { PgSelectSingleStep } from "postgraphile/@dataplan/pg";
import { lambda } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type { FilesConfig } from "../../lib/config.ts";
import { signedFilePath } from "../files/signing.ts";

export function makeFileUrlsPlugin(config: FilesConfig) {
  return extendSchema(() => ({
    typeDefs: gql`
      extend type File {
        """
        Where to PUT the file's bytes (relative to the API's origin): exactly byteSize bytes with the declared SHA-256
        and content type. Valid for FILES_URL_SECONDS and until uploadExpiresAt; null once the file is not pending.
        """
        uploadUrl: String
        """
        Where to GET the file (relative to the API's origin), valid for FILES_URL_SECONDS; null until it is ready.
        """
        downloadUrl: String
      }
    `,
    plans: {
      File: {
        uploadUrl($file: PgSelectSingleStep) {
          const $id = $file.get("id");
          const $status = $file.get("status");
          return lambda([$id, $status], ([id, status]) =>
            status === "pending" ? signedFilePath(config.signingKey, "PUT", String(id), config.urlSeconds) : null
          );
        },
        downloadUrl($file: PgSelectSingleStep) {
          const $id = $file.get("id");
          const $status = $file.get("status");
          return lambda([$id, $status], ([id, status]) =>
            status === "ready" ? signedFilePath(config.signingKey, "GET", String(id), config.urlSeconds) : null
          );
        },
      },
    },
  }));
}
