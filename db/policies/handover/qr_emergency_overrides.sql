-- Emergency overrides: the delivery's parties (the requester is one) and admins with qr.override or deliveries.read.
-- No direct writes (request, approve, reject, cancel and use are functions).
drop policy if exists select_visible on app_public.qr_emergency_overrides;
create policy select_visible on app_public.qr_emergency_overrides for select to app_user
  using (delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read', 'qr.override'))
                        and (select app_hidden.permitted_ids_to('deliveries.read', 'qr.override'))
             and length(id::text) = 36));

revoke all on app_public.qr_emergency_overrides from app_anonymous, app_user;
grant select on app_public.qr_emergency_overrides to app_user;
