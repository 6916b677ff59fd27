-- Queues a plain email to a user's current address (emails__send delivers it). Marketplace events use it until the
-- notifications issue brings templates, channels and preferences; callers pass only what the user may see.
create or replace function app_hidden.queue_email(user_id uuid, subject text, body text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  insert into app_private.emails (user_id, recipient, subject, body)
  select c.user_id, c.email, queue_email.subject, queue_email.body
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.user_id = queue_email.user_id and u.deleted_at is null;
$$;
comment on function app_hidden.queue_email(uuid, text, text) is 'Queues a plain email to the user''s address (nothing for deleted accounts).';
