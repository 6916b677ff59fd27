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

-- HOOK(deliveries slice): add `select_traveler` for the traveler of a live delivery of the request, through a
-- zero-argument security definer helper (e.g. app_hidden.current_user_carried_request_ids()), never a per-row call.

revoke all on app_public.delivery_requests from app_anonymous, app_user;
grant select on app_public.delivery_requests to app_user;
