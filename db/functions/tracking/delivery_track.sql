-- A delivery's path as the caller may see it (docs/tracking.md, Privacy): every point since `since` (all when null)
-- in time order for admins and the traveler; for the customer at the traveler's level, approximate and minimal
-- showing one point per time bucket (the latest, on the grid). Security definer: nobody reads the table directly.
create or replace function app_public.delivery_track(delivery_id uuid, since timestamptz default null)
returns setof app_public.tracked_point
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_level text := app_hidden.tracking_view_level(delivery_track.delivery_id);
  v_round integer := case v_level when 'approximate' then (app_hidden.config_value('tracking.approx_round_min'))::int
                                  when 'minimal' then (app_hidden.config_value('tracking.minimal_round_min'))::int end;
begin
  return query
    select (app_hidden.tracked_point_as(v_level, t.delivery_id, t.point, t.accuracy_m, t.speed_kmh, t.bearing,
                                         t.battery, t.recorded_at)).*
      from (select distinct on (case when v_round is null then lt.recorded_at
                                     else app_hidden.tracking_time_bucket(lt.recorded_at, v_round) end) lt.*
              from app_private.location_tracking lt
             where lt.delivery_id = delivery_track.delivery_id
               and lt.recorded_at >= coalesce(delivery_track.since, '-infinity')
             order by case when v_round is null then lt.recorded_at
                           else app_hidden.tracking_time_bucket(lt.recorded_at, v_round) end, lt.recorded_at desc) t
     order by t.recorded_at;
end;
$$;
comment on function app_public.delivery_track(uuid, timestamptz) is
  E'@behavior -connection +list\n@listSuffix omit\nThe delivery''s points since a time (all when omitted), oldest first, as precise as the caller may see them: raw for admins and the traveler; for the customer while the delivery is live and 24 h after, at the traveler''s tracking level (approximate and minimal: one point per time bucket, on the grid). Errors: LOGIN, NTFND, EXPRD.';
grant execute on function app_public.delivery_track(uuid, timestamptz) to app_user;
