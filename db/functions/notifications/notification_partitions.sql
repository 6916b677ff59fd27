-- The monthly partitions of app_public.notifications (docs/notifications.md): the daily job
-- notifications__create_partitions keeps notifications.partitions_ahead months ahead of the current one; the daily
-- cleanup drops months that ended more than notifications.retention_days ago. Partitions are
-- app_private.notifications_YYYY_MM: row level security forced, no grants (the API reads the parent), and their
-- constraints carry the parent's client messages (a violation names the partition's constraint).
create or replace function app_private.create_notification_partitions()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_month date;
  v_name text;
  v_ddl text;
  v_created integer := 0;
begin
  for i in 0..(app_hidden.config_value('notifications.partitions_ahead'))::int loop
    v_month := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => i))::date;
    v_name := 'notifications_' || to_char(v_month, 'YYYY_MM');
    continue when to_regclass('app_private.' || v_name) is not null;
    execute format('create table app_private.%I partition of app_public.notifications for values from (%L) to (%L)',
                   v_name, v_month::timestamp at time zone 'UTC', (v_month + interval '1 month')::timestamp at time zone 'UTC');
    execute format('alter table app_private.%I enable row level security', v_name);
    execute format('alter table app_private.%I force row level security', v_name);
    execute format('comment on table app_private.%I is %L', v_name, 'A month of notifications (read through app_public.notifications).');
    for v_ddl in
      select format('comment on constraint %I on app_private.%I is %L', child.conname, v_name,
                    obj_description(parent.oid, 'pg_constraint'))
        from pg_constraint child
        join pg_constraint parent on parent.conrelid = 'app_public.notifications'::regclass
         and (parent.conname = child.conname or (parent.contype = 'p' and child.contype = 'p'))
       where child.conrelid = format('app_private.%I', v_name)::regclass
    loop
      execute v_ddl;
    end loop;
    v_created := v_created + 1;
  end loop;
  return v_created;
end;
$$;
comment on function app_private.create_notification_partitions() is 'Creates the missing monthly partitions of notifications, this month and notifications.partitions_ahead ahead.';

-- Retention: whole months past notifications.retention_days go at once (a partition drop, not a delete).
create or replace function app_private.drop_old_notification_partitions()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_part record;
  v_dropped integer := 0;
begin
  for v_part in
    select c.relname
      from pg_inherits i
      join pg_class c on c.oid = i.inhrelid and c.relnamespace = 'app_private'::regnamespace
     where i.inhparent = 'app_public.notifications'::regclass
       and c.relname ~ '^notifications_[0-9]{4}_[0-9]{2}$'
       and (to_date(substr(c.relname, 15), 'YYYY_MM') + interval '1 month')::timestamp at time zone 'UTC'
           < now() - make_interval(days => (app_hidden.config_value('notifications.retention_days'))::int)
  loop
    execute format('drop table app_private.%I', v_part.relname);
    v_dropped := v_dropped + 1;
  end loop;
  return v_dropped;
end;
$$;
comment on function app_private.drop_old_notification_partitions() is 'Drops the monthly partitions of notifications that ended before notifications.retention_days ago.';

-- Device tokens unused for notifications.token_inactive_days go inactive; inactive ones are deleted
-- notifications.token_delete_days later. Batched (retention.batch_size).
create or replace function app_private.expire_device_tokens()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with idle as (
    update app_public.device_tokens dt set active = false, deactivated_at = now()
     where dt.id in (select d.id from app_public.device_tokens d
                      where d.active and d.last_used_at < now() - make_interval(
                              days => (app_hidden.config_value('notifications.token_inactive_days'))::int)
                      limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  ), gone as (
    delete from app_public.device_tokens dt
     where dt.id in (select d.id from app_public.device_tokens d
                      where not d.active and d.deactivated_at < now() - make_interval(
                              days => (app_hidden.config_value('notifications.token_delete_days'))::int)
                      limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select ((select count(*) from idle) + (select count(*) from gone))::int;
$$;
comment on function app_private.expire_device_tokens() is 'Deactivates idle device tokens and deletes long-inactive ones (batched).';
