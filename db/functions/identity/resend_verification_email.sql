-- Sends the email verification link again (queue_verification_email.sql), rate-limited per address.
create or replace function app_public.resend_verification_email(email text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
  v_email text := lower(trim(resend_verification_email.email));
begin
  if v_email is null or length(v_email) > 254 then
    return true;
  end if;
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email::citext and c.email_verified_at is null and u.deleted_at is null;
  -- The slot is taken per address whether or not an account needs the email, so the limit tells nothing either.
  if app_hidden.rate_limit_take('verify_email', v_email,
       (app_hidden.config_value('security.rate_verify_email_hour'))::int, interval '1 hour')
     and v_user_id is not null then
    perform app_hidden.queue_verification_email(v_user_id);
  end if;
  return true;
end;
$$;
comment on function app_public.resend_verification_email(text) is E'@resultFieldName success\nSends a new verification link if the address belongs to an account that still needs one (at most 5 per hour). Always returns true, so it reveals nothing about the address.';
grant execute on function app_public.resend_verification_email(text) to app_anonymous;
