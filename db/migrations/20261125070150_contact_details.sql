-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Private contact details (docs/identity.md) beside the email: a phone number that counts for verification only
-- once a code has confirmed it, and the birth date. The columns are nullable, so adding them rewrites nothing.
alter table app_public.user_contacts
  add column phone_number text check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  add column phone_verified_at timestamptz,
  add column date_of_birth date;
-- The check reads only the columns just added, all null, so validating it scans without real cost.
-- squawk-ignore constraint-missing-not-valid
alter table app_public.user_contacts add constraint user_contacts_phone_verified_has_number check (phone_verified_at is null or phone_number is not null);
-- A number belongs to one account once verified; unverified claims may collide until then.
-- squawk-ignore require-concurrent-index-creation
create unique index user_contacts_verified_phone_key on app_public.user_contacts (phone_number)
  where phone_verified_at is not null;
comment on column app_public.user_contacts.phone_number is 'Phone number in E.164 form (e.g. +4915112345678); counts only once verified.';
comment on column app_public.user_contacts.phone_verified_at is 'When a code sent to the phone number confirmed it.';
comment on column app_public.user_contacts.date_of_birth is 'Date of birth; users must be at least 18.';

-- migrate:down
-- cascade: canonical functions reading these columns go too; db:migrate restores them.
drop index app_public.user_contacts_verified_phone_key;
alter table app_public.user_contacts
  drop column phone_number cascade,
  drop column phone_verified_at cascade,
  drop column date_of_birth cascade;
