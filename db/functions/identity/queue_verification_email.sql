-- Email verification (docs/identity.md): a 32-byte link, 24 h, single-use, minted by the task that sends the
-- email (app_private.issue_email_token), so the secret never sits in the database or a job payload. Following it
-- confirms the address, activates a pending account and recomputes the verification level.

-- Queues the verification email of a user for their current address (template verify_email); the sending task
-- mints the link's secret (app_private.issue_notification_token).
create or replace function app_hidden.queue_verification_email(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.notify(queue_verification_email.user_id, 'verify_email',
    jsonb_build_object('hours', app_hidden.config_value('auth.email_token_hours') #>> '{}',
                       'app_url', app_hidden.config_value('platform.app_url') #>> '{}'), 'urgent');
$$;
comment on function app_hidden.queue_verification_email(uuid) is 'Queues an email with a verification link for the user''s current address.';
