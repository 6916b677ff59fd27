-- Redeems the emailed verification link (queue_verification_email.sql): the account becomes active.
create or replace function app_public.verify_email(token text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token app_private.email_verification_tokens;
begin
  if verify_email.token is null or verify_email.token !~ '^[0-9a-f]{64}$' then
    raise exception 'This verification link is not valid' using errcode = 'BADTK';
  end if;
  select * into v_token from app_private.email_verification_tokens t
   where t.token_hash = sha256(decode(verify_email.token, 'hex'))
   for update;
  if v_token.id is null or v_token.used_at is not null then
    raise exception 'This verification link is not valid or was already used' using errcode = 'BADTK';
  end if;
  if v_token.expires_at <= now() then
    raise exception 'This verification link has expired; ask for a new one' using errcode = 'EXPRD';
  end if;
  -- A link for an address the account no longer has proves nothing about the current one.
  if not exists (select 1 from app_public.user_contacts c
                  where c.user_id = v_token.user_id and c.email = v_token.email) then
    raise exception 'This verification link is for another email address' using errcode = 'BADTK';
  end if;

  update app_private.email_verification_tokens t set used_at = now()
   where t.user_id = v_token.user_id and t.used_at is null;
  update app_public.user_contacts c set email_verified_at = coalesce(c.email_verified_at, now())
   where c.user_id = v_token.user_id;
  update app_public.users u set status = 'active'
   where u.id = v_token.user_id and u.status = 'pending';
  perform app_hidden.refresh_verification_level(v_token.user_id);
  return true;
end;
$$;
comment on function app_public.verify_email(text) is E'@resultFieldName success\nConfirms an email address with the token from the emailed link: activates a pending account. Every link of the account stops working. Errors: BADTK (unknown, used or for another address), EXPRD (expired).';
grant execute on function app_public.verify_email(text) to app_anonymous;
