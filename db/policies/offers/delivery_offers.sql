-- Offer threads: the two parties and admins with deliveries.read. Writes only through the offer functions.
drop policy if exists select_party on app_public.delivery_offers;
create policy select_party on app_public.delivery_offers for select to app_user
  using (customer_id = (select app_public.current_user_id()) or traveler_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.delivery_offers;
create policy select_admin on app_public.delivery_offers for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.delivery_offers from app_anonymous, app_user;
grant select on app_public.delivery_offers to app_user;
