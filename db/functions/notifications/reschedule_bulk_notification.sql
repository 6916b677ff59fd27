-- Moves a bulk send that has not started to another time (its first batch job moves with it). BADST once started.
create or replace function app_public.reschedule_bulk_notification(bulk_notification_id uuid, scheduled_at timestamptz)
returns app_public.bulk_notifications
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'reschedule bulk notifications');
  v_bulk app_public.bulk_notifications;
begin
  select * into v_bulk from app_public.bulk_notifications b where b.id = reschedule_bulk_notification.bulk_notification_id for update;
  if v_bulk.id is null then
    raise exception 'bulk_notification_id names no bulk send' using errcode = 'NTFND';
  end if;
  if v_bulk.status <> 'scheduled' then
    raise exception 'This bulk send is % and can no longer be rescheduled', v_bulk.status using errcode = 'BADST';
  end if;
  if reschedule_bulk_notification.scheduled_at is null or reschedule_bulk_notification.scheduled_at < now() - interval '1 minute' then
    raise exception 'scheduled_at cannot be in the past' using errcode = 'INVAL';
  end if;
  perform app_hidden.log_admin_action('reschedule_bulk_notification', 'bulk_notification', v_bulk.id::text, 'medium',
    jsonb_build_object('scheduled_at', v_bulk.scheduled_at),
    jsonb_build_object('scheduled_at', greatest(reschedule_bulk_notification.scheduled_at, now())));
  update app_public.bulk_notifications b set scheduled_at = greatest(reschedule_bulk_notification.scheduled_at, now())
   where b.id = v_bulk.id
  returning * into v_bulk;
  perform app_private.enqueue_bulk_notification_batch(v_bulk.id, v_bulk.scheduled_at);
  return v_bulk;
end;
$$;
comment on function app_public.reschedule_bulk_notification(uuid, timestamptz) is E'@resultFieldName bulkNotification\nMoves a bulk send that has not started to another time. Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (already started or over), INVAL (a past time).';
grant execute on function app_public.reschedule_bulk_notification(uuid, timestamptz) to app_user;
