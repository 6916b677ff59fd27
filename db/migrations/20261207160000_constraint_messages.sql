-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Every constraint of our tables speaks to clients (db/README.md "Validation"): its comment is the message a client
-- reads when a write breaks it, naming the field; the server answers the violation with it (server/errors.ts:
-- CHECK INVAL, UNIQUE and PRIMARY KEY EXIST, FOREIGN KEY NTFND). Until now only the CHECKs of trips and
-- delivery_requests had one, and the rest answered PostgreSQL's own text, naming tables and constraints. Unique
-- indexes that are not constraints (partial ones) are violated like unique constraints, so they get one too. A
-- smart tag line (@behavior) of a foreign key's comment stays PostGraphile's; the message is the rest.

-- app_private.account_closures
comment on constraint account_closures_check on app_private.account_closures is 'anonymised_at: only a deleted account is anonymised';
comment on constraint account_closures_pkey on app_private.account_closures is 'id is already taken';
comment on constraint account_closures_reason_check on app_private.account_closures is 'reason must have 1 to 1000 characters';
comment on constraint account_closures_user_id_fkey on app_private.account_closures is 'user_id must name an existing user';

-- app_private.admin_users
comment on constraint admin_users_pkey on app_private.admin_users is 'user_id is already an admin';
comment on constraint admin_users_user_id_fkey on app_private.admin_users is 'user_id must name an existing user';

-- app_private.api_request_budgets
comment on constraint api_request_budgets_pkey on app_private.api_request_budgets is 'subject already has a request budget';
comment on constraint api_request_budgets_requests_check on app_private.api_request_budgets is 'requests must be more than 0';
comment on constraint api_request_budgets_subject_check on app_private.api_request_budgets is 'subject must have 1 to 100 characters';

-- app_private.email_verification_tokens
comment on constraint email_verification_tokens_email_id_fkey on app_private.email_verification_tokens is 'email_id must name an existing email';
comment on constraint email_verification_tokens_pkey on app_private.email_verification_tokens is 'id is already taken';
comment on constraint email_verification_tokens_token_hash_check on app_private.email_verification_tokens is 'token_hash must be 32 bytes';
comment on constraint email_verification_tokens_token_hash_key on app_private.email_verification_tokens is 'token_hash is already in use';
comment on constraint email_verification_tokens_user_id_fkey on app_private.email_verification_tokens is 'user_id must name an existing user';

-- app_private.emails
comment on constraint emails_attempts_check on app_private.emails is 'attempts cannot be negative';
comment on constraint emails_check on app_private.emails is 'sent_at: a sent email has its sending time, and only a sent one has it';
comment on constraint emails_pkey on app_private.emails is 'id is already taken';
comment on constraint emails_subject_check on app_private.emails is 'subject must have 1 to 255 characters';
comment on constraint emails_user_id_fkey on app_private.emails is 'user_id must name an existing user';

-- app_private.login_attempts
comment on constraint login_attempts_email_check on app_private.login_attempts is 'email may have at most 320 characters';
comment on constraint login_attempts_pkey on app_private.login_attempts is 'id is already taken';
comment on constraint login_attempts_user_id_fkey on app_private.login_attempts is 'user_id must name an existing user';

-- app_private.mfa_challenges
comment on constraint mfa_challenges_attempts_check on app_private.mfa_challenges is 'attempts cannot be negative';
comment on constraint mfa_challenges_pkey on app_private.mfa_challenges is 'id is already taken';
comment on constraint mfa_challenges_token_hash_check on app_private.mfa_challenges is 'token_hash must be 32 bytes';
comment on constraint mfa_challenges_token_hash_key on app_private.mfa_challenges is 'token_hash is already in use';
comment on constraint mfa_challenges_user_id_fkey on app_private.mfa_challenges is 'user_id must name an existing user';

-- app_private.password_reset_tokens
comment on constraint password_reset_tokens_email_id_fkey on app_private.password_reset_tokens is 'email_id must name an existing email';
comment on constraint password_reset_tokens_pkey on app_private.password_reset_tokens is 'id is already taken';
comment on constraint password_reset_tokens_token_hash_check on app_private.password_reset_tokens is 'token_hash must be 32 bytes';
comment on constraint password_reset_tokens_token_hash_key on app_private.password_reset_tokens is 'token_hash is already in use';
comment on constraint password_reset_tokens_user_id_fkey on app_private.password_reset_tokens is 'user_id must name an existing user';

-- app_private.phone_verification_codes
comment on constraint phone_verification_codes_attempts_check on app_private.phone_verification_codes is 'attempts cannot be negative';
comment on constraint phone_verification_codes_check on app_private.phone_verification_codes is 'code_hash and expires_at: a code has an expiry, and only a code has one';
comment on constraint phone_verification_codes_phone_number_check on app_private.phone_verification_codes is 'phone_number must be in E.164 format, e.g. +4930123456';
comment on constraint phone_verification_codes_pkey on app_private.phone_verification_codes is 'id is already taken';
comment on constraint phone_verification_codes_user_id_fkey on app_private.phone_verification_codes is 'user_id must name an existing user';

-- app_private.rate_limit_hits
comment on constraint rate_limit_hits_bucket_check on app_private.rate_limit_hits is 'bucket may have only lowercase letters and underscores';
comment on constraint rate_limit_hits_pkey on app_private.rate_limit_hits is 'id is already taken';
comment on constraint rate_limit_hits_subject_check on app_private.rate_limit_hits is 'subject must have 1 to 320 characters';

-- app_private.session_rotated_tokens
comment on constraint session_rotated_tokens_pkey on app_private.session_rotated_tokens is 'token_hash was already rotated';
comment on constraint session_rotated_tokens_session_id_fkey on app_private.session_rotated_tokens is 'session_id must name an existing session';
comment on constraint session_rotated_tokens_token_hash_check on app_private.session_rotated_tokens is 'token_hash must be 32 bytes';

-- app_private.sessions
comment on constraint sessions_app_version_check on app_private.sessions is 'app_version must have 1 to 64 characters';
comment on constraint sessions_device_id_check on app_private.sessions is 'device_id must have 1 to 255 characters';
comment on constraint sessions_pkey on app_private.sessions is 'id is already taken';
comment on constraint sessions_refresh_token_hash_check on app_private.sessions is 'refresh_token_hash must be 32 bytes';
comment on index app_private.sessions_refresh_token_hash_key is 'refresh_token_hash is already in use';
comment on constraint sessions_user_id_fkey on app_private.sessions is 'user_id must name an existing user';

