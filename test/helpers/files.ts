// A ready file as a row, for tests whose subject is what a file is attached to (documents, deliveries, profiles)
// rather than the upload itself; test/files/attachments.test.ts goes through the real upload route end to end.
import { randomBytes } from "node:crypto";
import { queryAsRoot, type TestDatabase } from "./database.ts";

export async function readyFile(db: TestDatabase, ownerId: string, purpose: string,
                                contentType = "image/jpeg"): Promise<string> {
  const sha256 = randomBytes(32).toString("hex");
  const rows = await queryAsRoot<{ id: string }>(db,
    `with f as (
       insert into app_public.files (owner_id, purpose, content_type, byte_size, sha256, status, upload_expires_at, ready_at)
       values ($1, $2, $3, 1024, $4, 'ready', now(), now()) returning id)
     insert into app_private.file_objects (file_id, storage_key, stored_sha256, stored_bytes, uploaded_at)
     select f.id, $2 || '/' || to_char(now(), 'YYYY/MM') || '/' || f.id, $4, 1024, now() from f
     returning file_id as id`, [ownerId, purpose, contentType, sha256]);
  return rows[0]!.id;
}
