-- The monthly partitions of app_private.location_tracking (docs/tracking.md, Partitions and retention), native
-- partitioning maintained here (pg_partman is not needed): the daily job tracking__create_partitions keeps the
-- previous month, this one and tracking.partitions_ahead months ahead; rows that had landed in the default
-- partition for a month without its own are moved into it when it is made. The daily cleanup deletes expired points
-- (app_private.delete_expired_locations) and drops month partitions that ended before the retention period and are
-- empty. Partitions are app_private.location_tracking_YYYY_MM: row level security forced, no grants, the parent's
-- constraint messages.

-- One month's partition (a no-op when it exists); true when made.
create or replace function app_private.create_location_tracking_partition(month date)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_month date := date_trunc('month', create_location_tracking_partition.month)::date;
  v_name text := 'location_tracking_' || to_char(v_month, 'YYYY_MM');
  v_from timestamptz := v_month::timestamp at time zone 'UTC';
  v_to timestamptz := (v_month + interval '1 month')::timestamp at time zone 'UTC';
  v_ddl text;
begin
  if to_regclass('app_private.' || v_name) is not null then
    return false;
  end if;
  -- Made apart, filled with the month's rows from the default partition, then attached: attaching checks that the
  -- default partition holds none of the month any more.
  execute format('create table app_private.%I (like app_private.location_tracking including defaults including constraints)', v_name);
  execute format('with moved as (delete from app_private.location_tracking_default where recorded_at >= %L and recorded_at < %L returning *)
                  insert into app_private.%I select * from moved', v_from, v_to, v_name);
  execute format('alter table app_private.location_tracking attach partition app_private.%I for values from (%L) to (%L)',
                 v_name, v_from, v_to);
  execute format('alter table app_private.%I enable row level security', v_name);
  execute format('alter table app_private.%I force row level security', v_name);
  execute format('comment on table app_private.%I is %L', v_name, 'Location points of one month (read through the tracking functions).');
  for v_ddl in
    select format('comment on constraint %I on app_private.%I is %L', child.conname, v_name,
                  obj_description(parent.oid, 'pg_constraint'))
      from pg_constraint child
      join pg_constraint parent on parent.conrelid = 'app_private.location_tracking'::regclass
       and (parent.conname = child.conname or (parent.contype = 'p' and child.contype = 'p'))
     where child.conrelid = format('app_private.%I', v_name)::regclass
  loop
    execute v_ddl;
  end loop;
  return true;
end;
$$;
comment on function app_private.create_location_tracking_partition(date) is 'Creates the partition of location_tracking for the month holding the date, moving its rows out of the default partition.';

create or replace function app_private.create_location_tracking_partitions()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select count(*) filter (where app_private.create_location_tracking_partition(
           (date_trunc('month', now() at time zone 'UTC') + make_interval(months => m))::date))::int
    from generate_series(-1, (app_hidden.config_value('tracking.partitions_ahead'))::int) as m;
$$;
comment on function app_private.create_location_tracking_partitions() is 'Creates the missing monthly partitions of location_tracking: the previous month, this one and tracking.partitions_ahead ahead.';

-- Retention, batched (retention.batch_size per statement): points older than tracking.retention_days, and points of
-- travelers who chose delete_after_delivery once tracking.delete_after_delivery_hours passed since delivery; never
-- those of deliveries whose points are evidence (app_private.evidence_held_delivery_ids, disputes).
create or replace function app_private.delete_expired_locations()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with held as (
    select array(select app_private.evidence_held_delivery_ids()) as ids
  ), old as (
    delete from app_private.location_tracking lt
     where (lt.id, lt.recorded_at) in (
       select t.id, t.recorded_at from app_private.location_tracking t, held
        where t.recorded_at < now() - make_interval(days => (app_hidden.config_value('tracking.retention_days'))::int)
          and t.delivery_id <> all (held.ids)
        limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  ), chosen as (
    delete from app_private.location_tracking lt
     where (lt.id, lt.recorded_at) in (
       select t.id, t.recorded_at
         from app_public.deliveries d
         join app_public.user_preferences p on p.user_id = d.traveler_id
         join app_private.location_tracking t on t.delivery_id = d.id, held
        where d.status = 'delivered'
          and d.delivered_at < now() - make_interval(hours => (app_hidden.config_value('tracking.delete_after_delivery_hours'))::int)
          and d.delivered_at > now() - make_interval(days => (app_hidden.config_value('tracking.retention_days'))::int)
          and (p.location -> 'delete_after_delivery')::boolean
          and d.id <> all (held.ids)
        limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select ((select count(*) from old) + (select count(*) from chosen))::int;
$$;
comment on function app_private.delete_expired_locations() is 'Deletes location points past retention or past their traveler''s delete_after_delivery, except evidence (batched).';

-- Month partitions that ended before tracking.retention_days ago and hold no row (retention emptied them) go.
create or replace function app_private.drop_empty_location_tracking_partitions()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_part record;
  v_empty boolean;
  v_dropped integer := 0;
begin
  for v_part in
    select c.relname
      from pg_inherits i
      join pg_class c on c.oid = i.inhrelid and c.relnamespace = 'app_private'::regnamespace
     where i.inhparent = 'app_private.location_tracking'::regclass
       and c.relname ~ '^location_tracking_[0-9]{4}_[0-9]{2}$'
       and (to_date(substr(c.relname, 19), 'YYYY_MM') + interval '1 month')::timestamp at time zone 'UTC'
           < now() - make_interval(days => (app_hidden.config_value('tracking.retention_days'))::int)
  loop
    execute format('select not exists (select 1 from app_private.%I)', v_part.relname) into v_empty;
    continue when not v_empty;
    execute format('drop table app_private.%I', v_part.relname);
    v_dropped := v_dropped + 1;
  end loop;
  return v_dropped;
end;
$$;
comment on function app_private.drop_empty_location_tracking_partitions() is 'Drops the empty monthly partitions of location_tracking that ended before tracking.retention_days ago.';

-- Geofence events go after tracking.retention_days like the points they came from (batched).
create or replace function app_private.delete_old_geofence_events()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.geofence_events e
     where e.id in (select g.id from app_public.geofence_events g
                     where g.created_at < now() - make_interval(days => (app_hidden.config_value('tracking.retention_days'))::int)
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::int from gone;
$$;
comment on function app_private.delete_old_geofence_events() is 'Deletes geofence events older than tracking.retention_days (batched).';
