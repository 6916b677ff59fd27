-- What the notifications__send task reads and reports (workers/tasks/notifications__send.ts). The task renders and
-- calls the provider; SQL decides the outcome: sent, a retry after notifications.retry_minutes, failed after
-- notifications.max_retries, bounced (email refused for good: notifications.bounce_limit of them stop email).

-- The sending job of one notification row, at a time: the only way a notifications__send job is made (notify, a
-- retry, a re-planned digest row, the sweep of stranded rows). The job_key is the row's, so there is one job per row:
-- adding it again moves the waiting job (graphile-worker's job_key_mode 'replace'). max_attempts 1: retries are
-- SQL's schedule (record_notification_attempt), not graphile-worker's backoff.
create or replace function app_private.enqueue_notification(notification_id uuid, at timestamptz)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select null from graphile_worker.add_job('notifications__send', json_build_object('id', enqueue_notification.notification_id),
    run_at := enqueue_notification.at, job_key := 'notifications__send:' || enqueue_notification.notification_id,
    max_attempts := 1);
$$;
comment on function app_private.enqueue_notification(uuid, timestamptz) is 'Enqueues the sending job of a notification row (one job per row).';

-- A queued notification that is due, with what rendering and sending need: the template's bodies in the user's
-- locale (English when that locale has none), the address, phone or active push tokens. Null when the row is no
-- longer queued or not yet due (the job ran twice, or was replaced by a retry). A row that can no longer be sent
-- answers {id, skip, outcome} instead, for the task to record: `cancelled` when the user has since switched its
-- channel or category off (or email stopped after bounces: preferences are read again at sending time, so a
-- message held by quiet hours honours a change made meanwhile); `failed` when the user has no contacts row or the
-- template no text. Without that answer such a row would stay queued, and the sweep would give it a job for ever.
create or replace function app_private.notification_to_send(notification_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case
    when not app_hidden.notification_allowed(p, n.channel, n.category)
         or (n.channel = 'email' and p.email_disabled_at is not null) then
      jsonb_build_object('id', n.id, 'outcome', 'cancelled', 'skip', 'switched off by the user before sending')
    when c.user_id is null or b.text is null then
      jsonb_build_object('id', n.id, 'outcome', 'failed',
                         'skip', case when c.user_id is null then 'the user has no contacts' else 'the template has no text' end)
    else jsonb_build_object(
           'id', n.id, 'channel', n.channel, 'category', n.category, 'priority', n.priority,
           'variables', app_private.localized_variables(t.variables, n.variables, b.text ->> 'locale'),
           'attempts', n.attempts, 'template', t.name, 'secret', t.secret,
           'declared', (select coalesce(jsonb_agg(v ->> 'name'), '[]') from jsonb_array_elements(t.variables) v),
           'locale', b.text ->> 'locale', 'bodies', b.text -> 'bodies',
           'email', c.email, 'phone', c.phone_number,
           'push_tokens', (select coalesce(jsonb_agg(jsonb_build_object('token', dt.token, 'platform', dt.platform)
                                                      order by dt.last_used_at desc), '[]')
                             from app_public.device_tokens dt where dt.user_id = n.user_id and dt.active))
  end
    from app_public.notifications n
    join app_public.notification_templates t on t.id = n.template_id
    left join app_public.user_contacts c on c.user_id = n.user_id
    left join app_public.notification_preferences p on p.user_id = n.user_id
    cross join lateral (select app_private.notification_template_text(t.id, p.locale) as text) b
   where n.id = notification_to_send.notification_id and n.status = 'queued' and n.scheduled_at <= now();
$$;
comment on function app_private.notification_to_send(uuid) is 'A due queued notification with its template bodies (user''s locale, else English) and recipient; {id, skip, outcome} when it can no longer be sent; null otherwise.';

-- A template's text in a locale, English when that locale has none: {locale, bodies: {push_title, …, in_app_body}};
-- null when the template has no body at all.
create or replace function app_private.notification_template_text(template_id uuid, locale text)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'locale', b.locale,
           'bodies', jsonb_build_object('push_title', b.push_title, 'push_body', b.push_body,
                                        'email_subject', b.email_subject, 'email_text', b.email_text,
                                        'email_html', b.email_html, 'sms_body', b.sms_body,
                                        'in_app_title', b.in_app_title, 'in_app_body', b.in_app_body))
    from app_public.notification_template_bodies b
   where b.template_id = notification_template_text.template_id
     and b.locale in (coalesce(notification_template_text.locale, 'en'), 'en')
   order by b.locale = coalesce(notification_template_text.locale, 'en') desc
   limit 1;
$$;
comment on function app_private.notification_template_text(uuid, text) is
  'The bodies of a template in a locale (English when it has none); null without any.';

-- A row's variables as its text in `locale` shows them: each variable the template declares with a "label" (the name
-- of its enum) becomes the label of its value in that locale (app_private.notification_labels), English when the
-- locale has none, the value itself when no label exists. The row keeps the values.
create or replace function app_private.localized_variables(declared jsonb, variables jsonb, locale text)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select localized_variables.variables || coalesce(jsonb_object_agg(v ->> 'name', l.label), '{}')
    from jsonb_array_elements(localized_variables.declared) v
    cross join lateral (
      select nl.label from app_private.notification_labels nl
       where nl.kind = v ->> 'label' and nl.value = localized_variables.variables ->> (v ->> 'name')
         and nl.locale in (localized_variables.locale, 'en')
       order by nl.locale = localized_variables.locale desc
       limit 1) l
   where v ? 'label';
