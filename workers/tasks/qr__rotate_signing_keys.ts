// Daily (workers/crontab): a new handover signing key once the active one is qr.key_rotation_days old, the old one
// retired (it still verifies for qr.key_grace_days), and keys past their grace deleted
// (app_private.rotate_qr_signing_keys, docs/handover.md).
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeQrRotateSigningKeysTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ key_id: string | null }>("select app_private.rotate_qr_signing_keys() as key_id")
    );
    if (rows[0]!.key_id) helpers.logger.info("handover signing key rotated", { keyId: rows[0]!.key_id });
  };
}
