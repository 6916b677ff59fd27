-- Handover codes: the delivery's parties and admins with deliveries.read or qr.override. No direct writes (the
-- handover functions). The secrets (app_private.qr_code_secrets) and keys are nobody's to read.
-- Every arm an index condition (db/README.md, Policies): the caller's deliveries as an array, the admin range.
drop policy if exists select_visible on app_public.qr_codes;
create policy select_visible on app_public.qr_codes for select to app_user
  using (delivery_id = any (array(select d.id from app_public.deliveries d
                                   where d.customer_id = (select app_public.current_user_id())
                                      or d.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read', 'qr.override'))
                        and (select app_hidden.permitted_ids_to('deliveries.read', 'qr.override'))
             and length(id::text) = 36));

revoke all on app_public.qr_codes from app_anonymous, app_user;
grant select on app_public.qr_codes to app_user;