$$;
comment on function app_private.localized_variables(jsonb, jsonb, text) is
  'A notification''s variables with each labelled enum value replaced by its label in a locale (English fallback).';

-- The outcome of one attempt. outcome: sent; retry (a provider failure: again after the next delay, failed after the
-- last); failed (nothing to retry: no recipient left); bounced (a hard email bounce); cancelled (switched off by the
-- user before sending). Returns the new status.
create or replace function app_private.record_notification_attempt(
  notification_id uuid,
  outcome text,
  error text default null,
  title text default null,
  body text default null
)
returns app_public.notification_status
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_n app_public.notifications;
  v_status app_public.notification_status;
  v_next timestamptz;
begin
  select * into v_n from app_public.notifications n
   where n.id = record_notification_attempt.notification_id and n.status = 'queued'
   for update;
  if v_n.id is null then
    return null;
  end if;
  v_status := app_private.notification_attempt_status(record_notification_attempt.outcome, v_n.attempts);
  if v_status = 'queued' then
    v_next := app_private.notification_retry_at(v_n.attempts);
  end if;
  update app_public.notifications n
     set attempts = n.attempts + 1, status = v_status,
         sent_at = case when v_status = 'sent' then now() end,
         title = coalesce(record_notification_attempt.title, n.title),
         body = coalesce(record_notification_attempt.body, n.body),
         last_error = left(record_notification_attempt.error, 2000),
         scheduled_at = coalesce(v_next, n.scheduled_at)
   where n.id = v_n.id and n.created_at = v_n.created_at;
  if v_status = 'queued' then
    perform app_private.enqueue_notification(v_n.id, v_next);
  elsif v_status = 'bounced' then
    perform app_private.count_email_bounce(v_n.user_id);
  end if;
  return v_status;
end;
$$;
comment on function app_private.record_notification_attempt(uuid, text, text, text, text) is
  'Records one send attempt of a notification: sent, retried later, failed or bounced (counting hard bounces).';

-- The status an attempt leaves a message in (one email alone, or a digest of several: retried together), given
-- how many attempts it had before: a provider failure is retried until notifications.max_retries, then failed.
create or replace function app_private.notification_attempt_status(outcome text, attempts integer)
returns app_public.notification_status
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case notification_attempt_status.outcome
    when 'sent' then 'sent'
    when 'bounced' then 'bounced'
    when 'failed' then 'failed'
    when 'cancelled' then 'cancelled'
    else case when notification_attempt_status.attempts >= (app_hidden.config_value('notifications.max_retries'))::int
              then 'failed' else 'queued' end
  end::app_public.notification_status;
