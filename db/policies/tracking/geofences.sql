-- Geofences: a delivery's are read by its parties and admins with deliveries.read; platform-wide zones (no
-- delivery) by every signed-in user (safe zones are handover spots). No direct writes: acceptance makes the
-- circles, createGeofence the zones. Every arm an index condition (db/README.md, Policies).
drop policy if exists select_visible on app_public.geofences;
create policy select_visible on app_public.geofences for select to app_user
  using (delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or delivery_id is null
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.geofences from app_anonymous, app_user;
grant select on app_public.geofences to app_user;
