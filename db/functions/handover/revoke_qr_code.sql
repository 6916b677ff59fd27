-- The customer revokes an active handover code (a screenshot shared too widely, a lost phone).
create or replace function app_public.revoke_qr_code(qr_code_id uuid, reason app_public.qr_revoke_reason default 'security_concern')
returns app_public.qr_codes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'revoke handover codes');
  v_code app_public.qr_codes;
begin
  select c.* into v_code from app_public.qr_codes c
    join app_public.deliveries d on d.id = c.delivery_id
   where c.id = revoke_qr_code.qr_code_id and v_user_id in (d.customer_id, d.traveler_id)
     for update of c;
  if v_code.id is null then
    raise exception 'Handover code not found' using errcode = 'NTFND';
  end if;
  if v_code.issued_by <> v_user_id then
    raise exception 'Only the customer revokes handover codes' using errcode = 'DNIED';
  end if;
  if coalesce(revoke_qr_code.reason, 'security_concern') not in ('security_concern', 'other') then
    raise exception 'reason must be security_concern or other' using errcode = 'INVAL';
  end if;
  if v_code.status <> 'active' then
    raise exception 'This code is % already', v_code.status using errcode = 'BADST';
  end if;
  update app_public.qr_codes c set status = 'revoked', revoked_at = now(),
         revoke_reason = coalesce(revoke_qr_code.reason, 'security_concern')
   where c.id = v_code.id
  returning * into v_code;
  return v_code;
end;
$$;
comment on function app_public.revoke_qr_code(uuid, app_public.qr_revoke_reason) is
  E'@resultFieldName qrCode\nThe customer revokes an active handover code (reason security_concern or other). Errors: LOGIN, NTFND, DNIED (not the customer), BADST (not active), INVAL (reason).';
grant execute on function app_public.revoke_qr_code(uuid, app_public.qr_revoke_reason) to app_user;
