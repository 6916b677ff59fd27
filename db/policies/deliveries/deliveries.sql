-- Deliveries: the two parties and admins with deliveries.read. No direct writes: every change is a delivery
-- function, and status changes pass the transition trigger.
-- One policy whose every arm is an index condition (db/README.md, Policies): a user's deliveries are read as a
-- BitmapOr of the customer, traveler and primary key indexes, not by scanning every delivery.
drop policy if exists select_visible on app_public.deliveries;
create policy select_visible on app_public.deliveries for select to app_user
  using (customer_id = (select app_public.current_user_id())
         or traveler_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.deliveries from app_anonymous, app_user;
grant select on app_public.deliveries to app_user;
