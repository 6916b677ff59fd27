-- The rules notify applies (notify.sql), apart so that tests and the preference API use the same ones.

-- Whether the user's preferences let a category through a channel. Security email and in-app messages always pass;
-- a category the channel's map does not name is on, except promotional.
create or replace function app_hidden.notification_allowed(
  prefs app_public.notification_preferences,
  channel app_public.notification_type,
  category app_public.notification_category
)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case
    when notification_allowed.category = 'security' and notification_allowed.channel in ('email', 'in_app') then true
    when prefs.user_id is null then notification_allowed.channel <> 'sms' and notification_allowed.category <> 'promotional'
    else (case notification_allowed.channel when 'push' then prefs.push_enabled when 'email' then prefs.email_enabled
                                            when 'sms' then prefs.sms_enabled else prefs.in_app_enabled end)
         and coalesce((prefs.categories -> notification_allowed.channel::text ->> notification_allowed.category::text)::boolean,
                      notification_allowed.category <> 'promotional')
  end;
$$;
comment on function app_hidden.notification_allowed(app_public.notification_preferences, app_public.notification_type, app_public.notification_category) is
  'Whether preferences let a category through a channel (security email and in-app always).';

-- The end of the quiet hours `at` falls in, in the time zone (null when `at` is not in them). Quiet hours may span
-- midnight (22:00–08:00); the local wall-clock end is turned back into an instant in that zone, so a DST change in
-- the night moves the instant, not the wall-clock time.
create or replace function app_hidden.quiet_hours_end(timezone text, quiet_start time, quiet_end time, at timestamptz)
returns timestamptz
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_local timestamp := quiet_hours_end.at at time zone quiet_hours_end.timezone;
  v_time time := v_local::time;
  v_end_day date := v_local::date;
begin
  if quiet_hours_end.quiet_start = quiet_hours_end.quiet_end then
    return null;
  elsif quiet_hours_end.quiet_start < quiet_hours_end.quiet_end then
    if not (v_time >= quiet_hours_end.quiet_start and v_time < quiet_hours_end.quiet_end) then
      return null;
    end if;
  else
    if not (v_time >= quiet_hours_end.quiet_start or v_time < quiet_hours_end.quiet_end) then
      return null;
    end if;
    if v_time >= quiet_hours_end.quiet_start then
      v_end_day := v_end_day + 1;
    end if;
  end if;
  return (v_end_day + quiet_hours_end.quiet_end) at time zone quiet_hours_end.timezone;
end;
$$;
comment on function app_hidden.quiet_hours_end(text, time, time, timestamptz) is
  'When the quiet hours around an instant end, in a time zone; null outside them.';

-- The next `local_time` (08:00) after `at` in the time zone; with `weekly`, the next one falling on a Monday.
create or replace function app_hidden.next_local_time(timezone text, local_time time, at timestamptz, weekly boolean)
returns timestamptz
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select min((d::date + next_local_time.local_time) at time zone next_local_time.timezone)
    from generate_series((next_local_time.at at time zone next_local_time.timezone)::date,
                         (next_local_time.at at time zone next_local_time.timezone)::date + 8, interval '1 day') d
   where (d::date + next_local_time.local_time) at time zone next_local_time.timezone > next_local_time.at
     and (not next_local_time.weekly or extract(isodow from d) = 1);
$$;
comment on function app_hidden.next_local_time(text, time, timestamptz, boolean) is
  'The next given local time (on a Monday when weekly) after an instant, in a time zone.';

-- Whether an email waits for the reader's digest: new_request and promotional emails of a daily or weekly reader
-- (notify marks the row, notifications__send_digest sends the due ones as one email).
create or replace function app_hidden.notification_is_digest(
  prefs app_public.notification_preferences,
  channel app_public.notification_type,
  category app_public.notification_category
)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select notification_is_digest.channel = 'email' and notification_is_digest.category in ('new_request', 'promotional')
         and coalesce(prefs.email_frequency in ('daily', 'weekly'), false);
$$;
comment on function app_hidden.notification_is_digest(app_public.notification_preferences, app_public.notification_type, app_public.notification_category) is
  'Whether an email of a category goes into the reader''s daily or weekly digest.';

