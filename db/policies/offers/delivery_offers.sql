-- Offer threads: the two parties and admins with deliveries.read. Writes only through the offer functions.
-- One policy whose every arm is an index condition (db/README.md, Policies).
drop policy if exists select_visible on app_public.delivery_offers;
create policy select_visible on app_public.delivery_offers for select to app_user
  using (customer_id = (select app_public.current_user_id())
         or traveler_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.delivery_offers from app_anonymous, app_user;
grant select on app_public.delivery_offers to app_user;
