-- Handover attempts: the scanner (their own attempts, whatever they scanned), the delivery's parties and admins with
-- deliveries.read or qr.override. No direct writes. The scanner's address is in app_private.qr_code_scan_origins.
drop policy if exists select_visible on app_public.qr_code_scans;
create policy select_visible on app_public.qr_code_scans for select to app_user
  using (scanner_id = (select app_public.current_user_id())
         or delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read', 'qr.override'))
                        and (select app_hidden.permitted_ids_to('deliveries.read', 'qr.override'))
             and length(id::text) = 36));

revoke all on app_public.qr_code_scans from app_anonymous, app_user;
grant select on app_public.qr_code_scans to app_user;