-- app_private.two_factor_setups
comment on constraint two_factor_setups_pkey on app_private.two_factor_setups is 'id is already taken';
comment on constraint two_factor_setups_user_id_fkey on app_private.two_factor_setups is 'user_id must name an existing user';

-- app_private.user_secrets
comment on constraint user_secrets_failed_login_count_check on app_private.user_secrets is 'failed_login_count cannot be negative';
comment on constraint user_secrets_pkey on app_private.user_secrets is 'user_id already has its secrets';
comment on constraint user_secrets_user_id_fkey on app_private.user_secrets is 'user_id must name an existing user';

-- app_private.user_status_changes
comment on constraint user_status_changes_changed_by_fkey on app_private.user_status_changes is 'changed_by must name an existing user';
comment on constraint user_status_changes_pkey on app_private.user_status_changes is 'id is already taken';
comment on constraint user_status_changes_reason_check on app_private.user_status_changes is 'reason must have 1 to 1000 characters';
comment on constraint user_status_changes_user_id_fkey on app_private.user_status_changes is 'user_id must name an existing user';

-- app_private.user_two_factor_auth
comment on constraint user_two_factor_auth_check on app_private.user_two_factor_auth is 'enabled_at: enabled two-factor authentication has its start time, and only then';
comment on constraint user_two_factor_auth_pkey on app_private.user_two_factor_auth is 'user_id already has two-factor authentication';
comment on constraint user_two_factor_auth_secret_key_id_check on app_private.user_two_factor_auth is 'secret_key_id must be 16 hexadecimal digits';
comment on constraint user_two_factor_auth_secret_sealed on app_private.user_two_factor_auth is 'secret_encrypted and secret_key_id: an encrypted secret names its key, and enabled two-factor authentication has a secret';
comment on constraint user_two_factor_auth_user_id_fkey on app_private.user_two_factor_auth is 'user_id must name an existing user';

-- app_private.worker_heartbeats
comment on constraint worker_heartbeats_pkey on app_private.worker_heartbeats is 'worker_id already has a heartbeat';
comment on constraint worker_heartbeats_worker_id_check on app_private.worker_heartbeats is 'worker_id must have 1 to 200 characters';

-- app_public.deliveries
comment on constraint deliveries_cancellation on app_public.deliveries is 'cancellation_reason: a cancelled delivery has its cancellation time and reason, and only a cancelled one has them';
comment on constraint deliveries_cancellation_note_check on app_public.deliveries is 'cancellation_note must have 1 to 1000 characters';
comment on constraint deliveries_cancelled_by_fkey on app_public.deliveries is 'cancelled_by must name an existing user';
comment on constraint deliveries_currency_check on app_public.deliveries is 'currency must be three capital letters (ISO 4217)';
comment on constraint deliveries_customer_id_fkey on app_public.deliveries is 'customer_id must name an existing user';
comment on constraint deliveries_delivered on app_public.deliveries is 'delivered_at: a delivered delivery has its delivery time';
comment on constraint deliveries_delivery_number_check on app_public.deliveries is 'delivery_number must be DEL- and 8 digits';
comment on constraint deliveries_delivery_number_key on app_public.deliveries is 'delivery_number is already taken';
comment on constraint deliveries_delivery_photo_key_check on app_public.deliveries is 'delivery_photo_key must have 1 to 500 characters';
comment on constraint deliveries_final_price_check on app_public.deliveries is 'final_price must be more than 0';
comment on constraint deliveries_offer_id_fkey on app_public.deliveries is 'offer_id must name an existing offer';
comment on constraint deliveries_offer_id_key on app_public.deliveries is 'offer_id: this offer already has a delivery';
comment on index app_public.deliveries_one_live_per_request_key is 'request_id: this request already has a live delivery';
comment on constraint deliveries_parties_differ on app_public.deliveries is 'customer_id and traveler_id: you cannot deliver your own request';
comment on constraint deliveries_pickup_photo_key_check on app_public.deliveries is 'pickup_photo_key must have 1 to 500 characters';
comment on constraint deliveries_pkey on app_public.deliveries is 'id is already taken';
comment on constraint deliveries_platform_fee_check on app_public.deliveries is 'platform_fee cannot be negative';
comment on constraint deliveries_request_id_fkey on app_public.deliveries is 'request_id must name an existing delivery request';
comment on constraint deliveries_signature_key_check on app_public.deliveries is 'signature_key must have 1 to 500 characters';
comment on constraint deliveries_terms_hash_check on app_public.deliveries is 'terms_hash must be 32 bytes';
comment on constraint deliveries_times_ordered on app_public.deliveries is 'delivery_time must lie after pickup_time';
comment on constraint deliveries_traveler_id_fkey on app_public.deliveries is 'traveler_id must name an existing user';
comment on constraint deliveries_trip_id_fkey on app_public.deliveries is 'trip_id must name an existing trip';
comment on constraint deliveries_verification_check on app_public.deliveries is 'verification must be a JSON object';

-- app_public.delivery_offers
comment on constraint delivery_offers_accepted on app_public.delivery_offers is 'accepted_at and terms_hash: an accepted offer has its acceptance time and the hash of its terms, and only an accepted one has them';
comment on constraint delivery_offers_closed on app_public.delivery_offers is 'closed_at: a pending offer is open, any other is closed';
comment on constraint delivery_offers_closed_by_fkey on app_public.delivery_offers is 'closed_by must name an existing user';
comment on constraint delivery_offers_closing_note_check on app_public.delivery_offers is 'closing_note must have 1 to 1000 characters';
comment on constraint delivery_offers_currency_check on app_public.delivery_offers is 'currency must be three capital letters (ISO 4217)';
comment on constraint delivery_offers_current_version_check on app_public.delivery_offers is 'current_version must be between 1 and 100';
comment on constraint delivery_offers_customer_id_fkey on app_public.delivery_offers is 'customer_id must name an existing user';
comment on constraint delivery_offers_decline_reason on app_public.delivery_offers is 'decline_reason: a declined offer has its reason, and only a declined one has one';
comment on constraint delivery_offers_guarantees_check on app_public.delivery_offers is 'guarantees may list at most 10 items';
comment on constraint delivery_offers_not_own on app_public.delivery_offers is 'customer_id and traveler_id: you cannot make an offer on your own request';
comment on index app_public.delivery_offers_one_accepted_key is 'request_id: this request already has an accepted offer';
comment on index app_public.delivery_offers_one_pending_key is 'request_id and traveler_id: there already is a live offer between this traveler and request';
comment on constraint delivery_offers_pkey on app_public.delivery_offers is 'id is already taken';
comment on constraint delivery_offers_price_check on app_public.delivery_offers is 'price must be more than 0';
comment on constraint delivery_offers_request_id_fkey on app_public.delivery_offers is 'request_id must name an existing delivery request';
comment on constraint delivery_offers_terms_hash_check on app_public.delivery_offers is 'terms_hash must be 32 bytes';
comment on constraint delivery_offers_times_ordered on app_public.delivery_offers is 'delivery_time must lie after pickup_time';
comment on constraint delivery_offers_traveler_id_fkey on app_public.delivery_offers is 'traveler_id must name an existing user';
comment on constraint delivery_offers_trip_id_fkey on app_public.delivery_offers is 'trip_id must name an existing trip';
comment on constraint delivery_offers_withdraw_reason on app_public.delivery_offers is 'withdraw_reason: a withdrawn offer has its reason, and only a withdrawn one has one';

