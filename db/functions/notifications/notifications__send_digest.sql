-- Daily and weekly digests (docs/notifications.md, "Digests"): what the notifications__send_digest task
-- (workers/tasks/notifications__send_digest.ts) enqueues, claims and reports. notify marks the new_request and
-- promotional emails of a daily or weekly reader `digest` and holds them for 08:00 local time; at that time one job
-- per (user, send time) sends every due digest row of the user as one email, and SQL records them together.

-- The job of a user's digest at a send time. The job_key names both, so notifying the same reader again before that
-- time replaces the pending job by an identical one (graphile-worker's default job_key_mode 'replace': one job per
-- key and run_at); a job already running gets a sibling, which finds the rows sent and does nothing.
create or replace function app_private.enqueue_digest(user_id uuid, at timestamptz)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select null from graphile_worker.add_job('notifications__send_digest',
    json_build_object('id', enqueue_digest.user_id),
    run_at := enqueue_digest.at,
    job_key := 'notifications__send_digest:' || enqueue_digest.user_id || ':' || extract(epoch from enqueue_digest.at)::bigint,
    max_attempts := 1);
$$;
comment on function app_private.enqueue_digest(uuid, timestamptz) is
  'Enqueues the digest job of a user at a send time (one job per user and time).';

-- Claims a user's due digest rows and returns what rendering and sending need; null when there is none. The claim
-- lasts until the caller's transaction ends: the task holds that transaction while it sends and records the outcome
-- in it (record_digest_attempt). It is per user, a transaction-level advisory lock on the user's digest, taken
-- before the rows: a second run at the same time (a sibling job, another worker) waits for the first to commit and
-- then finds the rows sent. Locking only the rows (FOR UPDATE SKIP LOCKED) is not enough: two runs would each
-- take part of them and send two digests. The rows are also locked (FOR UPDATE), so a preference change re-planning
-- them (notification_preferences__replan_digests.sql) waits for the send, or the send for it. A crash before the
-- commit leaves them queued (sent at least once, never twice on purpose).
-- The answer: the address, the reader's first name, whether the digest is weekly, the `digest` template's text in
-- the reader's locale, and the items oldest first, each with its template's text in that locale and its variables;
-- `unsubscribe`: for each category present, the link of one of its rows (app_private.email_unsubscribe_link).
create or replace function app_private.digest_to_send(user_id uuid)
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_ids uuid[];
  v_locale text;
  v_prefs app_public.notification_preferences;
