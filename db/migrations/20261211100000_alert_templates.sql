-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Staff alerts and trip changes as real templates (docs/notifications.md, "Which events send what"): one template per
-- message, its data as declared variables, its text in English and French. They replace the pass-through templates
-- whose only variables were an English subject and message written in SQL.
insert into app_public.notification_templates (name, category, variables) values
  ('trip_delayed', 'delivery_update', '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"departure","required":true},{"name":"arrival","required":true}]'),
  ('trip_times_changed', 'delivery_update', '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"departure","required":true},{"name":"arrival","required":true}]'),
  ('handover_code_revoked_alert', 'security', '[{"name":"first_name","required":true},{"name":"pickup","required":true},{"name":"qr_code_id","required":true},{"name":"delivery_number","required":true},{"name":"failed_attempts","required":true}]'),
  ('handover_attempt_blocked_alert', 'security', '[{"name":"first_name","required":true},{"name":"pickup","required":true},{"name":"delivery_number","required":true},{"name":"risk_score","required":true}]'),
  ('override_requested_alert', 'security', '[{"name":"first_name","required":true},{"name":"pickup","required":true},{"name":"delivery_number","required":true},{"name":"reason","required":true},{"name":"override_id","required":true}]'),
  ('dispute_opened_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"dispute_category","required":true},{"name":"delivery_number","required":true},{"name":"response_due","required":true}]'),
  ('dispute_escalated_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"reason","required":true}]'),
  ('dispute_appealed_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"reason","required":true}]'),
  ('dispute_assigned_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"due_date","required":true}]'),
  ('chargeback_opened_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"delivery_number","required":true}]'),
  ('chargeback_lost_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"case_number","required":true}]'),
  ('chargeback_received_alert', 'payment', '[{"name":"first_name","required":true},{"name":"case_number","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true},{"name":"reason","required":false},{"name":"share_transferred","required":true}]'),
  ('chargeback_unknown_charge_alert', 'payment', '[{"name":"first_name","required":true},{"name":"stripe_dispute_id","required":true},{"name":"charge_id","required":false}]'),
  ('reconciliation_differences_alert', 'payment', '[{"name":"first_name","required":true},{"name":"differences","required":true},{"name":"checked","required":true},{"name":"since","required":true},{"name":"run_id","required":true},{"name":"details","required":true}]'),
  ('payout_fee_refused_alert', 'payment', '[{"name":"first_name","required":true},{"name":"payout_id","required":true},{"name":"traveler_id","required":true},{"name":"fee","required":true},{"name":"currency","required":true},{"name":"error","required":false}]'),
  ('payment_not_captured_alert', 'payment', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"payment_status","required":true},{"name":"escrow_status","required":true}]'),
  ('transfer_reversed_alert', 'payment', '[{"name":"first_name","required":true},{"name":"transfer_id","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"unrecorded_amount","required":true},{"name":"currency","required":true}]'),
  ('refund_outside_platform_alert', 'payment', '[{"name":"first_name","required":true},{"name":"charge_id","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"unrecorded_amount","required":true},{"name":"currency","required":true}]'),
  ('traveler_owes_refund_alert', 'payment', '[{"name":"first_name","required":true},{"name":"refund_id","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true},{"name":"traveler_id","required":true}]');

-- Trip changes reach the customers on every channel, as trip_changed did; the SMS leaves out the trip's title, which
-- could take it past 320 characters.
insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text,
                                                     email_html, sms_body, in_app_title, in_app_body)
