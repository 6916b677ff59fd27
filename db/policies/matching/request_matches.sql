-- Recorded matches (docs/matching.md): readable by the request's customer, the trip's traveler and admins with
-- deliveries.read. Only the matching job (app_owner) writes them. The caller's requests and trips are read under
-- their own tables' policies (own rows, never this table) as arrays evaluated once per statement, so that every arm
-- is an index condition (db/README.md, Policies).
drop policy if exists select_visible on app_public.request_matches;
create policy select_visible on app_public.request_matches for select to app_user
  using (request_id = any (array(select r.id from app_public.delivery_requests r
                                  where r.customer_id = (select app_public.current_user_id())))
         or trip_id = any (array(select t.id from app_public.trips t
                                  where t.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.request_matches from app_anonymous, app_user;
grant select on app_public.request_matches to app_user;
