-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Outgoing email: SQL writes a row (in the transaction that causes it), the emails__send task delivers it.
create type app_private.email_status as enum ('queued', 'sent', 'failed');

create table app_private.emails (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references app_public.users (id) on delete set null,
  recipient citext not null,
  subject text not null check (length(subject) between 1 and 255),
  body text not null,
  status app_private.email_status not null default 'queued',
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null))
);
create index emails_user_id_idx on app_private.emails (user_id);
create index emails_queued_idx on app_private.emails (created_at) where status = 'queued';
alter table app_private.emails enable row level security;
alter table app_private.emails force row level security;
comment on table app_private.emails is 'Outgoing emails and their delivery state; written by SQL, delivered by the emails__send task.';

-- migrate:down
-- cascade: canonical functions using these (db/functions/notifications) go too; db:migrate restores them.
drop table app_private.emails cascade;
drop type app_private.email_status cascade;
