-- Delivery requests (docs/requests.md): exact rows (addresses, contacts) are read by the customer, by admins with
-- deliveries.read and by the traveler carrying it. Other travelers never read this table: they browse the masked
-- search_requests (security definer).
-- Writes go only through the request functions (security definer), so the API roles get no insert, update or
-- delete grant: every rule (limits, windows, the open-request quota, status transitions) then has one place.
--
-- The traveler assigned to a request sees its exact places and contacts (docs/requests.md) while the delivery is live and
-- within the contacts window after it (deliveries.contacts_after_hours, docs/deliveries.md), not forever: the caller's small set
-- of such requests comes from a helper, as an array evaluated once per statement. One policy whose every arm is an
-- index condition (db/README.md, Policies): a customer's requests come from the customer_id index.
drop policy if exists select_visible on app_public.delivery_requests;
create policy select_visible on app_public.delivery_requests for select to app_user
  using (customer_id = (select app_public.current_user_id())
         or id = any (array(select app_hidden.current_traveler_request_ids()))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.delivery_requests from app_anonymous, app_user;
grant select on app_public.delivery_requests to app_user;
