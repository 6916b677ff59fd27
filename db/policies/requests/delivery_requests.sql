-- Delivery requests (docs/domain.md §4): exact rows (addresses, contacts) are read by the customer and by admins with
-- deliveries.read. Travelers never read this table: they browse the masked search_requests (security definer).
-- Writes go only through the request functions (security definer), so the API roles get no insert, update or
-- delete grant: every rule (limits, windows, the open-request quota, status transitions) then has one place.
drop policy if exists select_own on app_public.delivery_requests;
create policy select_own on app_public.delivery_requests for select to app_user
  using (customer_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.delivery_requests;
create policy select_admin on app_public.delivery_requests for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

-- The traveler assigned to a request (a delivery that was not cancelled) sees its exact places and contacts
-- (§4 masking). The subquery reads deliveries under their own policies (the parties), so it needs no helper.
drop policy if exists select_traveler on app_public.delivery_requests;
create policy select_traveler on app_public.delivery_requests for select to app_user
  using (id in (select d.request_id from app_public.deliveries d
                 where d.traveler_id = (select app_public.current_user_id()) and d.status <> 'cancelled'));

revoke all on app_public.delivery_requests from app_anonymous, app_user;
grant select on app_public.delivery_requests to app_user;
