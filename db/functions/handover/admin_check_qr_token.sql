-- An admin inspects a token without consuming it or counting anything (support calls: "the code does not scan").
-- Volatile, so a mutation: every inspection is logged (low) in admin_activity_log, like every admin act.
create or replace function app_public.admin_check_qr_token(token text)
returns app_public.qr_token_check
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token record;
  v_code app_public.qr_codes;
  v_problem text;
begin
  perform app_private.require_admin(
    case when app_hidden.current_user_has_permission('qr.override') then 'qr.override' else 'deliveries.read' end,
    'check handover codes');
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
  perform app_hidden.log_admin_action('admin_check_qr_token', 'delivery', v_token.delivery_id::text, 'low', null,
    jsonb_build_object('qr_code_id', v_code.id, 'qr_type', v_token.qr_type, 'problem', v_problem));
  return row(v_token.problem is null, v_problem, v_token.key_id, v_token.delivery_id, v_token.qr_type,
             v_token.token_expires_at, v_code.id, v_code.status, v_code.expires_at, v_code.failed_attempts)::app_public.qr_token_check;
end;
$$;
comment on function app_public.admin_check_qr_token(text) is
  E'@resultFieldName qrTokenCheck\nAn admin (qr.override or deliveries.read, in a two-factor session; audited, low) inspects a handover token without consuming it: whether its signature holds, the code it belongs to, its state, and why a scan would fail (before the scanner''s own checks). Errors: LOGIN, DNIED.';
grant execute on function app_public.admin_check_qr_token(text) to app_user;
