-- Cancels a bulk send that is scheduled or under way: its pending batch job goes, and the batches already sent stay
-- counted. BADST once it completed, failed or was canceled.
create or replace function app_public.cancel_bulk_notification(bulk_notification_id uuid)
returns app_public.bulk_notifications
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'cancel bulk notifications');
  v_bulk app_public.bulk_notifications;
begin
  select * into v_bulk from app_public.bulk_notifications b where b.id = cancel_bulk_notification.bulk_notification_id for update;
  if v_bulk.id is null then
    raise exception 'bulk_notification_id names no bulk send' using errcode = 'NTFND';
  end if;
  if v_bulk.status not in ('scheduled', 'processing') then
    raise exception 'This bulk send is % and can no longer be canceled', v_bulk.status using errcode = 'BADST';
  end if;
  perform app_hidden.log_admin_action('cancel_bulk_notification', 'bulk_notification', v_bulk.id::text, 'medium',
    jsonb_build_object('status', v_bulk.status), jsonb_build_object('status', 'canceled'));
  update app_public.bulk_notifications b set status = 'canceled', canceled_at = now() where b.id = v_bulk.id
  returning * into v_bulk;
  perform graphile_worker.remove_job('bulk_notifications__send_batch:' || v_bulk.id);
  return v_bulk;
end;
$$;
comment on function app_public.cancel_bulk_notification(uuid) is E'@resultFieldName bulkNotification\nCancels a scheduled or running bulk send (batches already sent stay counted). Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (completed, failed or canceled).';
grant execute on function app_public.cancel_bulk_notification(uuid) to app_user;