-- app_public.delivery_requests
comment on constraint delivery_requests_customer_id_fkey on app_public.delivery_requests is 'customer_id must name an existing user';
comment on constraint delivery_requests_pkey on app_public.delivery_requests is 'id is already taken';

-- app_public.delivery_status_history
comment on constraint delivery_status_history_changed_by_fkey on app_public.delivery_status_history is 'changed_by must name an existing user';
comment on constraint delivery_status_history_delivery_id_fkey on app_public.delivery_status_history is 'delivery_id must name an existing delivery';
comment on constraint delivery_status_history_pkey on app_public.delivery_status_history is 'id is already taken';
comment on constraint delivery_status_history_reason_check on app_public.delivery_status_history is 'reason must have 1 to 1000 characters';

-- app_public.delivery_transitions
comment on constraint delivery_transitions_check on app_public.delivery_transitions is 'to_status must differ from from_status';
comment on constraint delivery_transitions_pkey on app_public.delivery_transitions is 'from_status, to_status and source: this transition already exists';

-- app_public.offer_versions
comment on constraint offer_versions_message_check on app_public.offer_versions is 'message must have 1 to 1000 characters';
comment on constraint offer_versions_offer_id_fkey on app_public.offer_versions is 'offer_id must name an existing offer';
comment on constraint offer_versions_offer_version_key on app_public.offer_versions is 'version: this version of the offer already exists';
comment on constraint offer_versions_pkey on app_public.offer_versions is 'id is already taken';
comment on constraint offer_versions_price_check on app_public.offer_versions is 'price must be more than 0';
comment on constraint offer_versions_proposed_by_user_id_fkey on app_public.offer_versions is 'proposed_by_user_id must name an existing user';
comment on constraint offer_versions_times_ordered on app_public.offer_versions is 'delivery_time must lie after pickup_time';
comment on constraint offer_versions_version_check on app_public.offer_versions is 'version must be between 1 and 100';

-- app_public.request_matches
comment on constraint request_matches_detour_km_check on app_public.request_matches is 'detour_km cannot be negative';
comment on constraint request_matches_factors_check on app_public.request_matches is 'factors must be a JSON object';
comment on constraint request_matches_pair_key on app_public.request_matches is 'request_id and trip_id: this pair is already recorded';
comment on constraint request_matches_pkey on app_public.request_matches is 'id is already taken';
comment on constraint request_matches_quoted_price_check on app_public.request_matches is 'quoted_price must be more than 0';
comment on constraint request_matches_request_id_fkey on app_public.request_matches is 'request_id must name an existing delivery request';
comment on constraint request_matches_score_check on app_public.request_matches is 'score must be between 0 and 1';
comment on constraint request_matches_trip_id_fkey on app_public.request_matches is 'trip_id must name an existing trip';

-- app_public.review_reports
comment on constraint review_reports_details_check on app_public.review_reports is 'details must have 1 to 1000 characters';
comment on constraint review_reports_handled on app_public.review_reports is 'handled_at: a pending report is not handled yet, any other is';
comment on constraint review_reports_handled_by_fkey on app_public.review_reports is 'handled_by must name an existing user';
comment on constraint review_reports_pkey on app_public.review_reports is 'id is already taken';
comment on constraint review_reports_reporter_id_fkey on app_public.review_reports is 'reporter_id must name an existing user';
comment on constraint review_reports_review_id_fkey on app_public.review_reports is 'review_id must name an existing review';
comment on constraint review_reports_review_reporter_key on app_public.review_reports is 'review_id: you already reported this review';

-- app_public.reviews
comment on constraint reviews_accuracy_rating_check on app_public.reviews is 'accuracy_rating must be between 1 and 5';
comment on constraint reviews_care_rating_check on app_public.reviews is 'care_rating must be between 1 and 5';
comment on constraint reviews_comment_check on app_public.reviews is 'comment must have 1 to 1000 characters';
comment on constraint reviews_communication_rating_check on app_public.reviews is 'communication_rating must be between 1 and 5';
comment on constraint reviews_delivery_id_fkey on app_public.reviews is 'delivery_id must name an existing delivery';
comment on constraint reviews_delivery_reviewer_key on app_public.reviews is 'delivery_id: you already reviewed this delivery';
comment on constraint reviews_moderated_by_fkey on app_public.reviews is 'moderated_by must name an existing user';
comment on constraint reviews_moderation_note_check on app_public.reviews is 'moderation_note must have 1 to 1000 characters';
comment on constraint reviews_not_self on app_public.reviews is 'reviewee_id: you cannot review yourself';
comment on constraint reviews_overall_rating_check on app_public.reviews is 'overall_rating must be between 1 and 5';
comment on constraint reviews_pkey on app_public.reviews is 'id is already taken';
comment on constraint reviews_punctuality_rating_check on app_public.reviews is 'punctuality_rating must be between 1 and 5';
comment on constraint reviews_response on app_public.reviews is 'response_at: an answer has its time, and only an answer has one';
comment on constraint reviews_response_check on app_public.reviews is 'response must have 1 to 500 characters';
comment on constraint reviews_reviewee_id_fkey on app_public.reviews is 'reviewee_id must name an existing user';
comment on constraint reviews_reviewer_id_fkey on app_public.reviews is 'reviewer_id must name an existing user';

-- app_public.system_configuration
comment on constraint system_configuration_category_check on app_public.system_configuration is 'category may have only lowercase letters and underscores';
comment on constraint system_configuration_category_key_key on app_public.system_configuration is 'category and key: this setting already exists';
comment on constraint system_configuration_key_check on app_public.system_configuration is 'key may have only lowercase letters, digits and underscores';
comment on constraint system_configuration_pkey on app_public.system_configuration is 'id is already taken';
comment on constraint system_configuration_sensitive_not_public on app_public.system_configuration is 'is_public: a sensitive setting cannot be public';
comment on constraint system_configuration_updated_by_fkey on app_public.system_configuration is E'@behavior -*\nupdated_by must name an existing user';
comment on constraint system_configuration_validation_check on app_public.system_configuration is 'validation must be a JSON object with only min, max and pattern';

