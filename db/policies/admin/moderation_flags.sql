-- The moderation queue (docs/admin.md): read by admins with users.suspend; written by the flagging trigger and
-- resolve_moderation_flag only.
drop policy if exists select_permitted on app_public.moderation_flags;
create policy select_permitted on app_public.moderation_flags for select to app_user
  using (id between (select app_hidden.permitted_ids_from('users.suspend'))
                and (select app_hidden.permitted_ids_to('users.suspend'))
         and length(id::text) = 36);

revoke all on app_public.moderation_flags from app_anonymous, app_user;
grant select on app_public.moderation_flags to app_user;
