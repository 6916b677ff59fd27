-- A reader who changes email_frequency (or time zone) gets the emails held for their digest re-planned under the new
-- preferences (docs/notifications.md, "Digests"), so none waits for a digest that no longer comes:
--   - back to immediate: each held email is released now, alone (digest off, its own notifications__send job);
--   - daily ↔ weekly, or another time zone: they wait for the next digest time of the new preferences (its job).
-- The job planned for the old time stays and finds nothing due then. Rows a digest task is sending at that moment
-- are locked by it: the update waits for that send to commit and then finds them sent.
-- Security definer: the trigger writes notifications and enqueues jobs, which the API roles cannot; it fires only
-- on a preferences row the caller was allowed to update (their own) and touches only that user's rows.
create or replace function app_hidden.tg_notification_preferences__replan_digests()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_row record;
  v_at timestamptz;
  v_planned timestamptz[] := '{}';
begin
  for v_row in
    select n.id, n.created_at, n.category, n.priority from app_public.notifications n
     where n.user_id = NEW.user_id and n.digest and n.channel = 'email' and n.status = 'queued'
       for update
  loop
    if app_hidden.notification_is_digest(NEW, 'email', v_row.category) then
      v_at := app_hidden.notification_send_at(NEW, 'email', v_row.category, v_row.priority, now());
      update app_public.notifications n set scheduled_at = v_at
       where n.id = v_row.id and n.created_at = v_row.created_at;
      if not v_at = any (v_planned) then
        perform app_private.enqueue_digest(NEW.user_id, v_at);
        v_planned := v_planned || v_at;
      end if;
    else
      update app_public.notifications n set digest = false, scheduled_at = now()
       where n.id = v_row.id and n.created_at = v_row.created_at;
      perform app_private.enqueue_notification(v_row.id, now());
    end if;
  end loop;
  return null;
end;
$$;
comment on function app_hidden.tg_notification_preferences__replan_digests() is
  'Re-plans the emails held for a digest when the reader changes email_frequency or time zone (immediate: sent now).';
grant execute on function app_hidden.tg_notification_preferences__replan_digests() to app_user;
create or replace trigger _900_replan_digests after update of email_frequency, timezone on app_public.notification_preferences
  for each row when (OLD.email_frequency is distinct from NEW.email_frequency or OLD.timezone is distinct from NEW.timezone)
  execute function app_hidden.tg_notification_preferences__replan_digests();
