-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The daily reminder to travelers whose released money waits for a payout account (docs/payments.md, Payouts):
-- escrows held for them cannot be released until they have an active one.
insert into app_public.notification_templates (name, category, variables) values
  ('payout_account_reminder', 'payment', '[{"name": "first_name", "required": true}, {"name": "amounts", "required": true}]');
insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text,
                                                     email_html, in_app_title, in_app_body)
select t.id, b.locale, b.title, b.body, b.title, b.greeting || E'\n\n' || b.body || E'\n\nP2P Delivery\n',
       '<p>' || b.greeting || E'</p>\n<p>' || b.body || E'</p>\n<p>P2P Delivery</p>', b.title, b.body
  from (values
    ('en', 'Hello {{first_name}},', 'Your earnings are waiting',
     'You have {{amounts}} held for you. Set up your payout account in the app so that we can transfer it to you.'),
    ('fr', 'Bonjour {{first_name}},', 'Vos gains vous attendent',
     'Vous avez {{amounts}} en attente. Configurez votre compte de versement dans l''application pour que nous puissions vous les transférer.')
  ) as b (locale, greeting, title, body)
  join app_public.notification_templates t on t.name = 'payout_account_reminder';

-- migrate:down
set local lock_timeout = '5s';
delete from app_public.notification_template_bodies
 where template_id in (select id from app_public.notification_templates where name = 'payout_account_reminder');
delete from app_public.notification_templates where name = 'payout_account_reminder';
