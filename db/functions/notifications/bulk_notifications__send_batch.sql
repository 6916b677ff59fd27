-- Bulk sends (docs/notifications.md "Bulk sends"): what the bulk_notifications__send_batch task runs, one batch per
-- job and per transaction, so a send to every user never holds a long transaction or the worker: other jobs run
-- between its batches (which also go at a lower job priority).

-- The active users a bulk send targets, after a user id (batches go in id order along the primary key).
create or replace function app_private.bulk_notification_targets(bulk app_public.bulk_notifications, after_user_id uuid)
returns setof uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select u.id from app_public.users u
   where u.status = 'active' and u.deleted_at is null
     and (bulk_notification_targets.after_user_id is null or u.id > bulk_notification_targets.after_user_id)
     and case (bulk_notification_targets.bulk).target_user_type
           when 'customer' then u.user_type in ('customer', 'both')
           when 'traveler' then u.user_type in ('traveler', 'both')
           when 'both' then u.user_type = 'both'
           else true end
     and ((bulk_notification_targets.bulk).target_min_verification is null
          or u.verification_level >= (bulk_notification_targets.bulk).target_min_verification)
     and ((bulk_notification_targets.bulk).target_country is null
          or exists (select 1 from app_public.user_addresses a
                      where a.user_id = u.id and a.is_default and a.country = (bulk_notification_targets.bulk).target_country))
   order by u.id;
$$;
comment on function app_private.bulk_notification_targets(app_public.bulk_notifications, uuid) is 'The active users a bulk send targets, in id order, after a user id.';

-- One batch: the first one counts the targets and starts the send; each notifies the next batch_size users through
-- app_hidden.notify (a user counts as sent when at least one channel got a row, skipped otherwise) and enqueues the
-- next batch batch_delay_seconds later; the last one completes the send. A canceled or rescheduled send, or a job run
-- twice, does nothing. Returns the send's status.
create or replace function app_private.send_bulk_notification_batch(bulk_id uuid)
returns app_public.bulk_status
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_bulk app_public.bulk_notifications;
  v_template text;
  v_user uuid;
  v_seen integer := 0;
  v_sent integer := 0;
begin
  select * into v_bulk from app_public.bulk_notifications b
   where b.id = send_bulk_notification_batch.bulk_id and b.status in ('scheduled', 'processing') and b.scheduled_at <= now()
   for update;
  if v_bulk.id is null then
    return null;
  end if;
  if v_bulk.status = 'scheduled' then
    v_bulk.status := 'processing';
    v_bulk.started_at := now();
    v_bulk.targeted := (select count(*) from app_private.bulk_notification_targets(v_bulk, null));
  end if;
  select t.name into v_template from app_public.notification_templates t where t.id = v_bulk.template_id;
  for v_user in select * from app_private.bulk_notification_targets(v_bulk, v_bulk.last_user_id) limit v_bulk.batch_size loop
    v_seen := v_seen + 1;
    if app_hidden.notify(v_user, v_template, v_bulk.variables, v_bulk.priority) > 0 then
      v_sent := v_sent + 1;
    end if;
    v_bulk.last_user_id := v_user;
  end loop;
  update app_public.bulk_notifications b
     set status = (case when v_seen < v_bulk.batch_size then 'completed' else 'processing' end)::app_public.bulk_status,
         completed_at = case when v_seen < v_bulk.batch_size then now() end,
         started_at = v_bulk.started_at, targeted = v_bulk.targeted, last_user_id = v_bulk.last_user_id,
         sent = b.sent + v_sent, skipped = b.skipped + v_seen - v_sent
   where b.id = v_bulk.id
  returning * into v_bulk;
  if v_bulk.status = 'processing' then
    perform app_private.enqueue_bulk_notification_batch(v_bulk.id, now() + make_interval(secs => v_bulk.batch_delay_seconds));
  end if;
  return v_bulk.status;
end;
$$;
comment on function app_private.send_bulk_notification_batch(uuid) is 'Sends the next batch of a due bulk send (notify per user), counts, and enqueues the next batch or completes it.';

-- The job of a bulk send's next batch (one per send: its key replaces a pending one), at a lower priority than
-- ordinary jobs so that a large send never delays them.
create or replace function app_private.enqueue_bulk_notification_batch(bulk_id uuid, run_at timestamptz)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select null::void from graphile_worker.add_job('bulk_notifications__send_batch',
    json_build_object('id', enqueue_bulk_notification_batch.bulk_id), run_at := enqueue_bulk_notification_batch.run_at,
    job_key := 'bulk_notifications__send_batch:' || enqueue_bulk_notification_batch.bulk_id, max_attempts := 3, priority := 10);
$$;
comment on function app_private.enqueue_bulk_notification_batch(uuid, timestamptz) is 'Enqueues (or moves) the next batch job of a bulk send.';

create or replace trigger _100_timestamps before update on app_public.bulk_notifications
  for each row execute function app_hidden.tg__set_updated_at();