-- app_public.trip_capacity_reservations
comment on constraint trip_capacity_reservations_delivery_id_fkey on app_public.trip_capacity_reservations is 'delivery_id must name an existing delivery';
comment on constraint trip_capacity_reservations_delivery_id_key on app_public.trip_capacity_reservations is 'delivery_id: capacity is already reserved for this delivery';
comment on constraint trip_capacity_reservations_items_check on app_public.trip_capacity_reservations is 'items must be at least 1';
comment on constraint trip_capacity_reservations_pkey on app_public.trip_capacity_reservations is 'id is already taken';
comment on constraint trip_capacity_reservations_trip_id_fkey on app_public.trip_capacity_reservations is 'trip_id must name an existing trip';
comment on constraint trip_capacity_reservations_volume_l_check on app_public.trip_capacity_reservations is 'volume_l cannot be negative';
comment on constraint trip_capacity_reservations_weight_kg_check on app_public.trip_capacity_reservations is 'weight_kg must be more than 0';

-- app_public.trip_templates
comment on constraint trip_templates_name_check on app_public.trip_templates is 'name must have 1 to 100 characters';
comment on constraint trip_templates_pkey on app_public.trip_templates is 'id is already taken';
comment on constraint trip_templates_trip_data_check on app_public.trip_templates is 'trip_data must be a JSON object';
comment on constraint trip_templates_usage_count_check on app_public.trip_templates is 'usage_count cannot be negative';
comment on constraint trip_templates_user_id_fkey on app_public.trip_templates is 'user_id must name an existing user';
comment on constraint trip_templates_user_name_key on app_public.trip_templates is 'name: you already have a template with this name';

-- app_public.trip_weather
comment on constraint trip_weather_alerts_check on app_public.trip_weather is 'alerts must be a JSON array';
comment on constraint trip_weather_check on app_public.trip_weather is 'expires_at must lie after fetched_at';
comment on constraint trip_weather_pkey on app_public.trip_weather is 'id is already taken';
comment on constraint trip_weather_provider_check on app_public.trip_weather is 'provider must have 1 to 50 characters';
comment on constraint trip_weather_trip_id_fkey on app_public.trip_weather is 'trip_id must name an existing trip';
comment on constraint trip_weather_trip_id_key on app_public.trip_weather is 'trip_id: this trip already has its weather';
comment on constraint trip_weather_weather_check on app_public.trip_weather is 'weather must be a JSON object';

-- app_public.trips
comment on constraint trips_cancelled_by_fkey on app_public.trips is 'cancelled_by must name an existing user';
comment on index app_public.trips_parent_departure_key is 'departure_time: this recurring trip already has a trip at that departure';
comment on constraint trips_parent_trip_id_fkey on app_public.trips is 'parent_trip_id must name an existing trip';
comment on constraint trips_pkey on app_public.trips is 'id is already taken';
comment on constraint trips_traveler_id_fkey on app_public.trips is 'traveler_id must name an existing user';

-- app_public.user_addresses
comment on constraint user_addresses_city_check on app_public.user_addresses is 'city must have 1 to 100 characters';
comment on constraint user_addresses_country_check on app_public.user_addresses is 'country must be a two-letter country code (ISO 3166-1)';
comment on constraint user_addresses_label_check on app_public.user_addresses is 'label must have 1 to 50 characters';
comment on index app_public.user_addresses_one_default_key is 'is_default: you already have a default address';
comment on constraint user_addresses_pkey on app_public.user_addresses is 'id is already taken';
comment on constraint user_addresses_postal_code_check on app_public.user_addresses is 'postal_code must have 1 to 20 characters';
comment on constraint user_addresses_street_check on app_public.user_addresses is 'street must have 1 to 255 characters';
comment on constraint user_addresses_user_id_fkey on app_public.user_addresses is 'user_id must name an existing user';

-- app_public.user_blocks
comment on constraint user_blocks_blocked_id_fkey on app_public.user_blocks is 'blocked_id must name an existing user';
comment on constraint user_blocks_blocker_id_fkey on app_public.user_blocks is 'blocker_id must name an existing user';
comment on constraint user_blocks_not_self on app_public.user_blocks is 'blocked_id: you cannot block yourself';
comment on constraint user_blocks_pair_key on app_public.user_blocks is 'blocked_id: you already blocked this user';
comment on constraint user_blocks_pkey on app_public.user_blocks is 'id is already taken';

-- app_public.user_contacts
comment on constraint user_contacts_email_check on app_public.user_contacts is 'email must be an email address of at most 254 characters';
comment on constraint user_contacts_email_key on app_public.user_contacts is 'email is already taken';
comment on constraint user_contacts_last_name_check on app_public.user_contacts is 'last_name must have 1 to 100 characters';
comment on constraint user_contacts_phone_number_check on app_public.user_contacts is 'phone_number must be in E.164 format, e.g. +4930123456';
comment on constraint user_contacts_phone_verified_has_number on app_public.user_contacts is 'phone_verified_at: only a phone number can be verified';
comment on constraint user_contacts_pkey on app_public.user_contacts is 'user_id already has contact details';
comment on constraint user_contacts_user_id_fkey on app_public.user_contacts is 'user_id must name an existing user';
comment on index app_public.user_contacts_verified_phone_key is 'phone_number is already verified on another account';

-- app_public.user_earnings
comment on constraint user_earnings_currency_check on app_public.user_earnings is 'currency must be three capital letters (ISO 4217)';
comment on constraint user_earnings_pkey on app_public.user_earnings is 'user_id and currency: these earnings already exist';
comment on constraint user_earnings_total_earnings_check on app_public.user_earnings is 'total_earnings cannot be negative';
comment on constraint user_earnings_total_spent_check on app_public.user_earnings is 'total_spent cannot be negative';
comment on constraint user_earnings_user_id_fkey on app_public.user_earnings is 'user_id must name an existing user';

-- app_public.user_favorites
comment on constraint user_favorites_not_self on app_public.user_favorites is 'traveler_id: you cannot favorite yourself';
comment on constraint user_favorites_pair_key on app_public.user_favorites is 'traveler_id: this traveler is already a favorite';
comment on constraint user_favorites_pkey on app_public.user_favorites is 'id is already taken';
comment on constraint user_favorites_traveler_id_fkey on app_public.user_favorites is 'traveler_id must name an existing user';
comment on constraint user_favorites_user_id_fkey on app_public.user_favorites is 'user_id must name an existing user';

