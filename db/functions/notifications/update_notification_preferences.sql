-- Changes the signed-in user's notification preferences; arguments left null stay. categories is merged per
-- channel ({"email": {"promotional": true}} changes one switch). Security email and in-app messages stay on
-- whatever is set (notify ignores those switches).
create or replace function app_public.update_notification_preferences(
  push_enabled boolean default null,
  email_enabled boolean default null,
  sms_enabled boolean default null,
  in_app_enabled boolean default null,
  categories jsonb default null,
  email_frequency app_public.email_frequency default null,
  quiet_hours_enabled boolean default null,
  quiet_start time default null,
  quiet_end time default null,
  timezone text default null,
  locale text default null
)
returns app_public.notification_preferences
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('change your notification preferences');
  v_row app_public.notification_preferences;
begin
  if (update_notification_preferences.quiet_start is null) <> (update_notification_preferences.quiet_end is null) then
    raise exception 'quiet_start and quiet_end go together' using errcode = 'INVAL';
  end if;
  if update_notification_preferences.categories is not null
     and jsonb_typeof(update_notification_preferences.categories) <> 'object' then
    raise exception 'categories must map push, email, sms or in_app to {category: boolean}' using errcode = 'INVAL';
  end if;
  update app_public.notification_preferences p
     set push_enabled = coalesce(update_notification_preferences.push_enabled, p.push_enabled),
         email_enabled = coalesce(update_notification_preferences.email_enabled, p.email_enabled),
         sms_enabled = coalesce(update_notification_preferences.sms_enabled, p.sms_enabled),
         in_app_enabled = coalesce(update_notification_preferences.in_app_enabled, p.in_app_enabled),
         categories = p.categories || coalesce((
           select jsonb_object_agg(c.key, case when jsonb_typeof(c.value) = 'object'
                                               then coalesce(p.categories -> c.key, '{}') || c.value else c.value end)
             from jsonb_each(update_notification_preferences.categories) c), '{}'),
         email_frequency = coalesce(update_notification_preferences.email_frequency, p.email_frequency),
         quiet_hours_enabled = coalesce(update_notification_preferences.quiet_hours_enabled, p.quiet_hours_enabled),
         quiet_start = coalesce(update_notification_preferences.quiet_start, p.quiet_start),
         quiet_end = coalesce(update_notification_preferences.quiet_end, p.quiet_end),
         timezone = coalesce(update_notification_preferences.timezone, p.timezone),
         locale = coalesce(update_notification_preferences.locale, p.locale)
   where p.user_id = v_user_id
  returning p.* into v_row;
  return v_row;
end;
$$;
comment on function app_public.update_notification_preferences(boolean, boolean, boolean, boolean, jsonb, app_public.email_frequency, boolean, time, time, text, text) is
  E'@resultFieldName notificationPreference\nChanges some of your notification preferences; arguments left out stay. categories merges per channel, e.g. {"email": {"promotional": true}}. Security email and in-app messages cannot be switched off. Errors: LOGIN, INVAL.';
grant execute on function app_public.update_notification_preferences(boolean, boolean, boolean, boolean, jsonb, app_public.email_frequency, boolean, time, time, text, text) to app_user;
