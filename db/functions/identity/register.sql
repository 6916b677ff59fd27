-- Sign-up (docs/identity.md). The answer never tells whether the email was free: a taken address gets the same
-- `true` (and the same bcrypt work, so timing does not tell either) while its owner is told by email. The new
-- account is pending until the link in the verification email is followed; it may already sign in.
create or replace function app_public.register(
  email text,
  password text,
  first_name text,
  last_name text,
  user_type app_public.user_type default 'customer',
  referral_code text default null,
  accept_terms boolean default false
)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email text := trim(register.email);
  v_first_name text := trim(register.first_name);
  v_last_name text := nullif(trim(register.last_name), '');
  v_referral_code text := nullif(upper(trim(register.referral_code)), '');
  v_referrer_id uuid;
  v_ip inet := app_hidden.current_ip();
  v_password_hash text;
  v_user_id uuid;
  v_constraint text;
begin
  if not (app_hidden.config_value('platform.registration_enabled'))::boolean then
    raise exception 'Registration is closed at the moment' using errcode = 'DNIED';
  end if;
  if v_email is null or length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'Enter a valid email address' using errcode = 'INVAL';
  end if;
  if v_first_name is null or length(v_first_name) not between 1 and 100
     or length(v_last_name) not between 1 and 100 then
    raise exception 'Names must have between 1 and 100 characters' using errcode = 'INVAL';
  end if;
  if register.accept_terms is not true then
    raise exception 'Accept the terms of service and the privacy policy to sign up' using errcode = 'INVAL';
  end if;
  perform app_hidden.assert_password_policy(register.password, v_email, array[v_first_name, v_last_name]);
  if v_referral_code is not null then
    select c.user_id into v_referrer_id
      from app_public.user_contacts c join app_public.users u on u.id = c.user_id
     where c.referral_code = v_referral_code and u.deleted_at is null;
    if v_referrer_id is null then
      raise exception 'This referral code does not exist' using errcode = 'INVAL';
    end if;
  end if;
  if v_ip is not null and not app_hidden.rate_limit_take('register_ip', host(v_ip),
       (app_hidden.config_value('security.rate_register_hour_ip'))::int, interval '1 hour') then
    raise exception 'Too many sign-ups from this network; try again later' using errcode = 'LIMIT';
  end if;

  v_password_hash := app_private.hash_password(register.password);
  begin
    insert into app_public.users (first_name, display_name, user_type, referred_by_user_id)
    values (v_first_name, v_first_name, coalesce(register.user_type, 'customer'), v_referrer_id)
    returning id into v_user_id;
    insert into app_public.user_contacts (user_id, email, last_name, terms_accepted_at)
    values (v_user_id, v_email, v_last_name, now());
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'user_contacts_email_key' then
      raise;
    end if;
    -- The address is taken (also when a parallel sign-up took it a moment ago): tell its owner, answer as usual.
    perform app_hidden.notify(c.user_id, 'signup_attempt',
              jsonb_build_object('app_url', app_hidden.config_value('platform.app_url') #>> '{}'), 'high')
       from app_public.user_contacts c where c.email = v_email::citext;
    return true;
  end;
  insert into app_private.user_secrets (user_id, password_hash) values (v_user_id, v_password_hash);
  perform app_hidden.queue_verification_email(v_user_id);
  return true;
end;
$$;
comment on function app_public.register(text, text, text, text, app_public.user_type, text, boolean) is E'@resultFieldName success\nCreates an account (pending until the emailed link is followed) and returns true, also when the email is already registered: its owner is told by email instead, so the answer reveals nothing. Sign in with login afterwards. Errors: INVAL (bad email or name, terms not accepted, unknown referral code), WEAKP (password policy), LIMIT (too many sign-ups from this network), DNIED (registration closed).';
grant execute on function app_public.register(text, text, text, text, app_public.user_type, text, boolean) to app_anonymous;