begin
  perform pg_advisory_xact_lock(hashtextextended('notifications__send_digest:' || digest_to_send.user_id, 0));
  -- Held rows the reader has switched off since (their category, email altogether, or email stopped after bounces)
  -- are cancelled, not sent: preferences are read again at sending time, as for single messages.
  select * into v_prefs from app_public.notification_preferences p where p.user_id = digest_to_send.user_id;
  update app_public.notifications n set status = 'cancelled', last_error = 'switched off by the user before the digest'
   where n.user_id = digest_to_send.user_id and n.digest and n.channel = 'email' and n.status = 'queued'
     and n.scheduled_at <= statement_timestamp()
     and (not app_hidden.notification_allowed(v_prefs, 'email', n.category) or v_prefs.email_disabled_at is not null);
  -- notifications_all_user_idx finds the user's rows (a few hundred at most over the retention period). After the
  -- lock: statement_timestamp(), not now(), so a run that waited sees what became due and sent meanwhile.
  select array_agg(c.id order by c.created_at) into v_ids
    from (select n.id, n.created_at from app_public.notifications n
           where n.user_id = digest_to_send.user_id and n.digest and n.channel = 'email' and n.status = 'queued'
             and n.scheduled_at <= statement_timestamp()
             for update) c;
  if v_ids is null then
    return null;
  end if;
  select p.locale into v_locale from app_public.notification_preferences p where p.user_id = digest_to_send.user_id;
  return (
    select jsonb_build_object(
             'ids', to_jsonb(v_ids),
             'email', c.email,
             'first_name', u.first_name,
             'weekly', coalesce(p.email_frequency = 'weekly', false),
             'digest', (select jsonb_build_object(
                                 'declared', (select coalesce(jsonb_agg(v ->> 'name'), '[]') from jsonb_array_elements(t.variables) v),
                                 'bodies', app_private.notification_template_text(t.id, v_locale) -> 'bodies')
                          from app_public.notification_templates t where t.name = 'digest'),
             'items', (select jsonb_agg(jsonb_build_object(
                                 'id', n.id, 'category', n.category, 'template', t.name,
                                 'variables', app_private.localized_variables(t.variables, n.variables, x.text ->> 'locale'),
                                 'declared', (select coalesce(jsonb_agg(v ->> 'name'), '[]') from jsonb_array_elements(t.variables) v),
                                 'bodies', x.text -> 'bodies')
                               order by n.created_at)
                          from app_public.notifications n
                          join app_public.notification_templates t on t.id = n.template_id
                          cross join lateral (select app_private.notification_template_text(t.id, v_locale) as text) x
                         where n.user_id = digest_to_send.user_id and n.id = any (v_ids)),
             'unsubscribe', (select coalesce(jsonb_agg(jsonb_build_object(
                                       'category', f.category, 'link', app_private.email_unsubscribe_link(f.id))
                                     order by f.category), '[]')
                               from (select distinct on (n.category) n.category, n.id
                                       from app_public.notifications n
                                      where n.user_id = digest_to_send.user_id and n.id = any (v_ids)
                                      order by n.category, n.created_at) f))
      from app_public.users u
      join app_public.user_contacts c on c.user_id = u.id
      left join app_public.notification_preferences p on p.user_id = u.id
     where u.id = digest_to_send.user_id);
end;
$$;
comment on function app_private.digest_to_send(uuid) is
  'Claims a user''s due digest emails (one run per user at a time) and returns what the digest needs; null when none.';

-- The outcome of one digest email, for all its rows together (those still queued of `notification_ids`): sent;
-- retry (again after the next of notifications.retry_minutes, one digest job for them all; failed after
-- notifications.max_retries: the digest counts as many attempts as its most-tried row); failed; bounced (one hard
-- bounce for the one email). `items` maps a row's id to what it keeps, {"title", "body"}. Returns the new status.
create or replace function app_private.record_digest_attempt(
  user_id uuid,
  notification_ids uuid[],
  outcome text,
  error text default null,
  items jsonb default '{}'
)
returns app_public.notification_status
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_attempts integer;
  v_status app_public.notification_status;
  v_next timestamptz;
begin
  select max(n.attempts) into v_attempts
    from (select n.attempts from app_public.notifications n
           where n.user_id = record_digest_attempt.user_id and n.id = any (record_digest_attempt.notification_ids)
             and n.status = 'queued'
             for update) n;
  if v_attempts is null then
    return null;
  end if;
  v_status := app_private.notification_attempt_status(record_digest_attempt.outcome, v_attempts);
  if v_status = 'queued' then
    v_next := app_private.notification_retry_at(v_attempts);
  end if;
  update app_public.notifications n
     set attempts = n.attempts + 1, status = v_status,
         sent_at = case when v_status = 'sent' then now() end,
         title = coalesce(record_digest_attempt.items -> n.id::text ->> 'title', n.title),
         body = coalesce(record_digest_attempt.items -> n.id::text ->> 'body', n.body),
         last_error = left(record_digest_attempt.error, 2000),
         scheduled_at = coalesce(v_next, n.scheduled_at)
   where n.user_id = record_digest_attempt.user_id and n.id = any (record_digest_attempt.notification_ids)
     and n.status = 'queued';
  if v_status = 'queued' then
    perform app_private.enqueue_digest(record_digest_attempt.user_id, v_next);
  elsif v_status = 'bounced' then
    perform app_private.count_email_bounce(record_digest_attempt.user_id);
  end if;
  return v_status;
end;
$$;
comment on function app_private.record_digest_attempt(uuid, uuid[], text, text, jsonb) is
  'Records one attempt of a digest email for all its rows: sent, retried together later, failed or bounced (one bounce).';