select t.id, b.locale, b.subject, b.body, b.subject, b.greeting || E'\n\n' || b.body || E'\n\nP2P Delivery\n',
       '<p>' || b.greeting || '</p>' || E'\n<p>' || b.body || E'</p>\n<p>P2P Delivery</p>', b.sms, b.subject, b.body
  from (values
    ('trip_delayed', 'en', 'Hello {{first_name}},', 'Your traveler''s trip is delayed',
     'The trip "{{trip_title}}" now leaves at {{departure}} and arrives at {{arrival}}.',
     'P2P Delivery: your traveler''s trip is delayed. It now leaves at {{departure}} and arrives at {{arrival}}.'),
    ('trip_delayed', 'fr', 'Bonjour {{first_name}},', 'Le trajet de votre voyageur est retardé',
     'Le trajet « {{trip_title}} » part désormais le {{departure}} et arrive le {{arrival}}.',
     'P2P Delivery : le trajet de votre voyageur est retardé. Il part désormais le {{departure}} et arrive le {{arrival}}.'),
    ('trip_times_changed', 'en', 'Hello {{first_name}},', 'Your traveler''s trip has new times',
     'The trip "{{trip_title}}" now leaves at {{departure}} and arrives at {{arrival}}.',
     'P2P Delivery: your traveler''s trip has new times. It now leaves at {{departure}} and arrives at {{arrival}}.'),
    ('trip_times_changed', 'fr', 'Bonjour {{first_name}},', 'Le trajet de votre voyageur change d''horaires',
     'Le trajet « {{trip_title}} » part désormais le {{departure}} et arrive le {{arrival}}.',
     'P2P Delivery : le trajet de votre voyageur change d''horaires. Il part désormais le {{departure}} et arrive le {{arrival}}.')
  ) as b (name, locale, greeting, subject, body, sms)
  join app_public.notification_templates t on t.name = b.name;

-- Staff alerts: email and in-app, like the pass-through templates they replace. The reconciliation's list of
-- differences goes in the email only (preformatted in HTML).
insert into app_public.notification_template_bodies (template_id, locale, email_subject, email_text, email_html,
                                                     in_app_title, in_app_body)
