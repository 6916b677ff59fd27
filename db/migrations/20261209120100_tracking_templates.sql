-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The tracking domain's message (docs/tracking.md, Geofences): the traveler reached the drop-off circle.
insert into app_public.notification_templates (name, category, variables, secret) values
  ('traveler_arriving', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true}]', 'none');

insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
select t.id, b.locale, b.push_title, b.push_body, b.email_subject, b.email_text, b.email_html, b.sms_body, b.in_app_title, b.in_app_body
  from (values
    ('traveler_arriving', 'en', 'Your item is arriving', 'The traveler carrying {{delivery_number}} has reached the drop-off place.', null, null, null, null, 'Your item is arriving', 'The traveler carrying {{delivery_number}} has reached the drop-off place.'),
    ('traveler_arriving', 'fr', 'Votre colis arrive', 'Le voyageur qui transporte {{delivery_number}} est arrivé au lieu de livraison.', null, null, null, null, 'Votre colis arrive', 'Le voyageur qui transporte {{delivery_number}} est arrivé au lieu de livraison.')
  ) as b (name, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
  join app_public.notification_templates t on t.name = b.name;

-- migrate:down
delete from app_public.notification_templates where name = 'traveler_arriving';