-- When a notification may be sent: now, or after quiet hours (push, SMS; not urgent), or at the digest time (email of
-- new_request or promotional to a daily or weekly reader).
create or replace function app_hidden.notification_send_at(
  prefs app_public.notification_preferences,
  channel app_public.notification_type,
  category app_public.notification_category,
  priority app_public.notification_priority,
  at timestamptz
)
returns timestamptz
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case
    when notification_send_at.channel in ('push', 'sms') and notification_send_at.priority <> 'urgent'
         and coalesce(prefs.quiet_hours_enabled, true)
      then coalesce(app_hidden.quiet_hours_end(coalesce(prefs.timezone, 'UTC'),
                      coalesce(prefs.quiet_start, (app_hidden.config_value('notifications.quiet_start') #>> '{}')::time),
                      coalesce(prefs.quiet_end, (app_hidden.config_value('notifications.quiet_end') #>> '{}')::time),
                      notification_send_at.at),
                    notification_send_at.at)
    when app_hidden.notification_is_digest(prefs, notification_send_at.channel, notification_send_at.category)
      then app_hidden.next_local_time(prefs.timezone, time '08:00', notification_send_at.at, prefs.email_frequency = 'weekly')
    else notification_send_at.at
  end;
$$;
comment on function app_hidden.notification_send_at(app_public.notification_preferences, app_public.notification_type, app_public.notification_category, app_public.notification_priority, timestamptz) is
  'When a notification on a channel may be sent, given the preferences (quiet hours, email frequency) and priority.';

-- Timestamps; a template's version goes up once per edit (transaction) of it or of its bodies.
create or replace trigger _100_timestamps before update on app_public.notifications
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.notification_preferences
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.device_tokens
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.notification_templates
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.notification_template_bodies
  for each row execute function app_hidden.tg__set_updated_at();

create or replace function app_hidden.tg_notification_templates__bump_version()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  -- Through jsonb, because migrations of earlier releases insert templates under this trigger while the table has
  -- no version_xact yet (then every edit bumps, as it did in those releases).
  if (to_jsonb(OLD) ->> 'version_xact') is distinct from txid_current()::text then
    NEW := jsonb_populate_record(NEW, jsonb_build_object('version', OLD.version + 1, 'version_xact', txid_current()));
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_notification_templates__bump_version() is 'Bumps a template''s version once per transaction that edits it.';
create or replace trigger _200_bump_version before update on app_public.notification_templates
  for each row when (OLD is distinct from NEW) execute function app_hidden.tg_notification_templates__bump_version();

create or replace function app_hidden.tg_notification_template_bodies__bump_version()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.notification_templates t set updated_at = now()
   where t.id = case TG_OP when 'DELETE' then OLD.template_id else NEW.template_id end;
  return null;
end;
$$;
comment on function app_hidden.tg_notification_template_bodies__bump_version() is 'An edit of a template''s body is an edit of the template (its version goes up).';
create or replace trigger _200_bump_version after insert or update or delete on app_public.notification_template_bodies
  for each row execute function app_hidden.tg_notification_template_bodies__bump_version();

-- Reading an in-app message marks it read.
create or replace function app_hidden.tg_notifications__read_status()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if NEW.read_at is not null and OLD.read_at is null and NEW.status in ('sent', 'delivered') then
    NEW.status := 'read';
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_notifications__read_status() is 'An in-app message read is in status read.';
create or replace trigger _200_read_status before update of read_at on app_public.notifications
  for each row execute function app_hidden.tg_notifications__read_status();

-- A time zone must be one PostgreSQL knows (a CHECK cannot look it up). pg_timezone_names reads the whole time zone
-- database on every call (about 0.1 s), so it is consulted only for a zone that is new to the row: not for the
-- default every account is created with, nor when an update leaves the zone as it was.
create or replace function app_hidden.tg_notification_preferences__check_timezone()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if NEW.timezone = 'UTC' or (TG_OP = 'UPDATE' and NEW.timezone = OLD.timezone) then
    return NEW;
  end if;
  if not exists (select 1 from pg_timezone_names z where z.name = NEW.timezone) then
    raise exception 'timezone must be an IANA time zone name' using errcode = 'INVAL';
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_notification_preferences__check_timezone() is 'Refuses an unknown time zone.';
create or replace trigger _200_check_timezone before insert or update of timezone on app_public.notification_preferences
  for each row execute function app_hidden.tg_notification_preferences__check_timezone();

-- A new email address gets email back after bounces.
create or replace function app_hidden.tg_user_contacts__reset_bounces()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.notification_preferences p set email_hard_bounces = 0, email_disabled_at = null
   where p.user_id = NEW.user_id and (p.email_hard_bounces > 0 or p.email_disabled_at is not null);
  return null;
end;
$$;
comment on function app_hidden.tg_user_contacts__reset_bounces() is 'A changed email address starts without bounces.';
grant execute on function app_hidden.tg_user_contacts__reset_bounces() to app_user;
create or replace trigger _500_reset_bounces after update of email on app_public.user_contacts
  for each row when (OLD.email is distinct from NEW.email) execute function app_hidden.tg_user_contacts__reset_bounces();