select t.id, b.locale, b.subject,
       g.greeting || E'\n\n' || b.body || coalesce(E'\n\n' || b.details, '') || E'\n\nP2P Delivery\n',
       '<p>' || g.greeting || '</p>' || E'\n<p>' || b.body || '</p>' || coalesce(E'\n<pre>' || b.details || '</pre>', '')
         || E'\n<p>P2P Delivery</p>',
       b.subject, b.body
  from (values
    ('handover_code_revoked_alert', 'en', 'Handover code revoked after failed attempts',
     'The {{#if pickup}}pickup{{else}}delivery{{/if}} code {{qr_code_id}} of {{delivery_number}} was revoked after {{failed_attempts}} failed attempts.', null),
    ('handover_code_revoked_alert', 'fr', 'Code de remise révoqué après des tentatives échouées',
     'Le code {{#if pickup}}d''enlèvement{{else}}de livraison{{/if}} {{qr_code_id}} de {{delivery_number}} a été révoqué après {{failed_attempts}} tentatives échouées.', null),
    ('handover_attempt_blocked_alert', 'en', 'Handover attempt blocked',
     'A {{#if pickup}}pickup{{else}}delivery{{/if}} attempt on {{delivery_number}} scored a risk of {{risk_score}} and was refused.', null),
    ('handover_attempt_blocked_alert', 'fr', 'Tentative de remise bloquée',
     'Une tentative {{#if pickup}}d''enlèvement{{else}}de livraison{{/if}} sur {{delivery_number}} a obtenu un score de risque de {{risk_score}} et a été refusée.', null),
    ('override_requested_alert', 'en', 'Emergency override requested',
     'An emergency override of the {{#if pickup}}pickup{{else}}delivery{{/if}} of {{delivery_number}} was requested ({{reason}}): {{override_id}}', null),
    ('override_requested_alert', 'fr', 'Dérogation d''urgence demandée',
     'Une dérogation d''urgence pour {{#if pickup}}l''enlèvement{{else}}la livraison{{/if}} de {{delivery_number}} a été demandée ({{reason}}) : {{override_id}}', null),
    ('dispute_opened_alert', 'en', 'Dispute {{case_number}} opened',
     'A dispute ({{dispute_category}}) was opened about delivery {{delivery_number}}; respond by {{response_due}}.', null),
    ('dispute_opened_alert', 'fr', 'Litige {{case_number}} ouvert',
     'Un litige ({{dispute_category}}) a été ouvert sur la livraison {{delivery_number}} ; répondez avant le {{response_due}}.', null),
    ('dispute_escalated_alert', 'en', 'Dispute {{case_number}} escalated',
     'Dispute {{case_number}} was escalated: {{reason}}', null),
    ('dispute_escalated_alert', 'fr', 'Litige {{case_number}} escaladé',
     'Le litige {{case_number}} a été escaladé : {{reason}}', null),
    ('dispute_appealed_alert', 'en', 'Dispute {{case_number}} appealed',
     'A party appealed the resolution of dispute {{case_number}}: {{reason}}', null),
    ('dispute_appealed_alert', 'fr', 'Appel du litige {{case_number}}',
     'Une partie a fait appel de la résolution du litige {{case_number}} : {{reason}}', null),
    ('dispute_assigned_alert', 'en', 'Dispute {{case_number}} assigned to you',
     'Dispute {{case_number}} is assigned to you. Due by {{due_date}}.', null),
    ('dispute_assigned_alert', 'fr', 'Le litige {{case_number}} vous est attribué',
     'Le litige {{case_number}} vous est attribué. À traiter avant le {{due_date}}.', null),
    ('chargeback_opened_alert', 'en', 'Chargeback {{case_number}} opened',
     'A chargeback about delivery {{delivery_number}} opened dispute {{case_number}}.', null),
    ('chargeback_opened_alert', 'fr', 'Rétrofacturation {{case_number}} ouverte',
     'Une rétrofacturation sur la livraison {{delivery_number}} a ouvert le litige {{case_number}}.', null),
    ('chargeback_lost_alert', 'en', 'Chargeback {{case_number}} lost',
     'The bank decided the chargeback for the customer: decide who bears the loss (resolveDispute).', null),
    ('chargeback_lost_alert', 'fr', 'Rétrofacturation {{case_number}} perdue',
     'La banque a tranché la rétrofacturation en faveur du client : décidez qui supporte la perte (resolveDispute).', null),
    ('chargeback_received_alert', 'en', 'Chargeback {{case_number}} on delivery {{delivery_number}}',
     'The customer''s bank disputes {{amount}} {{currency}} ({{#if reason}}{{reason}}{{else}}no reason{{/if}}). Submit the evidence bundle attached to {{case_number}}{{#if share_transferred}}; the traveler''s share was already transferred{{/if}}.', null),
    ('chargeback_received_alert', 'fr', 'Rétrofacturation {{case_number}} sur la livraison {{delivery_number}}',
     'La banque du client conteste {{amount}} {{currency}} ({{#if reason}}{{reason}}{{else}}sans motif{{/if}}). Soumettez le dossier de preuves joint à {{case_number}}{{#if share_transferred}} ; la part du voyageur a déjà été transférée{{/if}}.', null),
    ('chargeback_unknown_charge_alert', 'en', 'Chargeback on an unknown charge',
     'Stripe dispute {{stripe_dispute_id}} concerns charge {{charge_id}}, which the platform has no record of.', null),
    ('chargeback_unknown_charge_alert', 'fr', 'Rétrofacturation sur un paiement inconnu',
     'Le litige Stripe {{stripe_dispute_id}} concerne le paiement {{charge_id}}, dont la plateforme n''a aucune trace.', null),
    ('reconciliation_differences_alert', 'en', 'Reconciliation with Stripe found differences',
     '{{differences}} of {{checked}} objects checked since {{since}} differ from Stripe (run {{run_id}}).', '{{details}}'),
    ('reconciliation_differences_alert', 'fr', 'Le rapprochement avec Stripe a trouvé des écarts',
     '{{differences}} des {{checked}} objets vérifiés depuis le {{since}} diffèrent de Stripe (exécution {{run_id}}).', '{{details}}'),
    ('payout_fee_refused_alert', 'en', 'Instant payout fee not collected ({{fee}} {{currency}})',
     'Stripe refused the account debit of the fee of instant payout {{payout_id}} (traveler {{traveler_id}}): {{error}}. It is retried.', null),
    ('payout_fee_refused_alert', 'fr', 'Frais de virement instantané non perçus ({{fee}} {{currency}})',
     'Stripe a refusé le prélèvement sur le compte des frais du virement instantané {{payout_id}} (voyageur {{traveler_id}}) : {{error}}. Il sera retenté.', null),
    ('payment_not_captured_alert', 'en', 'Delivered without a captured payment',
     '{{delivery_number}} was delivered but its payment is {{payment_status}} (escrow {{escrow_status}}): nothing is held for the traveler. Check the capture.', null),
    ('payment_not_captured_alert', 'fr', 'Livrée sans paiement capturé',
     '{{delivery_number}} a été livrée mais son paiement est {{payment_status}} (séquestre {{escrow_status}}) : rien n''est retenu pour le voyageur. Vérifiez la capture.', null),
    ('transfer_reversed_alert', 'en', 'Transfer reversed outside the platform',
     'The release transfer {{transfer_id}} of delivery {{delivery_number}} was reversed by {{amount}} {{currency}} at Stripe, {{unrecorded_amount}} {{currency}} of which no refund of the platform accounts for. Check it.', null),
    ('transfer_reversed_alert', 'fr', 'Virement annulé hors de la plateforme',
     'Le virement de libération {{transfer_id}} de la livraison {{delivery_number}} a été annulé de {{amount}} {{currency}} chez Stripe, dont {{unrecorded_amount}} {{currency}} qu''aucun remboursement de la plateforme n''explique. Vérifiez-le.', null),
    ('refund_outside_platform_alert', 'en', 'Refund made outside the platform',
     'The charge {{charge_id}} of delivery {{delivery_number}} was refunded {{amount}} {{currency}} at Stripe, {{unrecorded_amount}} {{currency}} of which no refund of the platform accounts for. Check it.', null),
    ('refund_outside_platform_alert', 'fr', 'Remboursement fait hors de la plateforme',
     'Le paiement {{charge_id}} de la livraison {{delivery_number}} a été remboursé de {{amount}} {{currency}} chez Stripe, dont {{unrecorded_amount}} {{currency}} qu''aucun remboursement de la plateforme n''explique. Vérifiez-le.', null),
    ('traveler_owes_refund_alert', 'en', 'A traveler owes a refunded share',
     'Refund {{refund_id}} of delivery {{delivery_number}}: the reversal of {{amount}} {{currency}} from the traveler''s transfer was refused (their balance was short). The customer was refunded; the traveler ({{traveler_id}}) owes it.', null),
    ('traveler_owes_refund_alert', 'fr', 'Un voyageur doit une part remboursée',
     'Remboursement {{refund_id}} de la livraison {{delivery_number}} : l''annulation de {{amount}} {{currency}} sur le virement du voyageur a été refusée (son solde était insuffisant). Le client a été remboursé ; le voyageur ({{traveler_id}}) doit cette somme.', null)
  ) as b (name, locale, subject, body, details)
  join (values ('en', 'Hello {{first_name}},'), ('fr', 'Bonjour {{first_name}},')) as g (locale, greeting) on g.locale = b.locale
  join app_public.notification_templates t on t.name = b.name;

