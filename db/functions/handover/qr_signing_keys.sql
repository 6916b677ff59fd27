-- Signing keys of handover tokens (docs/handover.md, Tokens): a 32-byte random secret per key id, in
-- app_private.qr_signing_keys. The newest unretired key signs; a retired key still verifies for qr.key_grace_days
-- (longer than the longest expiry), then it is deleted. No key is derived from a date. The first key is made lazily
-- by the first issue_qr_code (or by the rotation job, whichever comes first); the job
-- (workers/crontab, qr__rotate_signing_keys) makes a new one every qr.key_rotation_days.

-- The key that signs now; made when there is none. Two first issuers racing make one key: the unique index on the
-- active key lets one insert win, and the other reads it.
create or replace function app_private.active_qr_signing_key()
returns app_private.qr_signing_keys
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_key app_private.qr_signing_keys;
begin
  select * into v_key from app_private.qr_signing_keys k where k.retired_at is null;
  if v_key.key_id is null then
    insert into app_private.qr_signing_keys (key_id, secret)
    values (encode(public.gen_random_bytes(4), 'hex'), public.gen_random_bytes(32))
    on conflict do nothing
    returning * into v_key;
    if v_key.key_id is null then
      select * into v_key from app_private.qr_signing_keys k where k.retired_at is null;
    end if;
  end if;
  return v_key;
end;
$$;
comment on function app_private.active_qr_signing_key() is 'The signing key of new handover tokens (made when none is active).';

-- The secret of a key that may still verify tokens, or null: unknown, or retired longer than qr.key_grace_days.
create or replace function app_private.verifying_qr_signing_secret(key_id text)
returns bytea
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select k.secret from app_private.qr_signing_keys k
   where k.key_id = verifying_qr_signing_secret.key_id
     and (k.retired_at is null
          or k.retired_at > now() - make_interval(days => (app_hidden.config_value('qr.key_grace_days'))::int));
$$;
comment on function app_private.verifying_qr_signing_secret(text) is 'The secret of a signing key that still verifies, or null.';

-- The rotation job: a new key when the active one is qr.key_rotation_days old (or there is none), the old one
-- retired; keys retired longer than qr.key_grace_days are deleted. Returns the new key's id, or null when nothing
-- was due. One rotation at a time (advisory lock), so two workers never retire each other's new key.
create or replace function app_private.rotate_qr_signing_keys()
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_active app_private.qr_signing_keys;
  v_new_key_id text;
begin
  perform pg_advisory_xact_lock(hashtextextended('app_private.rotate_qr_signing_keys', 0));
  delete from app_private.qr_signing_keys k
   where k.retired_at < now() - make_interval(days => (app_hidden.config_value('qr.key_grace_days'))::int);
  select * into v_active from app_private.qr_signing_keys k where k.retired_at is null;
  if v_active.key_id is not null
     and v_active.created_at > now() - make_interval(days => (app_hidden.config_value('qr.key_rotation_days'))::int) then
    return null;
  end if;
  update app_private.qr_signing_keys k set retired_at = now() where k.retired_at is null;
  insert into app_private.qr_signing_keys (key_id, secret)
  values (encode(public.gen_random_bytes(4), 'hex'), public.gen_random_bytes(32))
  returning key_id into v_new_key_id;
  return v_new_key_id;
end;
$$;
comment on function app_private.rotate_qr_signing_keys() is 'Makes a new handover signing key when the active one is due (qr.key_rotation_days), retires the old one and deletes keys past qr.key_grace_days; returns the new key id or null.';
