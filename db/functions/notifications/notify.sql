-- The one way a message leaves the platform (docs/notifications.md): app_hidden.notify(user, template, variables,
-- priority) decides, from the user's notification_preferences alone, which channels get a row and when each may be
-- sent, writes one queued row per allowed channel and enqueues notifications__send for it (id-only payload). The
-- task renders the template and sends; nothing leaves unless the calling transaction commits.
--
-- Per channel: the template has text for it; the channel and the template's category are switched on (security
-- email and in-app messages always are); email needs an address that has not bounced, SMS a verified phone,
-- push an active device token. Push and SMS wait for the end of quiet hours unless the priority is urgent;
-- new_request and promotional emails of a daily or weekly reader wait for 08:00 local time, marked `digest`: one
-- notifications__send_digest job per (user, send time) sends all of them as one email (job_key dedupes: notifying
-- again before 08:00 replaces the pending job by an identical one).
create or replace function app_hidden.notify(
  user_id uuid,
  template text,
  variables jsonb default '{}',
  priority app_public.notification_priority default 'normal',
  delivery_id uuid default null
)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_template app_public.notification_templates;
  v_prefs app_public.notification_preferences;
  v_user app_public.users;
  v_contacts app_public.user_contacts;
  v_vars jsonb;
  v_missing text;
  v_channel app_public.notification_type;
  v_at timestamptz;
  v_id uuid;
  v_digest boolean;
  v_count integer := 0;
begin
  select * into v_template from app_public.notification_templates t where t.name = notify.template;
  if v_template.id is null then
    raise exception 'unknown notification template %', notify.template;
  end if;
  if v_template.status <> 'active' then
    return 0;
  end if;
  select * into v_user from app_public.users u where u.id = notify.user_id and u.deleted_at is null;
  if v_user.id is null then
    return 0;
  end if;
  select * into v_contacts from app_public.user_contacts c where c.user_id = v_user.id;
  select * into v_prefs from app_public.notification_preferences p where p.user_id = v_user.id;
  v_vars := jsonb_build_object('first_name', v_user.first_name) || coalesce(notify.variables, '{}');
  select v ->> 'name' into v_missing
    from jsonb_array_elements(v_template.variables) v
   where (v -> 'required')::boolean and v ->> 'name' <> 'token' and coalesce(v_vars ->> (v ->> 'name'), '') = ''
   limit 1;
  if v_missing is not null then
    raise exception 'notification template % needs the variable %', v_template.name, v_missing;
  end if;

  foreach v_channel in array enum_range(null::app_public.notification_type) loop
    continue when not exists (
      select 1 from app_public.notification_template_bodies b
       where b.template_id = v_template.id
         and case v_channel when 'push' then b.push_body when 'email' then b.email_text
                            when 'sms' then b.sms_body else b.in_app_body end is not null);
    continue when not app_hidden.notification_allowed(v_prefs, v_channel, v_template.category);
    continue when v_channel = 'email' and (v_contacts.email is null or v_prefs.email_disabled_at is not null);
    continue when v_channel = 'sms' and v_contacts.phone_verified_at is null;
    continue when v_channel = 'push' and not exists (
      select 1 from app_public.device_tokens dt where dt.user_id = v_user.id and dt.active);
    v_at := app_hidden.notification_send_at(v_prefs, v_channel, v_template.category, notify.priority, now());
    v_digest := app_hidden.notification_is_digest(v_prefs, v_channel, v_template.category);
    insert into app_public.notifications (user_id, template_id, template_version, channel, category, priority,
                                          variables, delivery_id, scheduled_at, digest)
    values (v_user.id, v_template.id, v_template.version, v_channel, v_template.category, notify.priority,
            v_vars, notify.delivery_id, v_at, v_digest)
    returning id into v_id;
    if v_digest then
      perform app_private.enqueue_digest(v_user.id, v_at);
    else
      perform app_private.enqueue_notification(v_id, v_at);
    end if;
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function app_hidden.notify(uuid, text, jsonb, app_public.notification_priority, uuid) is
  'Queues a templated message to a user on every channel their preferences allow; returns how many rows it wrote.';
