-- History is seen by whoever sees its delivery: the parties (the caller's deliveries, read under the deliveries
-- policy) and admins with deliveries.read. The caller's deliveries are an array evaluated once per statement, so that
-- both arms are index conditions (db/README.md, Policies) and a user's history is read from the delivery_id index.
drop policy if exists select_visible_delivery on app_public.delivery_status_history;
create policy select_visible_delivery on app_public.delivery_status_history for select to app_user
  using (delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.delivery_status_history from app_anonymous, app_user;
grant select on app_public.delivery_status_history to app_user;
