-- What the QR image route (server/handover/qr_image.ts) may draw: the customer's own live handover code. The route
-- sends the caller's identity as PostGraphile does (role and session), so the caller is the signed-in user; the token
-- itself is never stored or logged. Answers why not, without telling anybody else anything about a code: a token
-- that is not one (invalid), a code that is not the caller's to show or does not exist (not_found), one that was
-- used, revoked or has expired (inactive). Security definer to read codes and their secrets; it only ever answers
-- about the caller's own deliveries.
create or replace function app_hidden.qr_image_code(token text)
returns table (verdict text, qr_type app_public.qr_type, expires_at timestamptz)
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('show handover codes');
  v_token record;
  v_code app_public.qr_codes;
begin
  select * into v_token from app_private.read_qr_token(qr_image_code.token);
  if v_token.problem is not null then
    return query select 'invalid', null::app_public.qr_type, null::timestamptz;
    return;
  end if;
  select c.* into v_code
    from app_private.qr_code_secrets s
    join app_public.qr_codes c on c.id = s.qr_code_id
    join app_public.deliveries d on d.id = c.delivery_id
   where s.token_hash = v_token.token_hash and c.delivery_id = v_token.delivery_id and c.qr_type = v_token.qr_type
     and d.customer_id = v_user_id;
  if v_code.id is null then
    return query select 'not_found', null::app_public.qr_type, null::timestamptz;
  elsif v_code.status <> 'active' or v_code.expires_at <= now() then
    return query select 'inactive', v_code.qr_type, v_code.expires_at;
  else
    return query select 'ok', v_code.qr_type, v_code.expires_at;
  end if;
end;
$$;
comment on function app_hidden.qr_image_code(text) is 'Whether the signed-in user may be shown this handover token as an image: ok (their live code), invalid, not_found or inactive.';
grant execute on function app_hidden.qr_image_code(text) to app_user;
