-- Delivery requests (docs/requests.md): exact rows (addresses, contacts) are read by the customer, by admins with
-- deliveries.read and by the traveler carrying it (below). Other travelers never read this table: they browse the
-- masked search_requests (security definer).
-- Writes go only through the request functions (security definer), so the API roles get no insert, update or
-- delete grant: every rule (limits, windows, the open-request quota, status transitions) then has one place.
drop policy if exists select_own on app_public.delivery_requests;
create policy select_own on app_public.delivery_requests for select to app_user
  using (customer_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.delivery_requests;
create policy select_admin on app_public.delivery_requests for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

-- The traveler assigned to a request sees its exact places and contacts (docs/requests.md) while the delivery is live and
-- within the contacts window after it (deliveries.contacts_after_hours, docs/deliveries.md), not forever: the caller's small set
-- of such requests comes from a helper evaluated once per statement.
drop policy if exists select_traveler on app_public.delivery_requests;
create policy select_traveler on app_public.delivery_requests for select to app_user
  using (id in (select app_hidden.current_traveler_request_ids()));

revoke all on app_public.delivery_requests from app_anonymous, app_user;
grant select on app_public.delivery_requests to app_user;
