-- Geofence events: the delivery's parties and admins with deliveries.read. Only ingest writes them.
drop policy if exists select_visible on app_public.geofence_events;
create policy select_visible on app_public.geofence_events for select to app_user
  using (delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.geofence_events from app_anonymous, app_user;
grant select on app_public.geofence_events to app_user;
