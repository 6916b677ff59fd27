-- Rotating the key of unsubscribe links (unsubscribe_email.sql), by an admin holding system.write in a two-factor
-- session: new links are signed with a fresh random key; the replaced key keeps verifying the links of emails already
-- sent for notifications.unsubscribe_key_grace_days, or stops at once when revoke_previous says it leaked. Two
-- rotations racing are serialised by the key row's lock. Returns when the key changed.
create or replace function app_public.rotate_unsubscribe_key(revoke_previous boolean default false)
returns timestamptz
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('system.write', 'rotate the unsubscribe key');
  v_rotated_at timestamptz;
begin
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
  E'@resultFieldName rotatedAt\nReplaces the key that signs unsubscribe links. Links already sent keep working for notifications.unsubscribe_key_grace_days, or stop at once with revokePrevious (a leaked key). Needs system.write and a two-factor session. Errors: LOGIN, DNIED.';
grant execute on function app_public.rotate_unsubscribe_key(boolean) to app_user;
