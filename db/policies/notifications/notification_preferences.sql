-- Owner-only (and admins with users.read); rows come with the account; changes go through
-- update_notification_preferences (security invoker, under the update policy).
drop policy if exists select_visible on app_public.notification_preferences;
create policy select_visible on app_public.notification_preferences for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (user_id between (select app_hidden.permitted_ids_from('users.read'))
                             and (select app_hidden.permitted_ids_to('users.read'))
             and length(user_id::text) = 36));

drop policy if exists update_own on app_public.notification_preferences;
create policy update_own on app_public.notification_preferences for update to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.notification_preferences from app_anonymous, app_user;
grant select on app_public.notification_preferences to app_user;
grant update (push_enabled, email_enabled, sms_enabled, in_app_enabled, categories, email_frequency,
              quiet_hours_enabled, quiet_start, quiet_end, timezone, locale)
  on app_public.notification_preferences to app_user;
