-- Mints the secret of a token email at sending time (docs/notifications.md: a secret a message needs is created by
-- the sending task, which stores only its hash). Called by the emails__send task for a queued email whose kind
-- asks for one; returns the token to put where the body says {{token}}, or NULL when the email is no longer
-- queued. A retried send mints a fresh token: the earlier one never reached anybody. A new reset token voids the
-- account's older ones.
create or replace function app_private.issue_email_token(email_id uuid)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email app_private.emails;
  v_token bytea := public.gen_random_bytes(32);
begin
  select * into v_email from app_private.emails e
   where e.id = issue_email_token.email_id and e.status = 'queued'
   for update;
  if v_email.id is null or v_email.user_id is null then
    return null;
  end if;
  case v_email.kind
    when 'verify_email' then
      insert into app_private.email_verification_tokens (user_id, email_id, email, token_hash, expires_at)
      values (v_email.user_id, v_email.id, v_email.recipient, sha256(v_token),
              now() + make_interval(hours => (app_hidden.config_value('auth.email_token_hours'))::int));
    when 'password_reset' then
      update app_private.password_reset_tokens t set used_at = now()
       where t.user_id = v_email.user_id and t.used_at is null;
      insert into app_private.password_reset_tokens (user_id, email_id, token_hash, expires_at)
      values (v_email.user_id, v_email.id, sha256(v_token),
              now() + make_interval(mins => (app_hidden.config_value('auth.password_reset_minutes'))::int));
    else
      return null;
  end case;
  return encode(v_token, 'hex');
end;
$$;
comment on function app_private.issue_email_token(uuid) is 'Creates the single-use token of a queued verification or reset email; returns it (hex) once.';