-- An emergency's data instead of an English summary made in SQL (the bodies' edit bumps the template's version).
update app_public.notification_templates
   set variables = '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"emergency_type","required":true},{"name":"severity","required":true},{"name":"precise_location","required":true},{"name":"case_number","required":true}]'
 where name = 'emergency_reported';
update app_public.notification_template_bodies b
   set push_body = s.body, email_text = s.greeting || E'\n\n' || s.body || E'\n\nP2P Delivery\n',
       email_html = '<p>' || s.greeting || '</p>' || E'\n<p>' || s.body || E'</p>\n<p>P2P Delivery</p>',
       sms_body = 'P2P Delivery: ' || s.body, in_app_body = s.body
  from (values
    ('en', 'Hello {{first_name}},', 'An emergency was reported on {{delivery_number}}: {{emergency_type}} ({{severity}}, {{#if precise_location}}precise location{{else}}imprecise location{{/if}}), case {{case_number}}'),
    ('fr', 'Bonjour {{first_name}},', 'Une urgence a été signalée sur {{delivery_number}} : {{emergency_type}} ({{severity}}, {{#if precise_location}}position précise{{else}}position imprécise{{/if}}), dossier {{case_number}}')
  ) as s (locale, greeting, body),
  app_public.notification_templates t
 where t.id = b.template_id and t.name = 'emergency_reported' and b.locale = s.locale;

