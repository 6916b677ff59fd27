-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- The referral code moved to user_contacts (20261207170100) after every constraint got its client message
-- (20261207160000): its check and unique index speak to clients like the rest (db/README.md "Validation").
comment on constraint user_contacts_referral_code_check on app_public.user_contacts is
  'referral_code must have 6 to 16 capital letters or digits';
comment on index app_public.user_contacts_referral_code_key is 'referral_code is already taken';

-- migrate:down
comment on constraint user_contacts_referral_code_check on app_public.user_contacts is null;
comment on index app_public.user_contacts_referral_code_key is null;
