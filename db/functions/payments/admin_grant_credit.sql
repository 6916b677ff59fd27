-- An admin grants a promotional credit (docs/payments.md, Credits): finance.write in a two-factor session; any type
-- but referral_bonus (those come from referrals, once per referee); in a supported currency; expiring after
-- payments.credit_validity_months unless expires_at says when (in the future). Posted to the ledger and audited.
create or replace function app_public.admin_grant_credit(
  user_id uuid,
  amount bigint,
  currency text,
  note text,
  type app_public.credit_type default 'compensation',
  expires_at timestamptz default null
)
returns app_public.promotional_credits
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_money_admin('finance.write', 'grant credits');
  v_credit app_public.promotional_credits;
begin
  if admin_grant_credit.type = 'referral_bonus' then
    raise exception 'type: referral bonuses are granted by referrals only' using errcode = 'INVAL';
  end if;
  if admin_grant_credit.currency is null
     or not app_hidden.config_value('platform.supported_currencies') ? admin_grant_credit.currency then
    raise exception 'currency must be a supported currency' using errcode = 'INVAL';
  end if;
  if admin_grant_credit.expires_at is not null and admin_grant_credit.expires_at <= now() then
    raise exception 'expires_at must be in the future' using errcode = 'INVAL';
  end if;
  if admin_grant_credit.note is null or btrim(admin_grant_credit.note) = '' then
    raise exception 'note must say why the credit is granted' using errcode = 'INVAL';
  end if;
  if not exists (select 1 from app_public.users u where u.id = admin_grant_credit.user_id) then
    raise exception 'user_id must name an existing user' using errcode = 'NTFND';
  end if;
  v_credit := app_private.grant_credit(admin_grant_credit.user_id, admin_grant_credit.type, admin_grant_credit.amount,
    admin_grant_credit.currency,
    coalesce(admin_grant_credit.expires_at,
             now() + make_interval(months => (app_hidden.config_value('payments.credit_validity_months'))::int)),
    granted_by := v_admin, note := admin_grant_credit.note);
  perform app_hidden.log_admin_action('admin_grant_credit', 'promotional_credit', v_credit.id::text, 'high', null,
    jsonb_build_object('user_id', v_credit.user_id, 'amount', v_credit.amount, 'currency', v_credit.currency,
                       'type', v_credit.type, 'expires_at', v_credit.expires_at),
    admin_grant_credit.note);
  return v_credit;
end;
$$;
comment on function app_public.admin_grant_credit(uuid, bigint, text, text, app_public.credit_type, timestamptz) is E'@resultFieldName promotionalCredit\nGrants a promotional credit to a user (any type but referral_bonus), spent on their next payments in that currency; it expires after payments.credit_validity_months unless expiresAt says when. Needs finance.write and a two-factor session; audited. Errors: LOGIN, DNIED, NTFND (no such user), INVAL (amount not positive, unsupported currency, expiry in the past, no note, referral_bonus).';
grant execute on function app_public.admin_grant_credit(uuid, bigint, text, text, app_public.credit_type, timestamptz) to app_user;