$$;
comment on function app_private.notification_attempt_status(text, integer) is
  'The status after an attempt (sent, retry, failed, bounced) of a message that had that many attempts before.';

-- When the retry after that many failed attempts is due: the next of notifications.retry_minutes (1, 5, 30).
create or replace function app_private.notification_retry_at(attempts integer)
returns timestamptz
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select now() + make_interval(mins => (d ->> least(notification_retry_at.attempts, jsonb_array_length(d) - 1))::int)
    from (select app_hidden.config_value('notifications.retry_minutes') as d) s;
$$;
comment on function app_private.notification_retry_at(integer) is
  'When the retry of a message that failed that many times before is due (notifications.retry_minutes).';

-- One hard bounce of the user's address; notifications.bounce_limit of them stop email to it.
create or replace function app_private.count_email_bounce(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.notification_preferences p
     set email_hard_bounces = p.email_hard_bounces + 1,
         email_disabled_at = case when p.email_hard_bounces + 1 >= (app_hidden.config_value('notifications.bounce_limit'))::int
                                  then coalesce(p.email_disabled_at, now()) end
   where p.user_id = count_email_bounce.user_id;
$$;
comment on function app_private.count_email_bounce(uuid) is
  'Counts a hard bounce of the user''s email address; at notifications.bounce_limit email to it stops.';

-- Push tokens the provider no longer knows stop being used.
create or replace function app_private.deactivate_device_tokens(tokens text[])
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with done as (
    update app_public.device_tokens dt set active = false, deactivated_at = now()
     where dt.token = any (deactivate_device_tokens.tokens) and dt.active
    returning 1)
  select count(*)::int from done;
$$;
comment on function app_private.deactivate_device_tokens(text[]) is 'Deactivates push tokens the provider reported unregistered.';

-- Mints the secret of a security email at sending time (a secret a message needs is created by the sending task,
-- which stores only its hash): the verification or reset token of a queued notification whose template asks for
-- one. Returns the token (hex) once, or null when the row is no longer queued. A retried send mints a fresh token
-- (the earlier one never reached anybody); a new reset token voids the account's older ones.
create or replace function app_private.issue_notification_token(notification_id uuid)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_n app_public.notifications;
  v_secret app_private.notification_secret;
  v_email text;
  v_token bytea := public.gen_random_bytes(32);
begin
  select n.* into v_n from app_public.notifications n
   where n.id = issue_notification_token.notification_id and n.status = 'queued' and n.channel = 'email'
   for update;
  if v_n.id is null then
    return null;
  end if;
  select t.secret into v_secret from app_public.notification_templates t where t.id = v_n.template_id;
  select c.email into v_email from app_public.user_contacts c where c.user_id = v_n.user_id;
  case v_secret
    when 'verify_email' then
      insert into app_private.email_verification_tokens (user_id, notification_id, email, token_hash, expires_at)
      values (v_n.user_id, v_n.id, v_email, sha256(v_token),
              now() + make_interval(hours => (app_hidden.config_value('auth.email_token_hours'))::int));
    when 'password_reset' then
      update app_private.password_reset_tokens t set used_at = now()
       where t.user_id = v_n.user_id and t.used_at is null;
      insert into app_private.password_reset_tokens (user_id, notification_id, token_hash, expires_at)
      values (v_n.user_id, v_n.id, sha256(v_token),
              now() + make_interval(mins => (app_hidden.config_value('auth.password_reset_minutes'))::int));
    else
      return null;
  end case;
  return encode(v_token, 'hex');
end;
$$;
comment on function app_private.issue_notification_token(uuid) is 'Creates the single-use token of a queued verification or reset email notification; returns it (hex) once.';
