-- Owner-only, plus admins with users.read. The row is created with the user and never deleted by clients.
-- Reading: one policy whose arms are both index conditions on the primary key (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_preferences;
create policy select_visible on app_public.user_preferences for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (user_id between (select app_hidden.permitted_ids_from('users.read'))
                             and (select app_hidden.permitted_ids_to('users.read'))
             and length(user_id::text) = 36));

drop policy if exists update_own on app_public.user_preferences;
create policy update_own on app_public.user_preferences for update to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_preferences from app_anonymous, app_user;
grant select on app_public.user_preferences to app_user;
grant update (privacy, location) on app_public.user_preferences to app_user;