-- app_public.user_preferences
comment on constraint user_preferences_location_shape on app_public.user_preferences is 'location must be {tracking_level: precise, approximate or minimal; delete_after_delivery: true or false}';
comment on constraint user_preferences_pkey on app_public.user_preferences is 'user_id already has preferences';
comment on constraint user_preferences_privacy_shape on app_public.user_preferences is 'privacy must be {show_last_name: true or false; show_statistics: true or false}';
comment on constraint user_preferences_user_id_fkey on app_public.user_preferences is 'user_id must name an existing user';

-- app_public.user_reports
comment on constraint user_reports_check on app_public.user_reports is 'handled_at: a pending report is not handled yet, any other is';
comment on constraint user_reports_check1 on app_public.user_reports is 'resolution_action: a resolved or dismissed report says what was done';
comment on constraint user_reports_delivery_id_fkey on app_public.user_reports is 'delivery_id must name an existing delivery';
comment on constraint user_reports_delivery_request_id_fkey on app_public.user_reports is 'delivery_request_id must name an existing delivery request';
comment on constraint user_reports_description_check on app_public.user_reports is 'description must have 10 to 2000 characters';
comment on constraint user_reports_handled_by_fkey on app_public.user_reports is 'handled_by must name an existing admin';
comment on constraint user_reports_not_self on app_public.user_reports is 'reported_user_id: you cannot report yourself';
comment on index app_public.user_reports_open_pair_key is 'reported_user_id: you already reported this user; moderators are looking at it';
comment on constraint user_reports_pkey on app_public.user_reports is 'id is already taken';
comment on constraint user_reports_reported_user_id_fkey on app_public.user_reports is 'reported_user_id must name an existing user';
comment on constraint user_reports_reporter_id_fkey on app_public.user_reports is 'reporter_id must name an existing user';
comment on constraint user_reports_resolution_notes_check on app_public.user_reports is 'resolution_notes must have 1 to 2000 characters';

-- app_public.user_statistics
comment on constraint user_statistics_average_rating_check on app_public.user_statistics is 'average_rating must be between 1 and 5';
comment on constraint user_statistics_cancelled_as_traveler_check on app_public.user_statistics is 'cancelled_as_traveler cannot be negative';
comment on constraint user_statistics_cancelled_deliveries_check on app_public.user_statistics is 'cancelled_deliveries cannot be negative';
comment on constraint user_statistics_check on app_public.user_statistics is 'successful_deliveries and cancelled_deliveries cannot exceed total_deliveries';
comment on constraint user_statistics_check1 on app_public.user_statistics is 'deliveries_as_traveler cannot exceed total_deliveries';
comment on constraint user_statistics_check2 on app_public.user_statistics is 'successful_as_traveler and cancelled_as_traveler cannot exceed deliveries_as_traveler';
comment on constraint user_statistics_check3 on app_public.user_statistics is 'average_rating: a user has an average rating once rated, and only then';
comment on constraint user_statistics_deliveries_as_traveler_check on app_public.user_statistics is 'deliveries_as_traveler cannot be negative';
comment on constraint user_statistics_offer_answer_seconds_check on app_public.user_statistics is 'offer_answer_seconds cannot be negative';
comment on constraint user_statistics_offer_answers_check on app_public.user_statistics is 'offer_answers cannot be negative';
comment on constraint user_statistics_pkey on app_public.user_statistics is 'user_id already has statistics';
comment on constraint user_statistics_response_time_minutes_check on app_public.user_statistics is 'response_time_minutes cannot be negative';
comment on constraint user_statistics_successful_as_traveler_check on app_public.user_statistics is 'successful_as_traveler cannot be negative';
comment on constraint user_statistics_successful_deliveries_check on app_public.user_statistics is 'successful_deliveries cannot be negative';
comment on constraint user_statistics_total_deliveries_check on app_public.user_statistics is 'total_deliveries cannot be negative';
comment on constraint user_statistics_total_ratings_check on app_public.user_statistics is 'total_ratings cannot be negative';
comment on constraint user_statistics_total_trips_check on app_public.user_statistics is 'total_trips cannot be negative';
comment on constraint user_statistics_user_id_fkey on app_public.user_statistics is 'user_id must name an existing user';

-- app_public.user_verification_documents
comment on constraint user_verification_documents_back_image_key_check on app_public.user_verification_documents is 'back_image_key must be a storage key of at most 512 letters, digits and / _ . = -';
comment on constraint user_verification_documents_check on app_public.user_verification_documents is 'rejection_reason: a rejected document has its reason, and only a rejected one has one';
comment on constraint user_verification_documents_check1 on app_public.user_verification_documents is 'reviewed_at: an approved or rejected document has its review time, and only then';
comment on constraint user_verification_documents_front_image_key_check on app_public.user_verification_documents is 'front_image_key must be a storage key of at most 512 letters, digits and / _ . = -';
comment on constraint user_verification_documents_id_selfie on app_public.user_verification_documents is 'selfie_image_key: an identity document needs a selfie';
comment on constraint user_verification_documents_licence_back on app_public.user_verification_documents is 'back_image_key: a driving licence needs its back side';
comment on index app_public.user_verification_documents_live_key is 'document_type: a document of this type is already waiting for review or approved';
comment on constraint user_verification_documents_pkey on app_public.user_verification_documents is 'id is already taken';
comment on constraint user_verification_documents_rejection_reason_check on app_public.user_verification_documents is 'rejection_reason must have 10 to 1000 characters';
comment on constraint user_verification_documents_selfie_image_key_check on app_public.user_verification_documents is 'selfie_image_key must be a storage key of at most 512 letters, digits and / _ . = -';
comment on constraint user_verification_documents_user_id_fkey on app_public.user_verification_documents is 'user_id must name an existing user';
comment on constraint user_verification_documents_verified_by_fkey on app_public.user_verification_documents is 'verified_by must name an existing admin';

-- app_public.users
comment on constraint users_bio_check on app_public.users is 'bio may have at most 500 characters';
comment on constraint users_first_name_check on app_public.users is 'first_name must have 1 to 100 characters';
comment on constraint users_picture_key_check on app_public.users is 'picture_key must be a storage key of at most 512 letters, digits and / _ . = -';
comment on constraint users_pkey on app_public.users is 'id is already taken';
comment on constraint users_referral_code_check on app_public.users is 'referral_code must have 6 to 16 capital letters or digits';
comment on index app_public.users_referral_code_key is 'referral_code is already taken';
comment on constraint users_referred_by_user_id_fkey on app_public.users is 'referred_by_user_id must name an existing user';

