-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 9, finding 8: every signed-in user could read every user's referral code, because SELECT grants cover whole
-- tables and users is readable by everyone. The code moves to the owner-only user_contacts (the owner and admins with
-- users.read, docs/identity.md); register looks it up there, as security definer.
alter table app_public.user_contacts add column referral_code text;
update app_public.user_contacts c set referral_code = u.referral_code from app_public.users u where u.id = c.user_id;
-- Every account had a code (a CHECKed column filled by a trigger), so the copies already hold: validating reads the
-- table once, at this project's sizes in well under the lock timeout.
-- squawk-ignore constraint-missing-not-valid
alter table app_public.user_contacts add constraint user_contacts_referral_code_check
  check (referral_code ~ '^[0-9A-Z]{6,16}$');
-- Migrations run in a transaction (no concurrent builds there), and user_contacts has one row per account.
-- squawk-ignore require-concurrent-index-creation
create unique index user_contacts_referral_code_key on app_public.user_contacts (referral_code);
comment on column app_public.user_contacts.referral_code is
  'Code others enter at sign-up to be referred by this user; private to the user (and admins), who shares it.';

-- The code is now given when the contact row is written (db/functions/identity/user_contacts__referral_code.sql).
drop trigger if exists _100_referral_code on app_public.users;
drop function if exists app_hidden.tg_users__referral_code();
-- squawk-ignore ban-drop-column
alter table app_public.users drop column referral_code;

-- migrate:down
alter table app_public.users add column referral_code text check (referral_code ~ '^[0-9A-Z]{6,16}$');
update app_public.users u set referral_code = c.referral_code from app_public.user_contacts c where c.user_id = u.id;
create unique index users_referral_code_key on app_public.users (referral_code);
comment on column app_public.users.referral_code is 'Code others enter at sign-up to be referred by this user.';
drop trigger if exists _100_referral_code on app_public.user_contacts;
drop function if exists app_hidden.tg_user_contacts__referral_code();
alter table app_public.user_contacts drop column referral_code cascade;