-- A weather alert's figures instead of English sentences made in SQL: the template words each raised alert (its
-- SMS only points to the details, which could take it past 320 characters).
update app_public.notification_templates
   set variables = '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"origin_severe_condition","required":false},{"name":"origin_high_wind","required":false},{"name":"origin_heavy_precipitation","required":false},{"name":"origin_extreme_temperature","required":false},{"name":"destination_severe_condition","required":false},{"name":"destination_high_wind","required":false},{"name":"destination_heavy_precipitation","required":false},{"name":"destination_extreme_temperature","required":false}]'
 where name = 'weather_alert';
update app_public.notification_template_bodies b
   set push_body = s.body, email_text = s.greeting || E'\n\n' || s.body || E'\n\nP2P Delivery\n',
       email_html = '<p>' || s.greeting || '</p>' || E'\n<p>' || s.body || E'</p>\n<p>P2P Delivery</p>',
       sms_body = s.sms, in_app_body = s.body
  from (values
    ('en', 'Hello {{first_name}},', 'Weather alert for your trip "{{trip_title}}":{{#if origin_severe_condition}} {{origin_severe_condition}} expected at the origin.{{/if}}{{#if origin_high_wind}} Wind of {{origin_high_wind}} km/h expected at the origin.{{/if}}{{#if origin_heavy_precipitation}} {{origin_heavy_precipitation}} mm of precipitation expected at the origin.{{/if}}{{#if origin_extreme_temperature}} {{origin_extreme_temperature}} °C expected at the origin.{{/if}}{{#if destination_severe_condition}} {{destination_severe_condition}} expected at the destination.{{/if}}{{#if destination_high_wind}} Wind of {{destination_high_wind}} km/h expected at the destination.{{/if}}{{#if destination_heavy_precipitation}} {{destination_heavy_precipitation}} mm of precipitation expected at the destination.{{/if}}{{#if destination_extreme_temperature}} {{destination_extreme_temperature}} °C expected at the destination.{{/if}}',
     'P2P Delivery: weather alert for your trip "{{trip_title}}". Details in the app.'),
    ('fr', 'Bonjour {{first_name}},', 'Alerte météo pour votre trajet « {{trip_title}} » :{{#if origin_severe_condition}} {{origin_severe_condition}} prévu au départ.{{/if}}{{#if origin_high_wind}} Vent de {{origin_high_wind}} km/h prévu au départ.{{/if}}{{#if origin_heavy_precipitation}} {{origin_heavy_precipitation}} mm de précipitations prévus au départ.{{/if}}{{#if origin_extreme_temperature}} {{origin_extreme_temperature}} °C prévus au départ.{{/if}}{{#if destination_severe_condition}} {{destination_severe_condition}} prévu à l''arrivée.{{/if}}{{#if destination_high_wind}} Vent de {{destination_high_wind}} km/h prévu à l''arrivée.{{/if}}{{#if destination_heavy_precipitation}} {{destination_heavy_precipitation}} mm de précipitations prévus à l''arrivée.{{/if}}{{#if destination_extreme_temperature}} {{destination_extreme_temperature}} °C prévus à l''arrivée.{{/if}}',
     'P2P Delivery : alerte météo pour votre trajet « {{trip_title}} ». Détails dans l''application.')
  ) as s (locale, greeting, body, sms),
  app_public.notification_templates t
 where t.id = b.template_id and t.name = 'weather_alert' and b.locale = s.locale;

-- traveler_arriving never greets the reader: it declares only what its bodies use.
update app_public.notification_templates set variables = '[{"name":"delivery_number","required":true}]'
 where name = 'traveler_arriving';

-- The pass-through templates send nothing more (notify skips an inactive template). They stay, with their bodies:
-- notifications reference their template (a foreign key without cascade) until retention drops their month, and a
-- row still queued when this runs is rendered from them.
update app_public.notification_templates set status = 'inactive'
 where name in ('trip_changed', 'handover_admin_alert', 'dispute_admin_alert', 'finance_admin_alert');