-- migrate:down
comment on constraint account_closures_check on app_private.account_closures is null;
comment on constraint account_closures_pkey on app_private.account_closures is null;
comment on constraint account_closures_reason_check on app_private.account_closures is null;
comment on constraint account_closures_user_id_fkey on app_private.account_closures is null;
comment on constraint admin_users_pkey on app_private.admin_users is null;
comment on constraint admin_users_user_id_fkey on app_private.admin_users is null;
comment on constraint api_request_budgets_pkey on app_private.api_request_budgets is null;
comment on constraint api_request_budgets_requests_check on app_private.api_request_budgets is null;
comment on constraint api_request_budgets_subject_check on app_private.api_request_budgets is null;
comment on constraint email_verification_tokens_email_id_fkey on app_private.email_verification_tokens is null;
comment on constraint email_verification_tokens_pkey on app_private.email_verification_tokens is null;
comment on constraint email_verification_tokens_token_hash_check on app_private.email_verification_tokens is null;
comment on constraint email_verification_tokens_token_hash_key on app_private.email_verification_tokens is null;
comment on constraint email_verification_tokens_user_id_fkey on app_private.email_verification_tokens is null;
comment on constraint emails_attempts_check on app_private.emails is null;
comment on constraint emails_check on app_private.emails is null;
comment on constraint emails_pkey on app_private.emails is null;
comment on constraint emails_subject_check on app_private.emails is null;
comment on constraint emails_user_id_fkey on app_private.emails is null;
comment on constraint login_attempts_email_check on app_private.login_attempts is null;
comment on constraint login_attempts_pkey on app_private.login_attempts is null;
comment on constraint login_attempts_user_id_fkey on app_private.login_attempts is null;
comment on constraint mfa_challenges_attempts_check on app_private.mfa_challenges is null;
comment on constraint mfa_challenges_pkey on app_private.mfa_challenges is null;
comment on constraint mfa_challenges_token_hash_check on app_private.mfa_challenges is null;
comment on constraint mfa_challenges_token_hash_key on app_private.mfa_challenges is null;
comment on constraint mfa_challenges_user_id_fkey on app_private.mfa_challenges is null;
comment on constraint password_reset_tokens_email_id_fkey on app_private.password_reset_tokens is null;
comment on constraint password_reset_tokens_pkey on app_private.password_reset_tokens is null;
comment on constraint password_reset_tokens_token_hash_check on app_private.password_reset_tokens is null;
comment on constraint password_reset_tokens_token_hash_key on app_private.password_reset_tokens is null;
comment on constraint password_reset_tokens_user_id_fkey on app_private.password_reset_tokens is null;
comment on constraint phone_verification_codes_attempts_check on app_private.phone_verification_codes is null;
comment on constraint phone_verification_codes_check on app_private.phone_verification_codes is null;
comment on constraint phone_verification_codes_phone_number_check on app_private.phone_verification_codes is null;
comment on constraint phone_verification_codes_pkey on app_private.phone_verification_codes is null;
comment on constraint phone_verification_codes_user_id_fkey on app_private.phone_verification_codes is null;
comment on constraint rate_limit_hits_bucket_check on app_private.rate_limit_hits is null;
comment on constraint rate_limit_hits_pkey on app_private.rate_limit_hits is null;
comment on constraint rate_limit_hits_subject_check on app_private.rate_limit_hits is null;
comment on constraint session_rotated_tokens_pkey on app_private.session_rotated_tokens is null;
comment on constraint session_rotated_tokens_session_id_fkey on app_private.session_rotated_tokens is null;
comment on constraint session_rotated_tokens_token_hash_check on app_private.session_rotated_tokens is null;
comment on constraint sessions_app_version_check on app_private.sessions is null;
comment on constraint sessions_device_id_check on app_private.sessions is null;
comment on constraint sessions_pkey on app_private.sessions is null;
comment on constraint sessions_refresh_token_hash_check on app_private.sessions is null;
comment on index app_private.sessions_refresh_token_hash_key is null;
comment on constraint sessions_user_id_fkey on app_private.sessions is null;
comment on constraint two_factor_setups_pkey on app_private.two_factor_setups is null;
comment on constraint two_factor_setups_user_id_fkey on app_private.two_factor_setups is null;
comment on constraint user_secrets_failed_login_count_check on app_private.user_secrets is null;
comment on constraint user_secrets_pkey on app_private.user_secrets is null;
comment on constraint user_secrets_user_id_fkey on app_private.user_secrets is null;
comment on constraint user_status_changes_changed_by_fkey on app_private.user_status_changes is null;
comment on constraint user_status_changes_pkey on app_private.user_status_changes is null;
comment on constraint user_status_changes_reason_check on app_private.user_status_changes is null;
comment on constraint user_status_changes_user_id_fkey on app_private.user_status_changes is null;
comment on constraint user_two_factor_auth_check on app_private.user_two_factor_auth is null;
comment on constraint user_two_factor_auth_pkey on app_private.user_two_factor_auth is null;
comment on constraint user_two_factor_auth_secret_key_id_check on app_private.user_two_factor_auth is null;
comment on constraint user_two_factor_auth_secret_sealed on app_private.user_two_factor_auth is null;
comment on constraint user_two_factor_auth_user_id_fkey on app_private.user_two_factor_auth is null;
comment on constraint worker_heartbeats_pkey on app_private.worker_heartbeats is null;
comment on constraint worker_heartbeats_worker_id_check on app_private.worker_heartbeats is null;
comment on constraint deliveries_cancellation on app_public.deliveries is null;
comment on constraint deliveries_cancellation_note_check on app_public.deliveries is null;
comment on constraint deliveries_cancelled_by_fkey on app_public.deliveries is null;
comment on constraint deliveries_currency_check on app_public.deliveries is null;
comment on constraint deliveries_customer_id_fkey on app_public.deliveries is null;
comment on constraint deliveries_delivered on app_public.deliveries is null;
comment on constraint deliveries_delivery_number_check on app_public.deliveries is null;
comment on constraint deliveries_delivery_number_key on app_public.deliveries is null;
comment on constraint deliveries_delivery_photo_key_check on app_public.deliveries is null;
comment on constraint deliveries_final_price_check on app_public.deliveries is null;
comment on constraint deliveries_offer_id_fkey on app_public.deliveries is null;
comment on constraint deliveries_offer_id_key on app_public.deliveries is null;
comment on index app_public.deliveries_one_live_per_request_key is null;
comment on constraint deliveries_parties_differ on app_public.deliveries is null;
comment on constraint deliveries_pickup_photo_key_check on app_public.deliveries is null;
comment on constraint deliveries_pkey on app_public.deliveries is null;
comment on constraint deliveries_platform_fee_check on app_public.deliveries is null;
comment on constraint deliveries_request_id_fkey on app_public.deliveries is null;
comment on constraint deliveries_signature_key_check on app_public.deliveries is null;
comment on constraint deliveries_terms_hash_check on app_public.deliveries is null;
comment on constraint deliveries_times_ordered on app_public.deliveries is null;
comment on constraint deliveries_traveler_id_fkey on app_public.deliveries is null;
comment on constraint deliveries_trip_id_fkey on app_public.deliveries is null;
comment on constraint deliveries_verification_check on app_public.deliveries is null;
comment on constraint delivery_offers_accepted on app_public.delivery_offers is null;
comment on constraint delivery_offers_closed on app_public.delivery_offers is null;
comment on constraint delivery_offers_closed_by_fkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_closing_note_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_currency_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_current_version_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_customer_id_fkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_decline_reason on app_public.delivery_offers is null;
comment on constraint delivery_offers_guarantees_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_not_own on app_public.delivery_offers is null;
comment on index app_public.delivery_offers_one_accepted_key is null;
comment on index app_public.delivery_offers_one_pending_key is null;
comment on constraint delivery_offers_pkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_price_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_request_id_fkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_terms_hash_check on app_public.delivery_offers is null;
comment on constraint delivery_offers_times_ordered on app_public.delivery_offers is null;
comment on constraint delivery_offers_traveler_id_fkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_trip_id_fkey on app_public.delivery_offers is null;
comment on constraint delivery_offers_withdraw_reason on app_public.delivery_offers is null;
comment on constraint delivery_requests_customer_id_fkey on app_public.delivery_requests is null;
comment on constraint delivery_requests_pkey on app_public.delivery_requests is null;
comment on constraint delivery_status_history_changed_by_fkey on app_public.delivery_status_history is null;
comment on constraint delivery_status_history_delivery_id_fkey on app_public.delivery_status_history is null;
comment on constraint delivery_status_history_pkey on app_public.delivery_status_history is null;
comment on constraint delivery_status_history_reason_check on app_public.delivery_status_history is null;
comment on constraint delivery_transitions_check on app_public.delivery_transitions is null;
comment on constraint delivery_transitions_pkey on app_public.delivery_transitions is null;
comment on constraint offer_versions_message_check on app_public.offer_versions is null;
comment on constraint offer_versions_offer_id_fkey on app_public.offer_versions is null;
comment on constraint offer_versions_offer_version_key on app_public.offer_versions is null;
comment on constraint offer_versions_pkey on app_public.offer_versions is null;
comment on constraint offer_versions_price_check on app_public.offer_versions is null;
comment on constraint offer_versions_proposed_by_user_id_fkey on app_public.offer_versions is null;
comment on constraint offer_versions_times_ordered on app_public.offer_versions is null;
comment on constraint offer_versions_version_check on app_public.offer_versions is null;
comment on constraint request_matches_detour_km_check on app_public.request_matches is null;
comment on constraint request_matches_factors_check on app_public.request_matches is null;
comment on constraint request_matches_pair_key on app_public.request_matches is null;
comment on constraint request_matches_pkey on app_public.request_matches is null;
comment on constraint request_matches_quoted_price_check on app_public.request_matches is null;
comment on constraint request_matches_request_id_fkey on app_public.request_matches is null;
comment on constraint request_matches_score_check on app_public.request_matches is null;
comment on constraint request_matches_trip_id_fkey on app_public.request_matches is null;
comment on constraint review_reports_details_check on app_public.review_reports is null;
comment on constraint review_reports_handled on app_public.review_reports is null;
comment on constraint review_reports_handled_by_fkey on app_public.review_reports is null;
comment on constraint review_reports_pkey on app_public.review_reports is null;
comment on constraint review_reports_reporter_id_fkey on app_public.review_reports is null;
comment on constraint review_reports_review_id_fkey on app_public.review_reports is null;
comment on constraint review_reports_review_reporter_key on app_public.review_reports is null;
comment on constraint reviews_accuracy_rating_check on app_public.reviews is null;
comment on constraint reviews_care_rating_check on app_public.reviews is null;
comment on constraint reviews_comment_check on app_public.reviews is null;
comment on constraint reviews_communication_rating_check on app_public.reviews is null;
comment on constraint reviews_delivery_id_fkey on app_public.reviews is null;
comment on constraint reviews_delivery_reviewer_key on app_public.reviews is null;
comment on constraint reviews_moderated_by_fkey on app_public.reviews is null;
comment on constraint reviews_moderation_note_check on app_public.reviews is null;
comment on constraint reviews_not_self on app_public.reviews is null;
comment on constraint reviews_overall_rating_check on app_public.reviews is null;
comment on constraint reviews_pkey on app_public.reviews is null;
comment on constraint reviews_punctuality_rating_check on app_public.reviews is null;
comment on constraint reviews_response on app_public.reviews is null;
comment on constraint reviews_response_check on app_public.reviews is null;
comment on constraint reviews_reviewee_id_fkey on app_public.reviews is null;
comment on constraint reviews_reviewer_id_fkey on app_public.reviews is null;
comment on constraint system_configuration_category_check on app_public.system_configuration is null;
comment on constraint system_configuration_category_key_key on app_public.system_configuration is null;
comment on constraint system_configuration_key_check on app_public.system_configuration is null;
comment on constraint system_configuration_pkey on app_public.system_configuration is null;
comment on constraint system_configuration_sensitive_not_public on app_public.system_configuration is null;
comment on constraint system_configuration_updated_by_fkey on app_public.system_configuration is E'@behavior -*\nThe user who changed the setting last.';
comment on constraint system_configuration_validation_check on app_public.system_configuration is null;
comment on constraint trip_capacity_reservations_delivery_id_fkey on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_delivery_id_key on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_items_check on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_pkey on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_trip_id_fkey on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_volume_l_check on app_public.trip_capacity_reservations is null;
comment on constraint trip_capacity_reservations_weight_kg_check on app_public.trip_capacity_reservations is null;
comment on constraint trip_templates_name_check on app_public.trip_templates is null;
comment on constraint trip_templates_pkey on app_public.trip_templates is null;
comment on constraint trip_templates_trip_data_check on app_public.trip_templates is null;
comment on constraint trip_templates_usage_count_check on app_public.trip_templates is null;
comment on constraint trip_templates_user_id_fkey on app_public.trip_templates is null;
comment on constraint trip_templates_user_name_key on app_public.trip_templates is null;
comment on constraint trip_weather_alerts_check on app_public.trip_weather is null;
comment on constraint trip_weather_check on app_public.trip_weather is null;
comment on constraint trip_weather_pkey on app_public.trip_weather is null;
comment on constraint trip_weather_provider_check on app_public.trip_weather is null;
comment on constraint trip_weather_trip_id_fkey on app_public.trip_weather is null;
comment on constraint trip_weather_trip_id_key on app_public.trip_weather is null;
comment on constraint trip_weather_weather_check on app_public.trip_weather is null;
comment on constraint trips_cancelled_by_fkey on app_public.trips is null;
comment on index app_public.trips_parent_departure_key is null;
comment on constraint trips_parent_trip_id_fkey on app_public.trips is null;
comment on constraint trips_pkey on app_public.trips is null;
comment on constraint trips_traveler_id_fkey on app_public.trips is null;
comment on constraint user_addresses_city_check on app_public.user_addresses is null;
comment on constraint user_addresses_country_check on app_public.user_addresses is null;
comment on constraint user_addresses_label_check on app_public.user_addresses is null;
comment on index app_public.user_addresses_one_default_key is null;
comment on constraint user_addresses_pkey on app_public.user_addresses is null;
comment on constraint user_addresses_postal_code_check on app_public.user_addresses is null;
comment on constraint user_addresses_street_check on app_public.user_addresses is null;
comment on constraint user_addresses_user_id_fkey on app_public.user_addresses is null;
comment on constraint user_blocks_blocked_id_fkey on app_public.user_blocks is null;
comment on constraint user_blocks_blocker_id_fkey on app_public.user_blocks is null;
comment on constraint user_blocks_not_self on app_public.user_blocks is null;
comment on constraint user_blocks_pair_key on app_public.user_blocks is null;
comment on constraint user_blocks_pkey on app_public.user_blocks is null;
comment on constraint user_contacts_email_check on app_public.user_contacts is null;
comment on constraint user_contacts_email_key on app_public.user_contacts is null;
comment on constraint user_contacts_last_name_check on app_public.user_contacts is null;
comment on constraint user_contacts_phone_number_check on app_public.user_contacts is null;
comment on constraint user_contacts_phone_verified_has_number on app_public.user_contacts is null;
comment on constraint user_contacts_pkey on app_public.user_contacts is null;
comment on constraint user_contacts_user_id_fkey on app_public.user_contacts is null;
comment on index app_public.user_contacts_verified_phone_key is null;
comment on constraint user_earnings_currency_check on app_public.user_earnings is null;
comment on constraint user_earnings_pkey on app_public.user_earnings is null;
comment on constraint user_earnings_total_earnings_check on app_public.user_earnings is null;
comment on constraint user_earnings_total_spent_check on app_public.user_earnings is null;
comment on constraint user_earnings_user_id_fkey on app_public.user_earnings is null;
comment on constraint user_favorites_not_self on app_public.user_favorites is null;
comment on constraint user_favorites_pair_key on app_public.user_favorites is null;
comment on constraint user_favorites_pkey on app_public.user_favorites is null;
comment on constraint user_favorites_traveler_id_fkey on app_public.user_favorites is null;
comment on constraint user_favorites_user_id_fkey on app_public.user_favorites is null;
comment on constraint user_preferences_location_shape on app_public.user_preferences is null;
comment on constraint user_preferences_pkey on app_public.user_preferences is null;
comment on constraint user_preferences_privacy_shape on app_public.user_preferences is null;
comment on constraint user_preferences_user_id_fkey on app_public.user_preferences is null;
comment on constraint user_reports_check on app_public.user_reports is null;
comment on constraint user_reports_check1 on app_public.user_reports is null;
comment on constraint user_reports_delivery_id_fkey on app_public.user_reports is null;
comment on constraint user_reports_delivery_request_id_fkey on app_public.user_reports is null;
comment on constraint user_reports_description_check on app_public.user_reports is null;
comment on constraint user_reports_handled_by_fkey on app_public.user_reports is null;
comment on constraint user_reports_not_self on app_public.user_reports is null;
comment on index app_public.user_reports_open_pair_key is null;
comment on constraint user_reports_pkey on app_public.user_reports is null;
comment on constraint user_reports_reported_user_id_fkey on app_public.user_reports is null;
comment on constraint user_reports_reporter_id_fkey on app_public.user_reports is null;
comment on constraint user_reports_resolution_notes_check on app_public.user_reports is null;
comment on constraint user_statistics_average_rating_check on app_public.user_statistics is null;
comment on constraint user_statistics_cancelled_as_traveler_check on app_public.user_statistics is null;
comment on constraint user_statistics_cancelled_deliveries_check on app_public.user_statistics is null;
comment on constraint user_statistics_check on app_public.user_statistics is null;
comment on constraint user_statistics_check1 on app_public.user_statistics is null;
comment on constraint user_statistics_check2 on app_public.user_statistics is null;
comment on constraint user_statistics_check3 on app_public.user_statistics is null;
comment on constraint user_statistics_deliveries_as_traveler_check on app_public.user_statistics is null;
comment on constraint user_statistics_offer_answer_seconds_check on app_public.user_statistics is null;
comment on constraint user_statistics_offer_answers_check on app_public.user_statistics is null;
comment on constraint user_statistics_pkey on app_public.user_statistics is null;
comment on constraint user_statistics_response_time_minutes_check on app_public.user_statistics is null;
comment on constraint user_statistics_successful_as_traveler_check on app_public.user_statistics is null;
comment on constraint user_statistics_successful_deliveries_check on app_public.user_statistics is null;
comment on constraint user_statistics_total_deliveries_check on app_public.user_statistics is null;
comment on constraint user_statistics_total_ratings_check on app_public.user_statistics is null;
comment on constraint user_statistics_total_trips_check on app_public.user_statistics is null;
comment on constraint user_statistics_user_id_fkey on app_public.user_statistics is null;
comment on constraint user_verification_documents_back_image_key_check on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_check on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_check1 on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_front_image_key_check on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_id_selfie on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_licence_back on app_public.user_verification_documents is null;
comment on index app_public.user_verification_documents_live_key is null;
comment on constraint user_verification_documents_pkey on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_rejection_reason_check on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_selfie_image_key_check on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_user_id_fkey on app_public.user_verification_documents is null;
comment on constraint user_verification_documents_verified_by_fkey on app_public.user_verification_documents is null;
comment on constraint users_bio_check on app_public.users is null;
comment on constraint users_first_name_check on app_public.users is null;
comment on constraint users_picture_key_check on app_public.users is null;
comment on constraint users_pkey on app_public.users is null;
comment on constraint users_referral_code_check on app_public.users is null;
comment on index app_public.users_referral_code_key is null;
comment on constraint users_referred_by_user_id_fkey on app_public.users is null;
