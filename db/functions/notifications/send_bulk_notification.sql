-- A bulk send (docs/notifications.md "Bulk sends") by an admin holding notifications.send in a two-factor session:
-- an active template, its variables (first_name is each recipient's), a priority and a targeting (user type, country
-- of the default address, minimum verification level; active users only), from scheduled_at (now by default).
-- Batches of notifications.bulk_batch_size users go notifications.bulk_batch_delay_seconds apart.
create or replace function app_public.send_bulk_notification(
  template text,
  variables jsonb default '{}',
  priority app_public.notification_priority default 'normal',
  target_user_type app_public.user_type default null,
  target_country text default null,
  target_min_verification app_public.verification_level default null,
  scheduled_at timestamptz default null
)
returns app_public.bulk_notifications
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'send bulk notifications');
  v_template app_public.notification_templates;
  v_missing text;
  v_bulk app_public.bulk_notifications;
begin
  select * into v_template from app_public.notification_templates t where t.name = send_bulk_notification.template;
  if v_template.id is null then
    raise exception 'template names no template' using errcode = 'NTFND';
  end if;
  -- The digest is the envelope of other messages (notifications__send_digest), never a message of its own.
  if v_template.status <> 'active' or v_template.category = 'security' or v_template.secret <> 'none'
     or v_template.name = 'digest' then
    raise exception 'template must be an active template outside the security category (and not the digest)' using errcode = 'INVAL';
  end if;
  select string_agg(v ->> 'name', ', ') into v_missing from jsonb_array_elements(v_template.variables) v
   where (v ->> 'required')::boolean and v ->> 'name' <> 'first_name'
     and coalesce(send_bulk_notification.variables ->> (v ->> 'name'), '') = '';
  if v_missing is not null then
    raise exception 'variables must include %', v_missing using errcode = 'INVAL';
  end if;
  if send_bulk_notification.scheduled_at < now() - interval '1 minute' then
    raise exception 'scheduled_at cannot be in the past' using errcode = 'INVAL';
  end if;
  insert into app_public.bulk_notifications (created_by, template_id, variables, priority, target_user_type, target_country,
                                             target_min_verification, scheduled_at, batch_size, batch_delay_seconds)
  values (v_admin, v_template.id, coalesce(send_bulk_notification.variables, '{}'),
          coalesce(send_bulk_notification.priority, 'normal'), send_bulk_notification.target_user_type,
          upper(send_bulk_notification.target_country), send_bulk_notification.target_min_verification,
          greatest(coalesce(send_bulk_notification.scheduled_at, now()), now()),
          (app_hidden.config_value('notifications.bulk_batch_size'))::int,
          (app_hidden.config_value('notifications.bulk_batch_delay_seconds'))::int)
  returning * into v_bulk;
  perform app_hidden.log_admin_action('send_bulk_notification', 'bulk_notification', v_bulk.id::text, 'medium', null,
    jsonb_build_object('template', v_template.name, 'target_user_type', v_bulk.target_user_type,
                       'target_country', v_bulk.target_country, 'target_min_verification', v_bulk.target_min_verification,
                       'scheduled_at', v_bulk.scheduled_at));
  perform app_private.enqueue_bulk_notification_batch(v_bulk.id, v_bulk.scheduled_at);
  return v_bulk;
end;
$$;
comment on function app_public.send_bulk_notification(text, jsonb, app_public.notification_priority, app_public.user_type, text, app_public.verification_level, timestamptz) is
  E'@resultFieldName bulkNotification\nSends a template to every active user matching the targeting (user type, default address country, minimum verification level), in batches, from scheduledAt (now by default); each user''s preferences and quiet hours apply. Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, NTFND (template), INVAL (a security or inactive template, a missing variable, a past time, a country code).';
grant execute on function app_public.send_bulk_notification(text, jsonb, app_public.notification_priority, app_public.user_type, text, app_public.verification_level, timestamptz) to app_user;
