// What the migration that encrypts TOTP secrets (20261207100100) does with secrets stored in plain text before it:
// it cannot encrypt them (a migration never sees the key), so it removes them. An unconfirmed setup is gone; an
// account with two-factor authentication on keeps it on with its backup codes and must enrol again for TOTP.
import test from "ava";
import { migrate } from "../../scripts/db/migrate.ts";
import { createEmptyDatabase, withClient } from "../helpers/catalog.ts";
import { requireEnv } from "../helpers/database.ts";
import { migrateBefore } from "../helpers/upgrade.ts";

test("plain-text TOTP secrets do not survive the upgrade; enrolled accounts keep 2FA on and their backup codes", async (t) => {
  const db = await createEmptyDatabase();
  t.teardown(() => db.drop());
  await migrateBefore(db.ownerUrl, "20261207100100");
  const secret = Buffer.from("12345678901234567890");
  const [enrolled] = await withClient(db.rootUrl, async (c) => {
    const ids: string[] = [];
    for (const enabled of [true, false]) {
      const id = (await c.query<{ id: string }>(
        "insert into app_public.users (first_name, display_name) values ('Old', 'Old') returning id")).rows[0]!.id;
      await c.query(`insert into app_private.user_two_factor_auth (user_id, secret, enabled, enabled_at, backup_code_hashes)
                     values ($1, $2, $3, case when $3 then now() end, array[public.crypt('abcde12345', public.gen_salt('bf', 4))])`,
        [id, secret, enabled]);
      ids.push(id);
    }
    return ids;
  });

  await migrate(db.ownerUrl);

  await withClient(db.rootUrl, async (c) => {
    const rows = (await c.query("select user_id, enabled, secret_encrypted, secret_key_id from app_private.user_two_factor_auth")).rows;
    t.deepEqual(rows, [{ user_id: enrolled, enabled: true, secret_encrypted: null, secret_key_id: null }],
      "the unconfirmed setup is gone; the enrolled account keeps 2FA on, without a secret");
    t.false((await c.query("select 1 from pg_attribute where attrelid = 'app_private.user_two_factor_auth'::regclass and attname = 'secret' and not attisdropped")).rowCount! > 0,
      "the plain-text column is gone, so no dump can contain it");
    await c.query("begin");
    await c.query("select set_config('app.totp_key', $1, true)", [requireEnv("TOTP_ENCRYPTION_KEY")]);
    t.false((await c.query("select app_private.use_totp_code($1, '123456') as ok", [enrolled])).rows[0].ok);
    t.true((await c.query("select app_private.use_backup_code($1, 'abcde-12345') as ok", [enrolled])).rows[0].ok,
      "the backup codes still let the account in, to enrol again");
    await c.query("rollback");
  });
});
