-- Recorded matches (docs/matching.md): readable by the request's customer, the trip's traveler and admins with
-- deliveries.read. Only the matching job (app_owner) writes them. The membership sub-selects read delivery_requests
-- and trips under their own policies (own rows), never this table.
drop policy if exists select_customer on app_public.request_matches;
create policy select_customer on app_public.request_matches for select to app_user
  using (request_id in (select r.id from app_public.delivery_requests r
                         where r.customer_id = (select app_public.current_user_id())));

drop policy if exists select_traveler on app_public.request_matches;
create policy select_traveler on app_public.request_matches for select to app_user
  using (trip_id in (select t.id from app_public.trips t
                      where t.traveler_id = (select app_public.current_user_id())));

drop policy if exists select_admin on app_public.request_matches;
create policy select_admin on app_public.request_matches for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.request_matches from app_anonymous, app_user;
grant select on app_public.request_matches to app_user;
