-- Rotating the key of unsubscribe links (unsubscribe_email.sql), by an admin holding system.write in a two-factor
-- session: new links are signed with a fresh random key; the replaced key keeps verifying the links of emails already
-- sent for notifications.unsubscribe_key_grace_days, or stops at once when revoke_previous says it leaked. One key is
-- kept besides the current one, so rotating again while the previous key is in its grace period would break the
-- links it signed: that is BADST, unless revoke_previous (both older keys then stop). Two rotations racing are
-- serialised by the key row's lock. Returns when the key changed.
create or replace function app_public.rotate_unsubscribe_key(revoke_previous boolean default false)
returns timestamptz
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('system.write', 'rotate the unsubscribe key');
  v_keys app_private.email_unsubscribe_keys;
  v_grace_ends timestamptz;
  v_rotated_at timestamptz;
begin
  select * into v_keys from app_private.email_unsubscribe_keys k for update;
  v_grace_ends := v_keys.rotated_at + make_interval(days => (app_hidden.config_value('notifications.unsubscribe_key_grace_days'))::int);
  if not coalesce(rotate_unsubscribe_key.revoke_previous, false) and v_keys.previous_key is not null and v_grace_ends > now() then
    raise exception 'The previous unsubscribe key still verifies links until %: rotate again then, or with revoke_previous',
      to_char(v_grace_ends at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') using errcode = 'BADST';
  end if;
  update app_private.email_unsubscribe_keys k
     set previous_key = case when coalesce(rotate_unsubscribe_key.revoke_previous, false) then null else k.key end,
         key = public.gen_random_bytes(32), rotated_at = now()
  returning k.rotated_at into v_rotated_at;
  perform app_hidden.log_admin_action('rotate_unsubscribe_key', 'email_unsubscribe_key', null, 'high', null,
    jsonb_build_object('revoke_previous', coalesce(rotate_unsubscribe_key.revoke_previous, false)));
  return v_rotated_at;
end;
$$;
comment on function app_public.rotate_unsubscribe_key(boolean) is
  E'@resultFieldName rotatedAt\nReplaces the key that signs unsubscribe links. Links already sent keep working for notifications.unsubscribe_key_grace_days, or stop at once with revokePrevious (a leaked key). Needs system.write and a two-factor session. Errors: LOGIN, DNIED, BADST (the previous key is still in its grace period, without revokePrevious).';
grant execute on function app_public.rotate_unsubscribe_key(boolean) to app_user;
