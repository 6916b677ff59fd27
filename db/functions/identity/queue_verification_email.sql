-- Email verification (docs/identity.md): a 32-byte link, 24 h, single-use, minted by the task that sends the
-- email (app_private.issue_email_token), so the secret never sits in the database or a job payload. Following it
-- confirms the address, activates a pending account and recomputes the verification level.

-- Queues the verification email of a user for their current address; the body carries {{token}} where the
-- sending task puts the link's secret.
create or replace function app_hidden.queue_verification_email(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  insert into app_private.emails (user_id, recipient, subject, body, kind)
  select u.id, c.email, 'Confirm your email address',
         format(E'Hello %s,\n\nwelcome to P2P Delivery. Confirm your email address within %s hours with this link:\n\n'
                '%s/verify-email?token={{token}}\n\nIf you did not sign up, you can ignore this message.\n',
                u.first_name, app_hidden.config_value('auth.email_token_hours'),
                app_hidden.config_value('platform.app_url') #>> '{}'),
         'verify_email'
    from app_public.users u
    join app_public.user_contacts c on c.user_id = u.id
   where u.id = queue_verification_email.user_id;
$$;
comment on function app_hidden.queue_verification_email(uuid) is 'Queues an email with a verification link for the user''s current address.';
