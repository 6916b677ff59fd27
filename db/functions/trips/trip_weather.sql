-- Trip weather (docs/trips.md): the trips__refresh_weather task asks trips_needing_weather which trips leave
-- within trips.weather_horizon_days and have no fresh forecast, fetches each forecast outside any transaction
-- (workers/weather), and stores it with record_trip_weather, which derives the alerts and the expiry
-- (trips.weather_ttl_hours). Alerts inform; nothing ever blocks a trip because of the weather.
-- A refresh that raises alerts the previous forecast did not emails the traveler (once per new set of alerts).

create or replace function app_private.trips_needing_weather(max_trips integer default 100)
returns table (
  trip_id uuid,
  origin_lng double precision,
  origin_lat double precision,
  destination_lng double precision,
  destination_lat double precision,
  departure_date date,
  arrival_date date
)
language sql stable
set search_path = pg_catalog, public, pg_temp
set timezone = 'UTC'
as $$
  select t.id, public.st_x(t.origin_point::geometry), public.st_y(t.origin_point::geometry),
         public.st_x(t.destination_point::geometry), public.st_y(t.destination_point::geometry),
         t.departure_time::date, t.arrival_time::date
    from app_public.trips t
    left join app_public.trip_weather w on w.trip_id = t.id
   where t.status in ('upcoming', 'delayed')
     and t.departure_time > now()
     and t.departure_time <= now() + make_interval(days => (app_hidden.config_value('trips.weather_horizon_days'))::int)
     and (w.id is null or w.expires_at <= now())
   order by t.departure_time, t.id
   limit trips_needing_weather.max_trips;
$$;
comment on function app_private.trips_needing_weather(integer) is 'Trips departing within trips.weather_horizon_days whose forecast is missing or expired, soonest first, with their end points and dates (UTC).';

-- The alerts of one end of the trip ('origin' or 'destination') under trips.weather_alert_thresholds.
create or replace function app_private.weather_alerts(at_end text, forecast jsonb)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  with limits as (select app_hidden.config_value('trips.weather_alert_thresholds') as l)
  select coalesce(jsonb_agg(jsonb_build_object('at', weather_alerts.at_end, 'kind', a.kind, 'message', a.message)
                            order by a.kind), '[]'::jsonb)
    from limits, lateral (values
      ('severe_condition', format('%s expected at the %s', forecast ->> 'condition', at_end),
       (l -> 'conditions') ? (forecast ->> 'condition')),
      ('high_wind', format('Wind of %s km/h expected at the %s', forecast ->> 'wind_kph', at_end),
       (forecast ->> 'wind_kph')::numeric >= (l ->> 'wind_kph')::numeric),
      ('heavy_precipitation', format('%s mm of precipitation expected at the %s', forecast ->> 'precipitation_mm', at_end),
       (forecast ->> 'precipitation_mm')::numeric >= (l ->> 'precipitation_mm')::numeric),
      ('extreme_temperature', format('%s °C expected at the %s', forecast ->> 'temperature_c', at_end),
       (forecast ->> 'temperature_c')::numeric not between (l ->> 'min_temperature_c')::numeric
                                                        and (l ->> 'max_temperature_c')::numeric)
    ) as a(kind, message, raised)
   where a.raised;
$$;
comment on function app_private.weather_alerts(text, jsonb) is 'Alerts ({at, kind, message}) a forecast of one end of a trip raises under trips.weather_alert_thresholds.';

create or replace function app_private.record_trip_weather(trip_id uuid, weather jsonb, provider text)
returns app_public.trip_weather
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_end text;
  v_row app_public.trip_weather;
  v_previous jsonb;
begin
  foreach v_end in array array['origin', 'destination'] loop
    if jsonb_typeof(record_trip_weather.weather -> v_end) is distinct from 'object'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'condition') is distinct from 'string'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'temperature_c') is distinct from 'number'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'wind_kph') is distinct from 'number'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'precipitation_mm') is distinct from 'number' then
      raise exception 'The % forecast needs condition, temperature_c, wind_kph and precipitation_mm', v_end
        using errcode = 'INVAL';
    end if;
  end loop;
  if not exists (select 1 from app_public.trips t where t.id = record_trip_weather.trip_id) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  select w.alerts into v_previous from app_public.trip_weather w where w.trip_id = record_trip_weather.trip_id;
  insert into app_public.trip_weather (trip_id, weather, alerts, provider, fetched_at, expires_at)
  values (record_trip_weather.trip_id, record_trip_weather.weather,
          app_private.weather_alerts('origin', record_trip_weather.weather -> 'origin')
            || app_private.weather_alerts('destination', record_trip_weather.weather -> 'destination'),
          record_trip_weather.provider, now(),
          now() + make_interval(hours => (app_hidden.config_value('trips.weather_ttl_hours'))::int))
  on conflict on constraint trip_weather_trip_id_key do update
     set weather = excluded.weather, alerts = excluded.alerts, provider = excluded.provider,
         fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
  returning * into v_row;
  if jsonb_array_length(v_row.alerts) > 0 and not (coalesce(v_previous, '[]') @> v_row.alerts) then
    -- The template words each alert; it gets the forecast's figure of each raised one, named <end>_<kind>
    -- (origin_high_wind: the wind in km/h at the origin).
    perform app_hidden.notify(t.traveler_id, 'weather_alert',
      jsonb_build_object('trip_title', t.title)
        || (select jsonb_object_agg((a ->> 'at') || '_' || (a ->> 'kind'),
                                    record_trip_weather.weather -> (a ->> 'at') ->> f.figure)
              from jsonb_array_elements(v_row.alerts) a
              join (values ('severe_condition', 'condition'), ('high_wind', 'wind_kph'),
                           ('heavy_precipitation', 'precipitation_mm'), ('extreme_temperature', 'temperature_c'))
                   as f (kind, figure) on f.kind = a ->> 'kind'),
      'high')
      from app_public.trips t where t.id = v_row.trip_id;
  end if;
  return v_row;
end;
$$;
comment on function app_private.record_trip_weather(uuid, jsonb, text) is 'Stores (or replaces) a trip''s forecast with its alerts, valid for trips.weather_ttl_hours. INVAL for a malformed forecast, NTFND for an unknown trip.';

-- Retention (app_private.cleanup_expired_data): an expired forecast is of no use; a trip still leaving soon gets a
-- fresh one from the next refresh. At most retention.batch_size per call.
create or replace function app_private.delete_expired_trip_weather()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with deleted as (
    delete from app_public.trip_weather w
     where w.id in (select e.id from app_public.trip_weather e where e.expires_at < now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from deleted;
$$;
comment on function app_private.delete_expired_trip_weather() is 'Deletes expired trip forecasts, at most retention.batch_size; returns how many.';