-- One alert function (app_private.alert_admins) replaces the three; trip changes pass a template and its data.
drop function if exists app_private.alert_handover_admins(text, text);
drop function if exists app_private.alert_dispute_admins(text, text);
drop function if exists app_private.alert_finance_admins(text, text);
drop function if exists app_hidden.notify_trip_customers(uuid, text, text);

-- migrate:down
set local lock_timeout = '5s';
update app_public.notification_templates
   set variables = '[{"name":"first_name","required":true},{"name":"delivery_number","required":true}]'
 where name = 'traveler_arriving';
update app_public.notification_templates set status = 'active'
 where name in ('trip_changed', 'handover_admin_alert', 'dispute_admin_alert', 'finance_admin_alert');
update app_public.notification_templates
   set variables = '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"message","required":true}]'
 where name = 'emergency_reported';
update app_public.notification_template_bodies b
   set push_body = s.body, email_text = s.greeting || E'\n\n' || s.body || E'\n\nP2P Delivery\n',
       email_html = '<p>' || s.greeting || '</p>' || E'\n<p>' || s.body || E'</p>\n<p>P2P Delivery</p>',
       sms_body = 'P2P Delivery: ' || s.body, in_app_body = s.body
  from (values
    ('en', 'Hello {{first_name}},', 'An emergency was reported on {{delivery_number}}: {{message}}'),
    ('fr', 'Bonjour {{first_name}},', 'Une urgence a été signalée sur {{delivery_number}} : {{message}}')
  ) as s (locale, greeting, body),
  app_public.notification_templates t
 where t.id = b.template_id and t.name = 'emergency_reported' and b.locale = s.locale;
update app_public.notification_templates
   set variables = '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"alert","required":true}]'
 where name = 'weather_alert';
update app_public.notification_template_bodies b
   set push_body = s.body, email_text = s.greeting || E'\n\n' || s.body || E'\n\nP2P Delivery\n',
       email_html = '<p>' || s.greeting || '</p>' || E'\n<p>' || s.body || E'</p>\n<p>P2P Delivery</p>',
       sms_body = 'P2P Delivery: ' || s.body, in_app_body = s.body
  from (values
    ('en', 'Hello {{first_name}},', 'Weather alert for your trip "{{trip_title}}": {{alert}}'),
    ('fr', 'Bonjour {{first_name}},', 'Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}')
  ) as s (locale, greeting, body),
  app_public.notification_templates t
 where t.id = b.template_id and t.name = 'weather_alert' and b.locale = s.locale;
-- Notifications made from the new templates go with them (their foreign key would refuse the deletion).
delete from app_public.notifications n
 using app_public.notification_templates t
 where t.id = n.template_id and t.name in ('trip_delayed', 'trip_times_changed', 'handover_code_revoked_alert',
   'handover_attempt_blocked_alert', 'override_requested_alert', 'dispute_opened_alert', 'dispute_escalated_alert',
   'dispute_appealed_alert', 'dispute_assigned_alert', 'chargeback_opened_alert', 'chargeback_lost_alert',
   'chargeback_received_alert', 'chargeback_unknown_charge_alert', 'reconciliation_differences_alert',
   'payout_fee_refused_alert', 'payment_not_captured_alert', 'transfer_reversed_alert', 'refund_outside_platform_alert',
   'traveler_owes_refund_alert');
delete from app_public.notification_templates
 where name in ('trip_delayed', 'trip_times_changed', 'handover_code_revoked_alert',
   'handover_attempt_blocked_alert', 'override_requested_alert', 'dispute_opened_alert', 'dispute_escalated_alert',
   'dispute_appealed_alert', 'dispute_assigned_alert', 'chargeback_opened_alert', 'chargeback_lost_alert',
   'chargeback_received_alert', 'chargeback_unknown_charge_alert', 'reconciliation_differences_alert',
   'payout_fee_refused_alert', 'payment_not_captured_alert', 'transfer_reversed_alert', 'refund_outside_platform_alert',
   'traveler_owes_refund_alert');
-- Nothing else to restore: the three alert functions and the old notify_trip_customers come back from the
-- db/functions files of that time.
