-- A moderator (users.suspend) closes a flag of the moderation queue with what they decided (docs/admin.md,
-- Moderation queue); suspending the user is a separate call (adminSetUserStatus). Logged (medium).
create or replace function app_public.resolve_moderation_flag(flag_id uuid, resolution_note text)
returns app_public.moderation_flags
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('users.suspend', 'resolve moderation flags');
  v_flag app_public.moderation_flags;
begin
  if length(trim(coalesce(resolve_moderation_flag.resolution_note, ''))) not between 1 and 1000 then
    raise exception 'resolution_note must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  select * into v_flag from app_public.moderation_flags f where f.id = resolve_moderation_flag.flag_id for update;
  if v_flag.id is null then
    raise exception 'Moderation flag not found' using errcode = 'NTFND';
  end if;
  if v_flag.status <> 'open' then
    raise exception 'This flag is resolved already' using errcode = 'BADST';
  end if;
  update app_public.moderation_flags f
     set status = 'resolved', resolved_by = v_admin_id, resolved_at = now(),
         resolution_note = trim(resolve_moderation_flag.resolution_note)
   where f.id = v_flag.id
  returning f.* into v_flag;
  perform app_hidden.log_admin_action('resolve_moderation_flag', 'moderation_flag', v_flag.id::text, 'medium',
    jsonb_build_object('status', 'open'), jsonb_build_object('status', 'resolved', 'user_id', v_flag.user_id),
    v_flag.resolution_note);
  return v_flag;
end;
$$;
comment on function app_public.resolve_moderation_flag(uuid, text) is
  E'@resultFieldName moderationFlag\nCloses a flag of the moderation queue with the moderator''s decision (admins with users.suspend, in a two-factor session; audited). Errors: LOGIN, DNIED, INVAL, NTFND, BADST (resolved already).';
grant execute on function app_public.resolve_moderation_flag(uuid, text) to app_user;
