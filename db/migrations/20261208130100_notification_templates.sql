-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The templates of every event that notifies (docs/notifications.md, "Which events send what"), in English and French.
-- Bodies use Handlebars: {{name}} is escaped in HTML; a secret template's {{token}} is minted by the sending task.
insert into app_public.notification_templates (name, category, variables, secret) values
  ('verify_email', 'security', '[{"name":"first_name","required":true},{"name":"app_url","required":true},{"name":"hours","required":true},{"name":"token","required":false}]', 'verify_email'),
  ('password_reset', 'security', '[{"name":"first_name","required":true},{"name":"app_url","required":true},{"name":"minutes","required":true},{"name":"token","required":false}]', 'password_reset'),
  ('password_changed', 'security', '[{"name":"first_name","required":true}]', 'none'),
  ('signup_attempt', 'security', '[{"name":"first_name","required":true},{"name":"app_url","required":true}]', 'none'),
  ('account_locked', 'security', '[{"name":"first_name","required":true},{"name":"minutes","required":true}]', 'none'),
  ('offer_received', 'new_request', '[{"name":"first_name","required":true},{"name":"request_title","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('offer_invitation', 'new_request', '[{"name":"first_name","required":true},{"name":"request_title","required":true},{"name":"trip_title","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('offer_countered', 'delivery_update', '[{"name":"first_name","required":true},{"name":"request_title","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('offer_accepted', 'delivery_update', '[{"name":"first_name","required":true},{"name":"request_title","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('delivery_arranged', 'delivery_update', '[{"name":"first_name","required":true},{"name":"request_title","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('pickup_scheduled', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"at","required":true}]', 'none'),
  ('item_picked_up', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"method","required":true}]', 'none'),
  ('item_delivered', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"method","required":true},{"name":"review_hint","required":false}]', 'none'),
  ('delivery_cancelled', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"reason","required":true},{"name":"reopened","required":false}]', 'none'),
  ('trip_changed', 'delivery_update', '[{"name":"first_name","required":true},{"name":"subject","required":true},{"name":"message","required":true}]', 'none'),
  ('weather_alert', 'delivery_update', '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"alert","required":true}]', 'none'),
  ('match_trip_found', 'new_request', '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"departure","required":true},{"name":"request_title","required":true},{"name":"pickup_city","required":true},{"name":"delivery_city","required":true},{"name":"score","required":true}]', 'none'),
  ('match_request_found', 'new_request', '[{"name":"first_name","required":true},{"name":"trip_title","required":true},{"name":"request_title","required":true},{"name":"pickup_city","required":true},{"name":"delivery_city","required":true},{"name":"score","required":true}]', 'none'),
  ('override_approved', 'security', '[{"name":"first_name","required":true},{"name":"qr_type","required":true},{"name":"delivery_number","required":true},{"name":"valid_until","required":true}]', 'none'),
  ('override_rejected', 'security', '[{"name":"first_name","required":true},{"name":"notes","required":true}]', 'none'),
  ('handover_code_blocked', 'security', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true}]', 'none'),
  ('handover_admin_alert', 'security', '[{"name":"first_name","required":true},{"name":"subject","required":true},{"name":"message","required":true}]', 'none'),
  ('emergency_reported', 'security', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"message","required":true}]', 'none'),
  ('payment_captured', 'payment', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('escrow_released', 'payment', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('refund_created', 'payment', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"amount","required":true},{"name":"currency","required":true}]', 'none'),
  ('dispute_opened', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true}]', 'none'),
  ('dispute_resolved', 'delivery_update', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"resolution","required":true}]', 'none'),
  ('review_received', 'system', '[{"name":"first_name","required":true},{"name":"delivery_number","required":true},{"name":"rating","required":true}]', 'none');

insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
select t.id, b.locale, b.push_title, b.push_body, b.email_subject, b.email_text, b.email_html, b.sms_body, b.in_app_title, b.in_app_body
  from (values
    ('verify_email', 'en', null, null, 'Confirm your email address', 'Hello {{first_name}},

Welcome to P2P Delivery. Confirm your email address within {{hours}} hours with this link: {{app_url}}/verify-email?token={{token}} If you did not sign up, ignore this message.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>Welcome to P2P Delivery. Confirm your email address within {{hours}} hours with this link: {{app_url}}/verify-email?token={{token}} If you did not sign up, ignore this message.</p>
<p>P2P Delivery</p>', null, null, null),
    ('verify_email', 'fr', null, null, 'Confirmez votre adresse e-mail', 'Bonjour {{first_name}},

Bienvenue sur P2P Delivery. Confirmez votre adresse e-mail dans les {{hours}} heures avec ce lien : {{app_url}}/verify-email?token={{token}} Si vous ne vous êtes pas inscrit, ignorez ce message.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Bienvenue sur P2P Delivery. Confirmez votre adresse e-mail dans les {{hours}} heures avec ce lien : {{app_url}}/verify-email?token={{token}} Si vous ne vous êtes pas inscrit, ignorez ce message.</p>
<p>P2P Delivery</p>', null, null, null),
    ('password_reset', 'en', null, null, 'Choose a new password', 'Hello {{first_name}},

Someone asked to reset the password of your P2P Delivery account. Choose a new one within {{minutes}} minutes with this link: {{app_url}}/reset-password?token={{token}} If it was not you, ignore this message: your password stays as it is.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>Someone asked to reset the password of your P2P Delivery account. Choose a new one within {{minutes}} minutes with this link: {{app_url}}/reset-password?token={{token}} If it was not you, ignore this message: your password stays as it is.</p>
<p>P2P Delivery</p>', null, null, null),
    ('password_reset', 'fr', null, null, 'Choisissez un nouveau mot de passe', 'Bonjour {{first_name}},

Quelqu''un a demandé à réinitialiser le mot de passe de votre compte P2P Delivery. Choisissez-en un nouveau dans les {{minutes}} minutes avec ce lien : {{app_url}}/reset-password?token={{token}} Si ce n''était pas vous, ignorez ce message : votre mot de passe reste inchangé.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Quelqu''un a demandé à réinitialiser le mot de passe de votre compte P2P Delivery. Choisissez-en un nouveau dans les {{minutes}} minutes avec ce lien : {{app_url}}/reset-password?token={{token}} Si ce n''était pas vous, ignorez ce message : votre mot de passe reste inchangé.</p>
<p>P2P Delivery</p>', null, null, null),
    ('password_changed', 'en', null, null, 'Your password was changed', 'Hello {{first_name}},

The password of your P2P Delivery account was just reset and every device was signed out. If it was not you, contact support at once.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The password of your P2P Delivery account was just reset and every device was signed out. If it was not you, contact support at once.</p>
<p>P2P Delivery</p>', null, 'Your password was changed', 'The password of your P2P Delivery account was just reset and every device was signed out. If it was not you, contact support at once.'),
    ('password_changed', 'fr', null, null, 'Votre mot de passe a été changé', 'Bonjour {{first_name}},

Le mot de passe de votre compte P2P Delivery vient d''être réinitialisé et tous les appareils ont été déconnectés. Si ce n''était pas vous, contactez le support immédiatement.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Le mot de passe de votre compte P2P Delivery vient d''être réinitialisé et tous les appareils ont été déconnectés. Si ce n''était pas vous, contactez le support immédiatement.</p>
<p>P2P Delivery</p>', null, 'Votre mot de passe a été changé', 'Le mot de passe de votre compte P2P Delivery vient d''être réinitialisé et tous les appareils ont été déconnectés. Si ce n''était pas vous, contactez le support immédiatement.'),
    ('signup_attempt', 'en', null, null, 'Someone tried to sign up with your email address', 'Hello {{first_name}},

Someone tried to create a P2P Delivery account with this address, which already has one. If it was you, sign in, or choose a new password at {{app_url}}/forgot-password. If it was not you, ignore this message.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>Someone tried to create a P2P Delivery account with this address, which already has one. If it was you, sign in, or choose a new password at {{app_url}}/forgot-password. If it was not you, ignore this message.</p>
<p>P2P Delivery</p>', null, null, null),
    ('signup_attempt', 'fr', null, null, 'Quelqu''un a tenté de s''inscrire avec votre adresse', 'Bonjour {{first_name}},

Quelqu''un a tenté de créer un compte P2P Delivery avec cette adresse, qui en a déjà un. Si c''était vous, connectez-vous, ou choisissez un nouveau mot de passe sur {{app_url}}/forgot-password. Sinon, ignorez ce message.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Quelqu''un a tenté de créer un compte P2P Delivery avec cette adresse, qui en a déjà un. Si c''était vous, connectez-vous, ou choisissez un nouveau mot de passe sur {{app_url}}/forgot-password. Sinon, ignorez ce message.</p>
<p>P2P Delivery</p>', null, null, null),
    ('account_locked', 'en', 'Your account was locked', 'After several failed sign-in attempts your account is locked for {{minutes}} minutes. If this was not you, reset your password once the lock ends.', 'Your account was locked', 'Hello {{first_name}},

After several failed sign-in attempts your account is locked for {{minutes}} minutes. If this was not you, reset your password once the lock ends.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>After several failed sign-in attempts your account is locked for {{minutes}} minutes. If this was not you, reset your password once the lock ends.</p>
<p>P2P Delivery</p>', 'P2P Delivery: After several failed sign-in attempts your account is locked for {{minutes}} minutes. If this was not you, reset your password once the lock ends.', 'Your account was locked', 'After several failed sign-in attempts your account is locked for {{minutes}} minutes. If this was not you, reset your password once the lock ends.'),
    ('account_locked', 'fr', 'Votre compte a été verrouillé', 'Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant {{minutes}} minutes. Si ce n''était pas vous, réinitialisez votre mot de passe à la fin du verrouillage.', 'Votre compte a été verrouillé', 'Bonjour {{first_name}},

Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant {{minutes}} minutes. Si ce n''était pas vous, réinitialisez votre mot de passe à la fin du verrouillage.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant {{minutes}} minutes. Si ce n''était pas vous, réinitialisez votre mot de passe à la fin du verrouillage.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant {{minutes}} minutes. Si ce n''était pas vous, réinitialisez votre mot de passe à la fin du verrouillage.', 'Votre compte a été verrouillé', 'Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant {{minutes}} minutes. Si ce n''était pas vous, réinitialisez votre mot de passe à la fin du verrouillage.'),
    ('offer_received', 'en', 'New offer on your request', 'A traveler offers to carry "{{request_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'New offer on your request', 'Hello {{first_name}},

A traveler offers to carry "{{request_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>A traveler offers to carry "{{request_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.</p>
<p>P2P Delivery</p>', 'P2P Delivery: A traveler offers to carry "{{request_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'New offer on your request', 'A traveler offers to carry "{{request_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.'),
    ('offer_received', 'fr', 'Nouvelle offre sur votre demande', 'Un voyageur propose de transporter « {{request_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Nouvelle offre sur votre demande', 'Bonjour {{first_name}},

Un voyageur propose de transporter « {{request_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Un voyageur propose de transporter « {{request_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Un voyageur propose de transporter « {{request_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Nouvelle offre sur votre demande', 'Un voyageur propose de transporter « {{request_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.'),
    ('offer_invitation', 'en', 'A customer invites you to carry an item', 'A customer asks you to carry "{{request_title}}" on your trip "{{trip_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'A customer invites you to carry an item', 'Hello {{first_name}},

A customer asks you to carry "{{request_title}}" on your trip "{{trip_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>A customer asks you to carry "{{request_title}}" on your trip "{{trip_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.</p>
<p>P2P Delivery</p>', 'P2P Delivery: A customer asks you to carry "{{request_title}}" on your trip "{{trip_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'A customer invites you to carry an item', 'A customer asks you to carry "{{request_title}}" on your trip "{{trip_title}}" for {{amount}} {{currency}}. Open the app to accept, counter or decline.'),
    ('offer_invitation', 'fr', 'Un client vous invite à transporter un objet', 'Un client vous demande de transporter « {{request_title}} » lors de votre trajet « {{trip_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Un client vous invite à transporter un objet', 'Bonjour {{first_name}},

Un client vous demande de transporter « {{request_title}} » lors de votre trajet « {{trip_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Un client vous demande de transporter « {{request_title}} » lors de votre trajet « {{trip_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Un client vous demande de transporter « {{request_title}} » lors de votre trajet « {{trip_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Un client vous invite à transporter un objet', 'Un client vous demande de transporter « {{request_title}} » lors de votre trajet « {{trip_title}} » pour {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.'),
    ('offer_countered', 'en', 'A counter-offer is waiting for you', 'The price for "{{request_title}}" is now {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'A counter-offer is waiting for you', 'Hello {{first_name}},

The price for "{{request_title}}" is now {{amount}} {{currency}}. Open the app to accept, counter or decline.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The price for "{{request_title}}" is now {{amount}} {{currency}}. Open the app to accept, counter or decline.</p>
<p>P2P Delivery</p>', 'P2P Delivery: The price for "{{request_title}}" is now {{amount}} {{currency}}. Open the app to accept, counter or decline.', 'A counter-offer is waiting for you', 'The price for "{{request_title}}" is now {{amount}} {{currency}}. Open the app to accept, counter or decline.'),
    ('offer_countered', 'fr', 'Une contre-proposition vous attend', 'Le prix pour « {{request_title}} » est maintenant de {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Une contre-proposition vous attend', 'Bonjour {{first_name}},

Le prix pour « {{request_title}} » est maintenant de {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Le prix pour « {{request_title}} » est maintenant de {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Le prix pour « {{request_title}} » est maintenant de {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.', 'Une contre-proposition vous attend', 'Le prix pour « {{request_title}} » est maintenant de {{amount}} {{currency}}. Ouvrez l''application pour accepter, contre-proposer ou refuser.'),
    ('offer_accepted', 'en', 'Your offer was accepted', 'You carry "{{request_title}}" ({{delivery_number}}) for {{amount}} {{currency}}. Schedule the pickup in the app.', 'Your offer was accepted', 'Hello {{first_name}},

You carry "{{request_title}}" ({{delivery_number}}) for {{amount}} {{currency}}. Schedule the pickup in the app.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>You carry "{{request_title}}" ({{delivery_number}}) for {{amount}} {{currency}}. Schedule the pickup in the app.</p>
<p>P2P Delivery</p>', 'P2P Delivery: You carry "{{request_title}}" ({{delivery_number}}) for {{amount}} {{currency}}. Schedule the pickup in the app.', 'Your offer was accepted', 'You carry "{{request_title}}" ({{delivery_number}}) for {{amount}} {{currency}}. Schedule the pickup in the app.'),
    ('offer_accepted', 'fr', 'Votre offre a été acceptée', 'Vous transportez « {{request_title}} » ({{delivery_number}}) pour {{amount}} {{currency}}. Planifiez l''enlèvement dans l''application.', 'Votre offre a été acceptée', 'Bonjour {{first_name}},

Vous transportez « {{request_title}} » ({{delivery_number}}) pour {{amount}} {{currency}}. Planifiez l''enlèvement dans l''application.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Vous transportez « {{request_title}} » ({{delivery_number}}) pour {{amount}} {{currency}}. Planifiez l''enlèvement dans l''application.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Vous transportez « {{request_title}} » ({{delivery_number}}) pour {{amount}} {{currency}}. Planifiez l''enlèvement dans l''application.', 'Votre offre a été acceptée', 'Vous transportez « {{request_title}} » ({{delivery_number}}) pour {{amount}} {{currency}}. Planifiez l''enlèvement dans l''application.'),
    ('delivery_arranged', 'en', 'Your delivery is arranged', '"{{request_title}}" will be carried ({{delivery_number}}) for {{amount}} {{currency}} plus the platform fee.', 'Your delivery is arranged', 'Hello {{first_name}},

"{{request_title}}" will be carried ({{delivery_number}}) for {{amount}} {{currency}} plus the platform fee.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>"{{request_title}}" will be carried ({{delivery_number}}) for {{amount}} {{currency}} plus the platform fee.</p>
<p>P2P Delivery</p>', 'P2P Delivery: "{{request_title}}" will be carried ({{delivery_number}}) for {{amount}} {{currency}} plus the platform fee.', 'Your delivery is arranged', '"{{request_title}}" will be carried ({{delivery_number}}) for {{amount}} {{currency}} plus the platform fee.'),
    ('delivery_arranged', 'fr', 'Votre livraison est organisée', '« {{request_title}} » sera transporté ({{delivery_number}}) pour {{amount}} {{currency}} plus les frais de la plateforme.', 'Votre livraison est organisée', 'Bonjour {{first_name}},

« {{request_title}} » sera transporté ({{delivery_number}}) pour {{amount}} {{currency}} plus les frais de la plateforme.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>« {{request_title}} » sera transporté ({{delivery_number}}) pour {{amount}} {{currency}} plus les frais de la plateforme.</p>
<p>P2P Delivery</p>', 'P2P Delivery: « {{request_title}} » sera transporté ({{delivery_number}}) pour {{amount}} {{currency}} plus les frais de la plateforme.', 'Votre livraison est organisée', '« {{request_title}} » sera transporté ({{delivery_number}}) pour {{amount}} {{currency}} plus les frais de la plateforme.'),
    ('pickup_scheduled', 'en', 'Pickup scheduled', 'The pickup of {{delivery_number}} is scheduled for {{at}} UTC.', 'Pickup scheduled', 'Hello {{first_name}},

The pickup of {{delivery_number}} is scheduled for {{at}} UTC.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The pickup of {{delivery_number}} is scheduled for {{at}} UTC.</p>
<p>P2P Delivery</p>', 'P2P Delivery: The pickup of {{delivery_number}} is scheduled for {{at}} UTC.', 'Pickup scheduled', 'The pickup of {{delivery_number}} is scheduled for {{at}} UTC.'),
    ('pickup_scheduled', 'fr', 'Enlèvement planifié', 'L''enlèvement de {{delivery_number}} est prévu le {{at}} UTC.', 'Enlèvement planifié', 'Bonjour {{first_name}},

L''enlèvement de {{delivery_number}} est prévu le {{at}} UTC.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>L''enlèvement de {{delivery_number}} est prévu le {{at}} UTC.</p>
<p>P2P Delivery</p>', 'P2P Delivery: L''enlèvement de {{delivery_number}} est prévu le {{at}} UTC.', 'Enlèvement planifié', 'L''enlèvement de {{delivery_number}} est prévu le {{at}} UTC.'),
    ('item_picked_up', 'en', 'Item picked up', '{{delivery_number}}: the pickup was confirmed ({{method}}).', 'Item picked up', 'Hello {{first_name}},

{{delivery_number}}: the pickup was confirmed ({{method}}).

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{delivery_number}}: the pickup was confirmed ({{method}}).</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}}: the pickup was confirmed ({{method}}).', 'Item picked up', '{{delivery_number}}: the pickup was confirmed ({{method}}).'),
    ('item_picked_up', 'fr', 'Objet enlevé', '{{delivery_number}} : l''enlèvement a été confirmé ({{method}}).', 'Objet enlevé', 'Bonjour {{first_name}},

{{delivery_number}} : l''enlèvement a été confirmé ({{method}}).

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{delivery_number}} : l''enlèvement a été confirmé ({{method}}).</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}} : l''enlèvement a été confirmé ({{method}}).', 'Objet enlevé', '{{delivery_number}} : l''enlèvement a été confirmé ({{method}}).'),
    ('item_delivered', 'en', 'Item delivered', '{{delivery_number}}: the drop-off was confirmed ({{method}}).{{#if review_hint}} Confirm receipt and review the traveler in the app.{{/if}}', 'Item delivered', 'Hello {{first_name}},

{{delivery_number}}: the drop-off was confirmed ({{method}}).{{#if review_hint}} Confirm receipt and review the traveler in the app.{{/if}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{delivery_number}}: the drop-off was confirmed ({{method}}).{{#if review_hint}} Confirm receipt and review the traveler in the app.{{/if}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}}: the drop-off was confirmed ({{method}}).{{#if review_hint}} Confirm receipt and review the traveler in the app.{{/if}}', 'Item delivered', '{{delivery_number}}: the drop-off was confirmed ({{method}}).{{#if review_hint}} Confirm receipt and review the traveler in the app.{{/if}}'),
    ('item_delivered', 'fr', 'Objet livré', '{{delivery_number}} : la remise a été confirmée ({{method}}).{{#if review_hint}} Confirmez la réception et évaluez le voyageur dans l''application.{{/if}}', 'Objet livré', 'Bonjour {{first_name}},

{{delivery_number}} : la remise a été confirmée ({{method}}).{{#if review_hint}} Confirmez la réception et évaluez le voyageur dans l''application.{{/if}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{delivery_number}} : la remise a été confirmée ({{method}}).{{#if review_hint}} Confirmez la réception et évaluez le voyageur dans l''application.{{/if}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}} : la remise a été confirmée ({{method}}).{{#if review_hint}} Confirmez la réception et évaluez le voyageur dans l''application.{{/if}}', 'Objet livré', '{{delivery_number}} : la remise a été confirmée ({{method}}).{{#if review_hint}} Confirmez la réception et évaluez le voyageur dans l''application.{{/if}}'),
    ('delivery_cancelled', 'en', 'Delivery cancelled', '{{delivery_number}} was cancelled ({{reason}}).{{#if reopened}} Your request is open for offers again.{{/if}}', 'Delivery cancelled', 'Hello {{first_name}},

{{delivery_number}} was cancelled ({{reason}}).{{#if reopened}} Your request is open for offers again.{{/if}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{delivery_number}} was cancelled ({{reason}}).{{#if reopened}} Your request is open for offers again.{{/if}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}} was cancelled ({{reason}}).{{#if reopened}} Your request is open for offers again.{{/if}}', 'Delivery cancelled', '{{delivery_number}} was cancelled ({{reason}}).{{#if reopened}} Your request is open for offers again.{{/if}}'),
    ('delivery_cancelled', 'fr', 'Livraison annulée', '{{delivery_number}} a été annulée ({{reason}}).{{#if reopened}} Votre demande est de nouveau ouverte aux offres.{{/if}}', 'Livraison annulée', 'Bonjour {{first_name}},

{{delivery_number}} a été annulée ({{reason}}).{{#if reopened}} Votre demande est de nouveau ouverte aux offres.{{/if}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{delivery_number}} a été annulée ({{reason}}).{{#if reopened}} Votre demande est de nouveau ouverte aux offres.{{/if}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{delivery_number}} a été annulée ({{reason}}).{{#if reopened}} Votre demande est de nouveau ouverte aux offres.{{/if}}', 'Livraison annulée', '{{delivery_number}} a été annulée ({{reason}}).{{#if reopened}} Votre demande est de nouveau ouverte aux offres.{{/if}}'),
    ('trip_changed', 'en', '{{subject}}', '{{message}}', '{{subject}}', 'Hello {{first_name}},

{{message}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{message}}', '{{subject}}', '{{message}}'),
    ('trip_changed', 'fr', '{{subject}}', '{{message}}', '{{subject}}', 'Bonjour {{first_name}},

{{message}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: {{message}}', '{{subject}}', '{{message}}'),
    ('weather_alert', 'en', 'Weather alert for your trip', 'Weather alert for your trip "{{trip_title}}": {{alert}}', 'Weather alert for your trip', 'Hello {{first_name}},

Weather alert for your trip "{{trip_title}}": {{alert}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>Weather alert for your trip "{{trip_title}}": {{alert}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: Weather alert for your trip "{{trip_title}}": {{alert}}', 'Weather alert for your trip', 'Weather alert for your trip "{{trip_title}}": {{alert}}'),
    ('weather_alert', 'fr', 'Alerte météo pour votre trajet', 'Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}', 'Alerte météo pour votre trajet', 'Bonjour {{first_name}},

Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}', 'Alerte météo pour votre trajet', 'Alerte météo pour votre trajet « {{trip_title}} » : {{alert}}'),
    ('match_trip_found', 'en', 'A trip fits your delivery request', 'The trip "{{trip_title}}" (leaving {{departure}} UTC) fits your request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} (match score {{score}}). See matchingTrips for your request to make contact.', 'A trip fits your delivery request', 'Hello {{first_name}},

The trip "{{trip_title}}" (leaving {{departure}} UTC) fits your request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} (match score {{score}}). See matchingTrips for your request to make contact.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The trip "{{trip_title}}" (leaving {{departure}} UTC) fits your request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} (match score {{score}}). See matchingTrips for your request to make contact.</p>
<p>P2P Delivery</p>', 'P2P Delivery: The trip "{{trip_title}}" (leaving {{departure}} UTC) fits your request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} (match score {{score}}). See matchingTrips for your request to make contact.', 'A trip fits your delivery request', 'The trip "{{trip_title}}" (leaving {{departure}} UTC) fits your request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} (match score {{score}}). See matchingTrips for your request to make contact.'),
    ('match_trip_found', 'fr', 'Un trajet correspond à votre demande', 'Le trajet « {{trip_title}} » (départ {{departure}} UTC) correspond à votre demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} (score {{score}}). Voyez matchingTrips pour votre demande.', 'Un trajet correspond à votre demande', 'Bonjour {{first_name}},

Le trajet « {{trip_title}} » (départ {{departure}} UTC) correspond à votre demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} (score {{score}}). Voyez matchingTrips pour votre demande.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Le trajet « {{trip_title}} » (départ {{departure}} UTC) correspond à votre demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} (score {{score}}). Voyez matchingTrips pour votre demande.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Le trajet « {{trip_title}} » (départ {{departure}} UTC) correspond à votre demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} (score {{score}}). Voyez matchingTrips pour votre demande.', 'Un trajet correspond à votre demande', 'Le trajet « {{trip_title}} » (départ {{departure}} UTC) correspond à votre demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} (score {{score}}). Voyez matchingTrips pour votre demande.'),
    ('match_request_found', 'en', 'A delivery request fits your trip', 'A delivery request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} fits your trip "{{trip_title}}" (match score {{score}}). See matchingRequests for your trip to make an offer.', 'A delivery request fits your trip', 'Hello {{first_name}},

A delivery request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} fits your trip "{{trip_title}}" (match score {{score}}). See matchingRequests for your trip to make an offer.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>A delivery request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} fits your trip "{{trip_title}}" (match score {{score}}). See matchingRequests for your trip to make an offer.</p>
<p>P2P Delivery</p>', 'P2P Delivery: A delivery request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} fits your trip "{{trip_title}}" (match score {{score}}). See matchingRequests for your trip to make an offer.', 'A delivery request fits your trip', 'A delivery request "{{request_title}}" from {{pickup_city}} to {{delivery_city}} fits your trip "{{trip_title}}" (match score {{score}}). See matchingRequests for your trip to make an offer.'),
    ('match_request_found', 'fr', 'Une demande correspond à votre trajet', 'Une demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} correspond à votre trajet « {{trip_title}} » (score {{score}}). Voyez matchingRequests pour votre trajet.', 'Une demande correspond à votre trajet', 'Bonjour {{first_name}},

Une demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} correspond à votre trajet « {{trip_title}} » (score {{score}}). Voyez matchingRequests pour votre trajet.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Une demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} correspond à votre trajet « {{trip_title}} » (score {{score}}). Voyez matchingRequests pour votre trajet.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Une demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} correspond à votre trajet « {{trip_title}} » (score {{score}}). Voyez matchingRequests pour votre trajet.', 'Une demande correspond à votre trajet', 'Une demande « {{request_title}} » de {{pickup_city}} à {{delivery_city}} correspond à votre trajet « {{trip_title}} » (score {{score}}). Voyez matchingRequests pour votre trajet.'),
    ('override_approved', 'en', 'Emergency override approved', 'The {{qr_type}} of {{delivery_number}} may be confirmed without its code until {{valid_until}} by the traveler, on the spot, with a photo.', 'Emergency override approved', 'Hello {{first_name}},

The {{qr_type}} of {{delivery_number}} may be confirmed without its code until {{valid_until}} by the traveler, on the spot, with a photo.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The {{qr_type}} of {{delivery_number}} may be confirmed without its code until {{valid_until}} by the traveler, on the spot, with a photo.</p>
<p>P2P Delivery</p>', 'P2P Delivery: The {{qr_type}} of {{delivery_number}} may be confirmed without its code until {{valid_until}} by the traveler, on the spot, with a photo.', 'Emergency override approved', 'The {{qr_type}} of {{delivery_number}} may be confirmed without its code until {{valid_until}} by the traveler, on the spot, with a photo.'),
    ('override_approved', 'fr', 'Dérogation d''urgence approuvée', 'L''étape {{qr_type}} de {{delivery_number}} peut être confirmée sans code jusqu''au {{valid_until}} par le voyageur, sur place, avec une photo.', 'Dérogation d''urgence approuvée', 'Bonjour {{first_name}},

L''étape {{qr_type}} de {{delivery_number}} peut être confirmée sans code jusqu''au {{valid_until}} par le voyageur, sur place, avec une photo.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>L''étape {{qr_type}} de {{delivery_number}} peut être confirmée sans code jusqu''au {{valid_until}} par le voyageur, sur place, avec une photo.</p>
<p>P2P Delivery</p>', 'P2P Delivery: L''étape {{qr_type}} de {{delivery_number}} peut être confirmée sans code jusqu''au {{valid_until}} par le voyageur, sur place, avec une photo.', 'Dérogation d''urgence approuvée', 'L''étape {{qr_type}} de {{delivery_number}} peut être confirmée sans code jusqu''au {{valid_until}} par le voyageur, sur place, avec une photo.'),
    ('override_rejected', 'en', 'Emergency override rejected', 'Your request for an emergency override was rejected: {{notes}}', 'Emergency override rejected', 'Hello {{first_name}},

Your request for an emergency override was rejected: {{notes}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>Your request for an emergency override was rejected: {{notes}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: Your request for an emergency override was rejected: {{notes}}', 'Emergency override rejected', 'Your request for an emergency override was rejected: {{notes}}'),
    ('override_rejected', 'fr', 'Dérogation d''urgence refusée', 'Votre demande de dérogation d''urgence a été refusée : {{notes}}', 'Dérogation d''urgence refusée', 'Bonjour {{first_name}},

Votre demande de dérogation d''urgence a été refusée : {{notes}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Votre demande de dérogation d''urgence a été refusée : {{notes}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: Votre demande de dérogation d''urgence a été refusée : {{notes}}', 'Dérogation d''urgence refusée', 'Votre demande de dérogation d''urgence a été refusée : {{notes}}'),
    ('handover_code_blocked', 'en', 'Your handover code was blocked', 'The handover code of {{delivery_number}} was revoked after too many failed attempts. Issue a new one in the app.', 'Your handover code was blocked', 'Hello {{first_name}},

The handover code of {{delivery_number}} was revoked after too many failed attempts. Issue a new one in the app.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The handover code of {{delivery_number}} was revoked after too many failed attempts. Issue a new one in the app.</p>
<p>P2P Delivery</p>', 'P2P Delivery: The handover code of {{delivery_number}} was revoked after too many failed attempts. Issue a new one in the app.', 'Your handover code was blocked', 'The handover code of {{delivery_number}} was revoked after too many failed attempts. Issue a new one in the app.'),
    ('handover_code_blocked', 'fr', 'Votre code de remise a été bloqué', 'Le code de remise de {{delivery_number}} a été révoqué après trop de tentatives échouées. Générez-en un nouveau dans l''application.', 'Votre code de remise a été bloqué', 'Bonjour {{first_name}},

Le code de remise de {{delivery_number}} a été révoqué après trop de tentatives échouées. Générez-en un nouveau dans l''application.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Le code de remise de {{delivery_number}} a été révoqué après trop de tentatives échouées. Générez-en un nouveau dans l''application.</p>
<p>P2P Delivery</p>', 'P2P Delivery: Le code de remise de {{delivery_number}} a été révoqué après trop de tentatives échouées. Générez-en un nouveau dans l''application.', 'Votre code de remise a été bloqué', 'Le code de remise de {{delivery_number}} a été révoqué après trop de tentatives échouées. Générez-en un nouveau dans l''application.'),
    ('handover_admin_alert', 'en', null, null, '{{subject}}', 'Hello {{first_name}},

{{message}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>', null, '{{subject}}', '{{message}}'),
    ('handover_admin_alert', 'fr', null, null, '{{subject}}', 'Bonjour {{first_name}},

{{message}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>', null, '{{subject}}', '{{message}}'),
    ('emergency_reported', 'en', 'Emergency reported', 'An emergency was reported on {{delivery_number}}: {{message}}', 'Emergency reported', 'Hello {{first_name}},

An emergency was reported on {{delivery_number}}: {{message}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>An emergency was reported on {{delivery_number}}: {{message}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: An emergency was reported on {{delivery_number}}: {{message}}', 'Emergency reported', 'An emergency was reported on {{delivery_number}}: {{message}}'),
    ('emergency_reported', 'fr', 'Urgence signalée', 'Une urgence a été signalée sur {{delivery_number}} : {{message}}', 'Urgence signalée', 'Bonjour {{first_name}},

Une urgence a été signalée sur {{delivery_number}} : {{message}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Une urgence a été signalée sur {{delivery_number}} : {{message}}</p>
<p>P2P Delivery</p>', 'P2P Delivery: Une urgence a été signalée sur {{delivery_number}} : {{message}}', 'Urgence signalée', 'Une urgence a été signalée sur {{delivery_number}} : {{message}}'),
    ('payment_captured', 'en', 'Payment captured', '{{amount}} {{currency}} were charged for {{delivery_number}} at pickup.', 'Payment captured', 'Hello {{first_name}},

{{amount}} {{currency}} were charged for {{delivery_number}} at pickup.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{amount}} {{currency}} were charged for {{delivery_number}} at pickup.</p>
<p>P2P Delivery</p>', null, 'Payment captured', '{{amount}} {{currency}} were charged for {{delivery_number}} at pickup.'),
    ('payment_captured', 'fr', 'Paiement encaissé', '{{amount}} {{currency}} ont été débités pour {{delivery_number}} à l''enlèvement.', 'Paiement encaissé', 'Bonjour {{first_name}},

{{amount}} {{currency}} ont été débités pour {{delivery_number}} à l''enlèvement.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{amount}} {{currency}} ont été débités pour {{delivery_number}} à l''enlèvement.</p>
<p>P2P Delivery</p>', null, 'Paiement encaissé', '{{amount}} {{currency}} ont été débités pour {{delivery_number}} à l''enlèvement.'),
    ('escrow_released', 'en', 'Your earnings were released', '{{amount}} {{currency}} for {{delivery_number}} were transferred to your account.', 'Your earnings were released', 'Hello {{first_name}},

{{amount}} {{currency}} for {{delivery_number}} were transferred to your account.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{amount}} {{currency}} for {{delivery_number}} were transferred to your account.</p>
<p>P2P Delivery</p>', null, 'Your earnings were released', '{{amount}} {{currency}} for {{delivery_number}} were transferred to your account.'),
    ('escrow_released', 'fr', 'Vos gains ont été versés', '{{amount}} {{currency}} pour {{delivery_number}} ont été virés sur votre compte.', 'Vos gains ont été versés', 'Bonjour {{first_name}},

{{amount}} {{currency}} pour {{delivery_number}} ont été virés sur votre compte.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{amount}} {{currency}} pour {{delivery_number}} ont été virés sur votre compte.</p>
<p>P2P Delivery</p>', null, 'Vos gains ont été versés', '{{amount}} {{currency}} pour {{delivery_number}} ont été virés sur votre compte.'),
    ('refund_created', 'en', 'Refund issued', 'A refund of {{amount}} {{currency}} was issued for {{delivery_number}}.', 'Refund issued', 'Hello {{first_name}},

A refund of {{amount}} {{currency}} was issued for {{delivery_number}}.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>A refund of {{amount}} {{currency}} was issued for {{delivery_number}}.</p>
<p>P2P Delivery</p>', null, 'Refund issued', 'A refund of {{amount}} {{currency}} was issued for {{delivery_number}}.'),
    ('refund_created', 'fr', 'Remboursement émis', 'Un remboursement de {{amount}} {{currency}} a été émis pour {{delivery_number}}.', 'Remboursement émis', 'Bonjour {{first_name}},

Un remboursement de {{amount}} {{currency}} a été émis pour {{delivery_number}}.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Un remboursement de {{amount}} {{currency}} a été émis pour {{delivery_number}}.</p>
<p>P2P Delivery</p>', null, 'Remboursement émis', 'Un remboursement de {{amount}} {{currency}} a été émis pour {{delivery_number}}.'),
    ('dispute_opened', 'en', 'A dispute was opened', 'A dispute was opened on {{delivery_number}}. Our team answers within a day.', 'A dispute was opened', 'Hello {{first_name}},

A dispute was opened on {{delivery_number}}. Our team answers within a day.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>A dispute was opened on {{delivery_number}}. Our team answers within a day.</p>
<p>P2P Delivery</p>', null, 'A dispute was opened', 'A dispute was opened on {{delivery_number}}. Our team answers within a day.'),
    ('dispute_opened', 'fr', 'Un litige a été ouvert', 'Un litige a été ouvert sur {{delivery_number}}. Notre équipe répond sous un jour.', 'Un litige a été ouvert', 'Bonjour {{first_name}},

Un litige a été ouvert sur {{delivery_number}}. Notre équipe répond sous un jour.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Un litige a été ouvert sur {{delivery_number}}. Notre équipe répond sous un jour.</p>
<p>P2P Delivery</p>', null, 'Un litige a été ouvert', 'Un litige a été ouvert sur {{delivery_number}}. Notre équipe répond sous un jour.'),
    ('dispute_resolved', 'en', 'Your dispute was resolved', 'The dispute on {{delivery_number}} was resolved: {{resolution}}', 'Your dispute was resolved', 'Hello {{first_name}},

The dispute on {{delivery_number}} was resolved: {{resolution}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>The dispute on {{delivery_number}} was resolved: {{resolution}}</p>
<p>P2P Delivery</p>', null, 'Your dispute was resolved', 'The dispute on {{delivery_number}} was resolved: {{resolution}}'),
    ('dispute_resolved', 'fr', 'Votre litige a été résolu', 'Le litige sur {{delivery_number}} a été résolu : {{resolution}}', 'Votre litige a été résolu', 'Bonjour {{first_name}},

Le litige sur {{delivery_number}} a été résolu : {{resolution}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Le litige sur {{delivery_number}} a été résolu : {{resolution}}</p>
<p>P2P Delivery</p>', null, 'Votre litige a été résolu', 'Le litige sur {{delivery_number}} a été résolu : {{resolution}}'),
    ('review_received', 'en', 'You received a review', 'You were rated {{rating}}/5 for {{delivery_number}}.', 'You received a review', 'Hello {{first_name}},

You were rated {{rating}}/5 for {{delivery_number}}.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>You were rated {{rating}}/5 for {{delivery_number}}.</p>
<p>P2P Delivery</p>', null, 'You received a review', 'You were rated {{rating}}/5 for {{delivery_number}}.'),
    ('review_received', 'fr', 'Vous avez reçu un avis', 'Vous avez reçu la note de {{rating}}/5 pour {{delivery_number}}.', 'Vous avez reçu un avis', 'Bonjour {{first_name}},

Vous avez reçu la note de {{rating}}/5 pour {{delivery_number}}.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Vous avez reçu la note de {{rating}}/5 pour {{delivery_number}}.</p>
<p>P2P Delivery</p>', null, 'Vous avez reçu un avis', 'Vous avez reçu la note de {{rating}}/5 pour {{delivery_number}}.')
  ) as b (name, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
  join app_public.notification_templates t on t.name = b.name;

-- Alerts to the admins who read the money (finance.read): a subject and message made by SQL.
insert into app_public.notification_templates (name, category, variables) values
  ('finance_admin_alert', 'payment', '[{"name": "first_name", "required": true}, {"name": "subject", "required": true}, {"name": "message", "required": true}]');
insert into app_public.notification_template_bodies (template_id, locale, email_subject, email_text, email_html, in_app_title, in_app_body)
select t.id, b.locale, '{{subject}}', b.greeting || E'\n\n{{message}}\n\nP2P Delivery\n',
       '<p>' || b.greeting || E'</p>\n<p>{{message}}</p>\n<p>P2P Delivery</p>', '{{subject}}', '{{message}}'
  from (values ('en', 'Hello {{first_name}},'), ('fr', 'Bonjour {{first_name}},')) as b (locale, greeting)
  join app_public.notification_templates t on t.name = 'finance_admin_alert';

-- migrate:down
truncate app_public.notification_templates cascade;
