-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- A suspension without an end said "until an administrator lifts it" in English whatever the reader's language: the
-- words came from SQL as the value of {{until}}. The template says it now, in each language; until is optional
-- (admin_set_user_status passes it only for a suspension with an end).
update app_public.notification_templates
   set variables = '[{"name": "first_name", "required": true}, {"name": "until", "required": false}, {"name": "reason", "required": true}]'
 where name = 'account_suspended';
update app_public.notification_template_bodies b
   set email_text = replace(b.email_text, v.old, v.new), email_html = replace(b.email_html, v.old, v.new),
       in_app_body = replace(b.in_app_body, v.old, v.new)
  from app_public.notification_templates t,
       (values ('en', 'until {{until}}', '{{#if until}}until {{until}}{{else}}until an administrator lifts the suspension{{/if}}'),
               ('fr', 'jusqu''à {{until}}', 'jusqu''{{#if until}}à {{until}}{{else}}à ce qu''un administrateur lève la suspension{{/if}}'))
         as v (locale, old, new)
 where t.name = 'account_suspended' and b.template_id = t.id and b.locale = v.locale;

-- migrate:down
set local lock_timeout = '5s';
update app_public.notification_template_bodies b
   set email_text = replace(b.email_text, v.new, v.old), email_html = replace(b.email_html, v.new, v.old),
       in_app_body = replace(b.in_app_body, v.new, v.old)
  from app_public.notification_templates t,
       (values ('en', 'until {{until}}', '{{#if until}}until {{until}}{{else}}until an administrator lifts the suspension{{/if}}'),
               ('fr', 'jusqu''à {{until}}', 'jusqu''{{#if until}}à {{until}}{{else}}à ce qu''un administrateur lève la suspension{{/if}}'))
         as v (locale, old, new)
 where t.name = 'account_suspended' and b.template_id = t.id and b.locale = v.locale;
update app_public.notification_templates
   set variables = '[{"name": "first_name", "required": true}, {"name": "until", "required": true}, {"name": "reason", "required": true}]'
 where name = 'account_suspended';
