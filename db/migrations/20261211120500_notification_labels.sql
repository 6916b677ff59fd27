-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Words for the enum values messages show (docs/notifications.md "Labels"): a cancellation reason, an emergency type,
-- the pickup or the delivery. A notification stores the value (language-neutral, as SQL passed it); rendering shows
-- its label in the language of the text chosen for the reader. A template names the enum of such a variable with
-- "label" in its declaration: {"name": "reason", "required": true, "label": "delivery_cancel_reason"}.
create table app_private.notification_labels (
  kind text not null,
  value text not null,
  locale text not null,
  label text not null,
  constraint notification_labels_pkey primary key (kind, value, locale),
  constraint notification_labels_kind_check check (kind ~ '^[a-z][a-z0-9_]{1,62}$'),
  constraint notification_labels_locale_check check (locale ~ '^[a-z]{2}$'),
  constraint notification_labels_label_check check (length(label) between 1 and 200)
);
alter table app_private.notification_labels enable row level security;
alter table app_private.notification_labels force row level security;
comment on table app_private.notification_labels is 'The words messages show for enum values, per language (kind: the enum''s name).';
comment on constraint notification_labels_pkey on app_private.notification_labels is 'value already has a label in this locale';
comment on constraint notification_labels_kind_check on app_private.notification_labels is 'kind must be an enum''s name';
comment on constraint notification_labels_locale_check on app_private.notification_labels is 'locale must be a two-letter language code';
comment on constraint notification_labels_label_check on app_private.notification_labels is 'label must have 1 to 200 characters';

