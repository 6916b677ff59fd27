-- An admin inspects a token without consuming it or counting anything (support calls: "the code does not scan").
create or replace function app_public.admin_check_qr_token(token text)
returns app_public.qr_token_check
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token record;
  v_code app_public.qr_codes;
  v_problem text;
begin
  perform app_hidden.require_session('check handover codes');
  if not (app_hidden.current_user_has_permission('qr.override') or app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Checking handover codes needs the qr.override or deliveries.read permission' using errcode = 'DNIED';
  end if;
  select * into v_token from app_private.read_qr_token(admin_check_qr_token.token);
  if v_token.problem is null then
    select c.* into v_code from app_private.qr_code_secrets s join app_public.qr_codes c on c.id = s.qr_code_id
     where s.token_hash = v_token.token_hash;
  end if;
  v_problem := case
    when v_token.problem is not null then v_token.problem
    when v_code.id is null then 'this code is unknown'
    when v_code.delivery_id <> v_token.delivery_id or v_code.qr_type <> v_token.qr_type
      then 'this code does not belong to the delivery it names'
    when v_code.status <> 'active' then format('the code is %s', v_code.status)
    when v_code.expires_at <= now() then 'the code has expired'
  end;
  return row(v_token.problem is null, v_problem, v_token.key_id, v_token.delivery_id, v_token.qr_type,
             v_token.token_expires_at, v_code.id, v_code.status, v_code.expires_at, v_code.failed_attempts)::app_public.qr_token_check;
end;
$$;
comment on function app_public.admin_check_qr_token(text) is
  'An admin (qr.override or deliveries.read) inspects a handover token without consuming it: whether its signature holds, the code it belongs to, its state, and why a scan would fail (before the scanner''s own checks). Errors: LOGIN, DNIED.';
grant execute on function app_public.admin_check_qr_token(text) to app_user;
