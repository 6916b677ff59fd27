-- Versions are seen by whoever sees their thread: its parties (the caller's threads, read under the delivery_offers
-- policy, as an array evaluated once per statement) and admins with deliveries.read. Both arms are index conditions
-- (db/README.md, Policies), so a user's versions are read from the offer_id index.
drop policy if exists select_visible_thread on app_public.offer_versions;
create policy select_visible_thread on app_public.offer_versions for select to app_user
  using (offer_id = any (array(select o.id from app_public.delivery_offers o
                                where o.customer_id = (select app_public.current_user_id())
                                   or o.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.offer_versions from app_anonymous, app_user;
grant select on app_public.offer_versions to app_user;