insert into app_private.notification_labels (kind, value, locale, label) values
  ('delivery_cancel_reason', 'no_longer_needed', 'en', 'no longer needed'),
  ('delivery_cancel_reason', 'no_longer_needed', 'fr', 'plus nécessaire'),
  ('delivery_cancel_reason', 'found_alternative', 'en', 'another solution was found'),
  ('delivery_cancel_reason', 'found_alternative', 'fr', 'une autre solution a été trouvée'),
  ('delivery_cancel_reason', 'traveler_unresponsive', 'en', 'the traveler did not answer'),
  ('delivery_cancel_reason', 'traveler_unresponsive', 'fr', 'le voyageur ne répondait pas'),
  ('delivery_cancel_reason', 'schedule_changed', 'en', 'the schedule changed'),
  ('delivery_cancel_reason', 'schedule_changed', 'fr', 'le programme a changé'),
  ('delivery_cancel_reason', 'trip_cancelled', 'en', 'the trip was cancelled'),
  ('delivery_cancel_reason', 'trip_cancelled', 'fr', 'le trajet a été annulé'),
  ('delivery_cancel_reason', 'item_not_as_described', 'en', 'the item was not as described'),
  ('delivery_cancel_reason', 'item_not_as_described', 'fr', 'l''objet ne correspondait pas à la description'),
  ('delivery_cancel_reason', 'cannot_inspect', 'en', 'the item could not be inspected'),
  ('delivery_cancel_reason', 'cannot_inspect', 'fr', 'l''objet n''a pas pu être inspecté'),
  ('delivery_cancel_reason', 'prohibited_item', 'en', 'prohibited item'),
  ('delivery_cancel_reason', 'prohibited_item', 'fr', 'objet interdit'),
  ('delivery_cancel_reason', 'payment_failed', 'en', 'the payment failed'),
  ('delivery_cancel_reason', 'payment_failed', 'fr', 'le paiement a échoué'),
  ('delivery_cancel_reason', 'admin_decision', 'en', 'an administrator''s decision'),
  ('delivery_cancel_reason', 'admin_decision', 'fr', 'décision d''un administrateur'),
  ('delivery_cancel_reason', 'other', 'en', 'other reason'),
  ('delivery_cancel_reason', 'other', 'fr', 'autre raison'),
  ('user_status_reason', 'violation_of_terms', 'en', 'violation of the terms'),
  ('user_status_reason', 'violation_of_terms', 'fr', 'violation des conditions d''utilisation'),
  ('user_status_reason', 'suspicious_activity', 'en', 'suspicious activity'),
  ('user_status_reason', 'suspicious_activity', 'fr', 'activité suspecte'),
  ('user_status_reason', 'user_request', 'en', 'at your request'),
  ('user_status_reason', 'user_request', 'fr', 'à votre demande'),
  ('user_status_reason', 'other', 'en', 'other reason'),
  ('user_status_reason', 'other', 'fr', 'autre raison'),
  ('emergency_type', 'accident', 'en', 'accident'),
  ('emergency_type', 'accident', 'fr', 'accident'),
  ('emergency_type', 'breakdown', 'en', 'breakdown'),
  ('emergency_type', 'breakdown', 'fr', 'panne'),
  ('emergency_type', 'theft', 'en', 'theft'),
  ('emergency_type', 'theft', 'fr', 'vol'),
  ('emergency_type', 'medical', 'en', 'medical emergency'),
  ('emergency_type', 'medical', 'fr', 'urgence médicale'),
  ('emergency_type', 'other', 'en', 'other emergency'),
  ('emergency_type', 'other', 'fr', 'autre urgence'),
  ('emergency_severity', 'low', 'en', 'low'),
  ('emergency_severity', 'low', 'fr', 'faible'),
  ('emergency_severity', 'medium', 'en', 'medium'),
  ('emergency_severity', 'medium', 'fr', 'moyenne'),
  ('emergency_severity', 'high', 'en', 'high'),
  ('emergency_severity', 'high', 'fr', 'élevée'),
  ('emergency_severity', 'critical', 'en', 'critical'),
  ('emergency_severity', 'critical', 'fr', 'critique'),
  ('qr_type', 'pickup', 'en', 'pickup'),
  ('qr_type', 'pickup', 'fr', 'd''enlèvement'),
  ('qr_type', 'delivery', 'en', 'delivery'),
  ('qr_type', 'delivery', 'fr', 'de livraison'),
  ('override_reason', 'technical_failure', 'en', 'technical failure'),
  ('override_reason', 'technical_failure', 'fr', 'panne technique'),
  ('override_reason', 'emergency_situation', 'en', 'emergency situation'),
  ('override_reason', 'emergency_situation', 'fr', 'situation d''urgence'),
  ('override_reason', 'customer_request', 'en', 'the customer''s request'),
  ('override_reason', 'customer_request', 'fr', 'demande du client');

-- The templates whose variables are such values say which enum each one is.
update app_public.notification_templates t
   set variables = (select jsonb_agg(case when l.kind is not null then v || jsonb_build_object('label', l.kind) else v end
                                     order by o)
                      from jsonb_array_elements(t.variables) with ordinality as e (v, o)
                      left join (values ('account_suspended', 'reason', 'user_status_reason'),
                                        ('account_banned', 'reason', 'user_status_reason'),
                                        ('delivery_cancelled', 'reason', 'delivery_cancel_reason'),
                                        ('emergency_reported', 'emergency_type', 'emergency_type'),
                                        ('emergency_reported', 'severity', 'emergency_severity'),
                                        ('override_approved', 'qr_type', 'qr_type'),
                                        ('override_requested_alert', 'reason', 'override_reason')) as l (template, variable, kind)
                        on l.template = t.name and l.variable = e.v ->> 'name')
 where t.name in ('account_suspended', 'account_banned', 'delivery_cancelled', 'emergency_reported', 'override_approved',
                  'override_requested_alert');

-- migrate:down
set local lock_timeout = '5s';
update app_public.notification_templates t
   set variables = (select jsonb_agg(v - 'label' order by o) from jsonb_array_elements(t.variables) with ordinality as e (v, o))
 where t.name in ('account_suspended', 'account_banned', 'delivery_cancelled', 'emergency_reported', 'override_approved',
                  'override_requested_alert');
drop table app_private.notification_labels;
