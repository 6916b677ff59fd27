-- Deliveries: the two parties and admins with deliveries.read. No direct writes: every change is a delivery
-- function, and status changes pass the transition trigger.
drop policy if exists select_party on app_public.deliveries;
create policy select_party on app_public.deliveries for select to app_user
  using (customer_id = (select app_public.current_user_id()) or traveler_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.deliveries;
create policy select_admin on app_public.deliveries for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.deliveries from app_anonymous, app_user;
grant select on app_public.deliveries to app_user;
