-- Live inbox events for the websocket subscription myNotificationEvents (server/plugins/notificationEvents.ts): a
-- NOTIFY on the recipient's own channel, notifications:<user id>, when an in-app message appears in their inbox
-- (the worker rendered it: status becomes sent), is read, or is deleted. The payload holds the row's key only
-- ({"event", "id", "created_at"}); the server reads the row back under the subscriber's row level security, with the unread count.
-- NOTIFY is transactional: nothing is announced unless the change commits.
create or replace function app_hidden.tg_notifications__events()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_row app_public.notifications := case when TG_OP = 'DELETE' then OLD else NEW end;
  v_event text;
begin
  if v_row.channel <> 'in_app' then
    return null;
  end if;
  if TG_OP = 'DELETE' then
    v_event := case when OLD.status in ('sent', 'delivered', 'read') then 'deleted' end;
  elsif NEW.status = 'sent' and OLD.status = 'queued' then
    v_event := 'created';
  elsif NEW.read_at is distinct from OLD.read_at and NEW.status in ('sent', 'delivered', 'read') then
    v_event := 'read';
  end if;
  if v_event is not null then
    perform pg_notify('notifications:' || v_row.user_id,
                      json_build_object('event', v_event, 'id', v_row.id, 'created_at', v_row.created_at)::text);
  end if;
  return null;
end;
$$;
comment on function app_hidden.tg_notifications__events() is
  'Announces in-app inbox changes (created, read, deleted) on the channel notifications:<user id>, keys only.';
grant execute on function app_hidden.tg_notifications__events() to app_user;

drop trigger if exists _900_events on app_public.notifications;
create trigger _900_events
  after update or delete on app_public.notifications
  for each row execute function app_hidden.tg_notifications__events();
