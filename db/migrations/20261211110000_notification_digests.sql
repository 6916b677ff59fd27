-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Daily and weekly email digests (docs/notifications.md, "Digests"): notify marks the new_request and promotional
-- emails it holds for a daily or weekly reader's 08:00, and the notifications__send_digest task sends all of a
-- reader's due ones as one email built from the `digest` template.

-- A constant default on PostgreSQL 11+ is a catalog change: no rewrite of the partitions. Rows queued before this
-- release stay false and go out one by one, as they were planned.
alter table app_public.notifications add column digest boolean not null default false;
comment on column app_public.notifications.digest is E'@behavior -*\nAn email held for the user''s daily or weekly digest: sent with the other due ones in one email, not alone.';

-- The digest email. Email only; variables: first_name, count (how many messages), weekly (true for the Monday
-- digest, false for the daily one: templates can only test truthiness) and items, the messages as [{title, text}]
-- (each message's email subject and its short text, rendered as plain text in the reader's locale by the task).
-- The unsubscribe links are added by the task, one per category present, as for every other email. Category
-- system: it is never passed to notify; the categories that count are those of the messages it lists.
insert into app_public.notification_templates (name, category, variables, secret) values
  ('digest', 'system', '[{"name":"first_name","required":true},{"name":"count","required":true},{"name":"weekly","required":false},{"name":"items","required":true}]', 'none');

insert into app_public.notification_template_bodies (template_id, locale, email_subject, email_text, email_html)
select t.id, b.locale, b.email_subject, b.email_text, b.email_html
  from (values
    ('en', '{{#if weekly}}Your weekly digest{{else}}Your daily digest{{/if}} ({{count}})', 'Hello {{first_name}},

{{#if weekly}}Here is what came for you this week{{else}}Here is what came for you since yesterday{{/if}} ({{count}}):

{{#each items}}
- {{title}}
  {{text}}

{{/each}}
P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{#if weekly}}Here is what came for you this week{{else}}Here is what came for you since yesterday{{/if}} ({{count}}):</p>
<ul>
{{#each items}}
<li><strong>{{title}}</strong><br>{{text}}</li>
{{/each}}
</ul>
<p>P2P Delivery</p>'),
    ('fr', '{{#if weekly}}Votre résumé de la semaine{{else}}Votre résumé du jour{{/if}} ({{count}})', 'Bonjour {{first_name}},

{{#if weekly}}Voici ce qui vous attend cette semaine{{else}}Voici ce qui vous attend depuis hier{{/if}} ({{count}}) :

{{#each items}}
- {{title}}
  {{text}}

{{/each}}
P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{#if weekly}}Voici ce qui vous attend cette semaine{{else}}Voici ce qui vous attend depuis hier{{/if}} ({{count}}) :</p>
<ul>
{{#each items}}
<li><strong>{{title}}</strong><br>{{text}}</li>
{{/each}}
</ul>
<p>P2P Delivery</p>')
  ) as b (locale, email_subject, email_text, email_html)
  cross join app_public.notification_templates t
 where t.name = 'digest';

-- migrate:down
delete from app_public.notification_templates where name = 'digest';
alter table app_public.notifications drop column digest;
