--
-- PostgreSQL database dump
--

\restrict app

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app_hidden; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_hidden;


--
-- Name: SCHEMA app_hidden; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app_hidden IS 'Helpers the API roles may call (RLS helpers, triggers) but which are not exposed.';


--
-- Name: app_private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_private;


--
-- Name: SCHEMA app_private; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app_private IS 'Secrets, tokens and server-only state: no privileges for the API roles.';


--
-- Name: app_public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_public;


--
-- Name: SCHEMA app_public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app_public IS 'The GraphQL API: every object here is exposed by PostGraphile, subject to grants and RLS.';


--
-- Name: btree_gin; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;


--
-- Name: EXTENSION btree_gin; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gin IS 'support for indexing common datatypes in GIN';


--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;


--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';


--
-- Name: plpgsql_check; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS plpgsql_check WITH SCHEMA public;


--
-- Name: EXTENSION plpgsql_check; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION plpgsql_check IS 'extended check for plpgsql functions';


--
-- Name: postgis; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;


--
-- Name: EXTENSION postgis; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION postgis IS 'PostGIS geometry and geography spatial types and functions';


--
-- Name: pair_match; Type: TYPE; Schema: app_hidden; Owner: -
--

CREATE TYPE app_hidden.pair_match AS (
	request_id uuid,
	trip_id uuid,
	departure_time timestamp with time zone,
	score numeric,
	detour_km numeric,
	quoted_price bigint,
	factors jsonb
);


--
-- Name: account_closure_kind; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.account_closure_kind AS ENUM (
    'deactivated',
    'deleted'
);


--
-- Name: email_kind; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.email_kind AS ENUM (
    'plain',
    'verify_email',
    'password_reset'
);


--
-- Name: email_status; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.email_status AS ENUM (
    'queued',
    'sent',
    'failed'
);


--
-- Name: login_outcome; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.login_outcome AS ENUM (
    'success',
    'wrong_password',
    'unknown_email',
    'locked',
    'rate_limited'
);


--
-- Name: address_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.address_type AS ENUM (
    'home',
    'work',
    'other'
);


--
-- Name: TYPE address_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.address_type IS 'Kind of a saved address.';


--
-- Name: admin_role; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.admin_role AS ENUM (
    'super_admin',
    'admin',
    'moderator',
    'support',
    'finance',
    'analyst'
);


--
-- Name: TYPE admin_role; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.admin_role IS 'Role of a platform administrator; each role implies a set of permissions.';


--
-- Name: jwt_token; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.jwt_token AS (
	role text,
	session_id uuid,
	exp bigint
);


--
-- Name: TYPE jwt_token; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.jwt_token IS 'Claims of an access token: the database role and the device session it belongs to.';


--
-- Name: COLUMN jwt_token.role; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.jwt_token.role IS 'Database role the token grants (app_user).';


--
-- Name: COLUMN jwt_token.session_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.jwt_token.session_id IS 'Device session the token belongs to.';


--
-- Name: COLUMN jwt_token.exp; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.jwt_token.exp IS 'Expiry of the token, in seconds since the epoch.';


--
-- Name: auth_result; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.auth_result AS (
	access_token app_public.jwt_token,
	refresh_token text,
	mfa_challenge text
);


--
-- Name: TYPE auth_result; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.auth_result IS 'Answer of a successful login or refresh: a signed access token and a refresh token, or an MFA challenge to answer first.';


--
-- Name: COLUMN auth_result.access_token; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.auth_result.access_token IS 'Access JWT (30 minutes) for the Authorization header.';


--
-- Name: COLUMN auth_result.refresh_token; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.auth_result.refresh_token IS 'Refresh token of this device session, shown once; exchange it with refreshSession before it expires.';


--
-- Name: COLUMN auth_result.mfa_challenge; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.auth_result.mfa_challenge IS 'Reserved for two-factor login: the challenge to answer with a TOTP or backup code.';


--
-- Name: block_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.block_reason AS ENUM (
    'inappropriate_behavior',
    'spam',
    'harassment',
    'unreliable',
    'fraud_concern',
    'safety_concern',
    'other'
);


--
-- Name: TYPE block_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.block_reason IS 'Why a user blocked another (private to the blocker).';


--
-- Name: configuration_data_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.configuration_data_type AS ENUM (
    'boolean',
    'integer',
    'number',
    'string',
    'array',
    'object'
);


--
-- Name: TYPE configuration_data_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.configuration_data_type IS 'JSON type a setting''s value must have (integer: a number without fraction).';


--
-- Name: delivery_cancel_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.delivery_cancel_reason AS ENUM (
    'no_longer_needed',
    'found_alternative',
    'traveler_unresponsive',
    'schedule_changed',
    'trip_cancelled',
    'item_not_as_described',
    'cannot_inspect',
    'prohibited_item',
    'payment_failed',
    'admin_decision',
    'other'
);


--
-- Name: TYPE delivery_cancel_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.delivery_cancel_reason IS 'Why a delivery was cancelled.';


--
-- Name: delivery_contact; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.delivery_contact AS (
	counterpart_name text,
	counterpart_phone text,
	pickup_address text,
	pickup_contact_name text,
	pickup_contact_phone text,
	pickup_instructions text,
	delivery_address text,
	delivery_contact_name text,
	delivery_contact_phone text,
	delivery_instructions text,
	available_until timestamp with time zone
);


--
-- Name: TYPE delivery_contact; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.delivery_contact IS 'Contacts and exact addresses of a delivery, for its parties from acceptance until shortly after delivery.';


--
-- Name: COLUMN delivery_contact.counterpart_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.counterpart_name IS 'Full name of the other party.';


--
-- Name: COLUMN delivery_contact.counterpart_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.counterpart_phone IS 'Verified phone number of the other party, if any.';


--
-- Name: COLUMN delivery_contact.pickup_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.pickup_address IS 'Exact pickup address.';


--
-- Name: COLUMN delivery_contact.pickup_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.pickup_contact_name IS 'Who hands the item over.';


--
-- Name: COLUMN delivery_contact.pickup_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.pickup_contact_phone IS 'Phone of the pickup contact.';


--
-- Name: COLUMN delivery_contact.pickup_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.pickup_instructions IS 'Instructions for the pickup.';


--
-- Name: COLUMN delivery_contact.delivery_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.delivery_address IS 'Exact drop-off address.';


--
-- Name: COLUMN delivery_contact.delivery_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.delivery_contact_name IS 'Who receives the item.';


--
-- Name: COLUMN delivery_contact.delivery_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.delivery_contact_phone IS 'Phone of the recipient.';


--
-- Name: COLUMN delivery_contact.delivery_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.delivery_instructions IS 'Instructions for the drop-off.';


--
-- Name: COLUMN delivery_contact.available_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_contact.available_until IS 'When these details stop being shown (NULL: while the delivery is live).';


--
-- Name: item_category; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.item_category AS ENUM (
    'documents',
    'electronics',
    'clothing',
    'food',
    'fragile',
    'books',
    'gifts',
    'other'
);


--
-- Name: TYPE item_category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.item_category IS 'What kind of item a delivery request is about.';


--
-- Name: urgency_level; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.urgency_level AS ENUM (
    'standard',
    'express',
    'urgent'
);


--
-- Name: TYPE urgency_level; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.urgency_level IS 'How urgently an item must arrive; priced by pricing.urgency_multipliers.';


--
-- Name: delivery_request_details; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.delivery_request_details AS (
	title text,
	description text,
	category app_public.item_category,
	urgency app_public.urgency_level,
	item_name text,
	quantity integer,
	weight_kg numeric,
	length_cm numeric,
	width_cm numeric,
	height_cm numeric,
	declared_value bigint,
	currency text,
	is_fragile boolean,
	is_perishable boolean,
	is_hazardous boolean,
	requires_signature boolean,
	pickup_address text,
	pickup_point public.geography(Point,4326),
	pickup_city text,
	pickup_country text,
	pickup_contact_name text,
	pickup_contact_phone text,
	pickup_instructions text,
	pickup_window_start timestamp with time zone,
	pickup_window_end timestamp with time zone,
	delivery_address text,
	delivery_point public.geography(Point,4326),
	delivery_city text,
	delivery_country text,
	delivery_contact_name text,
	delivery_contact_phone text,
	delivery_instructions text,
	delivery_window_start timestamp with time zone,
	delivery_window_end timestamp with time zone,
	max_price bigint,
	auto_accept_price bigint,
	preferred_travelers uuid[],
	blacklisted_travelers uuid[],
	min_traveler_rating numeric,
	verification_required boolean,
	background_check_required boolean,
	expires_at timestamp with time zone
);


--
-- Name: TYPE delivery_request_details; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.delivery_request_details IS 'Everything a customer enters for a delivery request (create, or replace while open).';


--
-- Name: COLUMN delivery_request_details.title; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.title IS 'Short title (5–255 characters). Required.';


--
-- Name: COLUMN delivery_request_details.description; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.description IS 'Longer description (up to 2000 characters).';


--
-- Name: COLUMN delivery_request_details.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.category IS 'Kind of item. Required.';


--
-- Name: COLUMN delivery_request_details.urgency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.urgency IS 'Urgency; standard when null.';


--
-- Name: COLUMN delivery_request_details.item_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.item_name IS 'Name of the item. Required.';


--
-- Name: COLUMN delivery_request_details.quantity; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.quantity IS 'Units (1 to limits.max_quantity); 1 when null.';


--
-- Name: COLUMN delivery_request_details.weight_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.weight_kg IS 'Weight of one unit in kg. Required.';


--
-- Name: COLUMN delivery_request_details.length_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.length_cm IS 'Length of one unit in cm; all three dimensions or none.';


--
-- Name: COLUMN delivery_request_details.width_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.width_cm IS 'Width of one unit in cm.';


--
-- Name: COLUMN delivery_request_details.height_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.height_cm IS 'Height of one unit in cm.';


--
-- Name: COLUMN delivery_request_details.declared_value; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.declared_value IS 'Declared value in minor units; 0 when null.';


--
-- Name: COLUMN delivery_request_details.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.currency IS 'ISO 4217 currency from platform.supported_currencies; platform.default_currency when null.';


--
-- Name: COLUMN delivery_request_details.is_fragile; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.is_fragile IS 'Fragile item; false when null.';


--
-- Name: COLUMN delivery_request_details.is_perishable; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.is_perishable IS 'Perishable item; false when null.';


--
-- Name: COLUMN delivery_request_details.is_hazardous; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.is_hazardous IS 'Hazardous item; true is refused.';


--
-- Name: COLUMN delivery_request_details.requires_signature; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.requires_signature IS 'Signature on delivery; false when null.';


--
-- Name: COLUMN delivery_request_details.pickup_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_address IS 'Exact pickup address. Required.';


--
-- Name: COLUMN delivery_request_details.pickup_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_point IS 'Pickup location. Required.';


--
-- Name: COLUMN delivery_request_details.pickup_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_city IS 'Pickup city. Required.';


--
-- Name: COLUMN delivery_request_details.pickup_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_country IS 'Pickup country (ISO 3166-1 alpha-2). Required.';


--
-- Name: COLUMN delivery_request_details.pickup_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_contact_name IS 'Who hands the item over.';


--
-- Name: COLUMN delivery_request_details.pickup_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_contact_phone IS 'Phone of the pickup contact (E.164).';


--
-- Name: COLUMN delivery_request_details.pickup_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_instructions IS 'Instructions for the pickup.';


--
-- Name: COLUMN delivery_request_details.pickup_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_window_start IS 'Earliest pickup (with pickup_window_end, or neither).';


--
-- Name: COLUMN delivery_request_details.pickup_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.pickup_window_end IS 'Latest pickup, in the future and after the start.';


--
-- Name: COLUMN delivery_request_details.delivery_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_address IS 'Exact drop-off address. Required.';


--
-- Name: COLUMN delivery_request_details.delivery_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_point IS 'Drop-off location. Required.';


--
-- Name: COLUMN delivery_request_details.delivery_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_city IS 'Drop-off city. Required.';


--
-- Name: COLUMN delivery_request_details.delivery_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_country IS 'Drop-off country (ISO 3166-1 alpha-2). Required.';


--
-- Name: COLUMN delivery_request_details.delivery_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_contact_name IS 'Who receives the item.';


--
-- Name: COLUMN delivery_request_details.delivery_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_contact_phone IS 'Phone of the recipient (E.164).';


--
-- Name: COLUMN delivery_request_details.delivery_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_instructions IS 'Instructions for the drop-off.';


--
-- Name: COLUMN delivery_request_details.delivery_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_window_start IS 'Earliest drop-off (with delivery_window_end, or neither).';


--
-- Name: COLUMN delivery_request_details.delivery_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.delivery_window_end IS 'Latest drop-off, after the start and after the pickup window starts.';


--
-- Name: COLUMN delivery_request_details.max_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.max_price IS 'Most the customer pays, in minor units (limits.min_request_price to limits.max_request_price). Required.';


--
-- Name: COLUMN delivery_request_details.auto_accept_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.auto_accept_price IS 'Auto-accept offers up to this price (at most max_price).';


--
-- Name: COLUMN delivery_request_details.preferred_travelers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.preferred_travelers IS 'Preferred travelers (at most 50).';


--
-- Name: COLUMN delivery_request_details.blacklisted_travelers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.blacklisted_travelers IS 'Travelers never shown this request (at most 50).';


--
-- Name: COLUMN delivery_request_details.min_traveler_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.min_traveler_rating IS 'Lowest traveler rating (1–5).';


--
-- Name: COLUMN delivery_request_details.verification_required; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.verification_required IS 'Traveler must be id_verified; false when null.';


--
-- Name: COLUMN delivery_request_details.background_check_required; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.background_check_required IS 'Traveler must be fully_verified; false when null.';


--
-- Name: COLUMN delivery_request_details.expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_request_details.expires_at IS 'Expiry; now + requests.expiry_days when null (on create), unchanged when null (on update); at most requests.max_expiry_days after creation.';


--
-- Name: delivery_request_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.delivery_request_status AS ENUM (
    'pending',
    'matched',
    'accepted',
    'picked_up',
    'in_transit',
    'delivered',
    'cancelled',
    'expired'
);


--
-- Name: TYPE delivery_request_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.delivery_request_status IS 'Lifecycle of a delivery request: pending (or matched while it has pending offers) until an offer is accepted; then it mirrors the delivery; cancelled by the customer or expired.';


--
-- Name: delivery_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.delivery_status AS ENUM (
    'accepted',
    'pickup_scheduled',
    'picked_up',
    'in_transit',
    'delivery_scheduled',
    'delivered',
    'cancelled',
    'disputed'
);


--
-- Name: TYPE delivery_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.delivery_status IS 'Lifecycle of a delivery; allowed moves are the rows of delivery_transitions.';


--
-- Name: device_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.device_type AS ENUM (
    'mobile',
    'web',
    'tablet',
    'desktop'
);


--
-- Name: TYPE device_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.device_type IS 'Kind of device a session runs on.';


--
-- Name: document_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.document_type AS ENUM (
    'passport',
    'driving_license',
    'national_id',
    'utility_bill',
    'bank_statement',
    'other'
);


--
-- Name: TYPE document_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.document_type IS 'Kind of an identity or address document: passport, driving_license and national_id prove identity, utility_bill and bank_statement prove an address.';


--
-- Name: escrow_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.escrow_status AS ENUM (
    'pending',
    'held',
    'released',
    'disputed',
    'refunded',
    'partially_refunded',
    'cancelled'
);


--
-- Name: TYPE escrow_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.escrow_status IS 'State of the traveler''s share: pending until captured, held, then released, refunded or cancelled.';


--
-- Name: file_purpose; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.file_purpose AS ENUM (
    'avatar',
    'verification_document',
    'item_photo',
    'pickup_evidence',
    'delivery_evidence',
    'refused_pickup',
    'dispute_evidence'
);


--
-- Name: TYPE file_purpose; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.file_purpose IS 'What a file is for; it decides the accepted content types and who may read it.';


--
-- Name: file_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.file_status AS ENUM (
    'pending',
    'uploaded',
    'ready',
    'rejected'
);


--
-- Name: TYPE file_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.file_status IS 'pending (waiting for its bytes), uploaded (bytes checked, waiting for the malware scan), ready, or rejected.';


--
-- Name: moderation_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.moderation_status AS ENUM (
    'pending',
    'approved',
    'rejected'
);


--
-- Name: TYPE moderation_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.moderation_status IS 'Moderation of a review: approved (published; the default), pending (hidden by reports, awaiting a moderator) or rejected (removed).';


--
-- Name: offer_decline_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.offer_decline_reason AS ENUM (
    'price_too_high',
    'timing_not_suitable',
    'prefer_other_traveler',
    'another_offer_accepted',
    'request_cancelled',
    'request_changed',
    'blocked',
    'other'
);


--
-- Name: TYPE offer_decline_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.offer_decline_reason IS 'Why an offer thread was declined (by a party or by the platform).';


--
-- Name: offer_party; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.offer_party AS ENUM (
    'customer',
    'traveler'
);


--
-- Name: TYPE offer_party; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.offer_party IS 'Side of an offer thread.';


--
-- Name: offer_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.offer_status AS ENUM (
    'pending',
    'accepted',
    'declined',
    'expired',
    'withdrawn',
    'cancelled'
);


--
-- Name: TYPE offer_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.offer_status IS 'State of an offer thread: pending while negotiated, then accepted, declined, expired, withdrawn or cancelled.';


--
-- Name: offer_withdraw_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.offer_withdraw_reason AS ENUM (
    'schedule_changed',
    'found_better_option',
    'no_longer_available',
    'other'
);


--
-- Name: TYPE offer_withdraw_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.offer_withdraw_reason IS 'Why a traveler withdrew an offer.';


--
-- Name: payment_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.payment_status AS ENUM (
    'requires_payment_method',
    'requires_confirmation',
    'requires_action',
    'processing',
    'requires_capture',
    'succeeded',
    'canceled',
    'failed'
);


--
-- Name: TYPE payment_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.payment_status IS 'State of a payment (Stripe''s PaymentIntent statuses, plus failed after a declined attempt).';


--
-- Name: payout_account_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.payout_account_status AS ENUM (
    'pending',
    'active',
    'restricted',
    'inactive'
);


--
-- Name: TYPE payout_account_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.payout_account_status IS 'State of a traveler''s payout (connected) account.';


--
-- Name: payout_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.payout_status AS ENUM (
    'pending',
    'in_transit',
    'paid',
    'failed',
    'canceled'
);


--
-- Name: TYPE payout_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.payout_status IS 'State of a payout to a traveler''s bank.';


--
-- Name: payout_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.payout_type AS ENUM (
    'standard',
    'instant'
);


--
-- Name: TYPE payout_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.payout_type IS 'Speed of a payout.';


--
-- Name: platform; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.platform AS ENUM (
    'ios',
    'android',
    'web',
    'windows',
    'macos',
    'linux'
);


--
-- Name: TYPE platform; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.platform IS 'Operating system or platform of a device session.';


--
-- Name: public_review; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.public_review AS (
	id uuid,
	reviewee_id uuid,
	reviewer_id uuid,
	reviewer_name text,
	reviewer_role app_public.offer_party,
	overall_rating integer,
	communication_rating integer,
	punctuality_rating integer,
	care_rating integer,
	accuracy_rating integer,
	comment text,
	is_anonymous boolean,
	is_verified boolean,
	response text,
	response_at timestamp with time zone,
	edited_at timestamp with time zone,
	created_at timestamp with time zone
);


--
-- Name: TYPE public_review; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.public_review IS 'A published review as other users see it: anonymous reviews carry no author.';


--
-- Name: COLUMN public_review.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.id IS 'Identifier of the review.';


--
-- Name: COLUMN public_review.reviewee_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.reviewee_id IS 'The user reviewed.';


--
-- Name: COLUMN public_review.reviewer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.reviewer_id IS 'The author (NULL when anonymous).';


--
-- Name: COLUMN public_review.reviewer_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.reviewer_name IS 'Display name of the author (NULL when anonymous).';


--
-- Name: COLUMN public_review.reviewer_role; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.reviewer_role IS 'Side of the author: customer or traveler.';


--
-- Name: COLUMN public_review.overall_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.overall_rating IS 'Overall rating, 1–5.';


--
-- Name: COLUMN public_review.communication_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.communication_rating IS 'Communication, 1–5.';


--
-- Name: COLUMN public_review.punctuality_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.punctuality_rating IS 'Punctuality, 1–5.';


--
-- Name: COLUMN public_review.care_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.care_rating IS 'Care, 1–5.';


--
-- Name: COLUMN public_review.accuracy_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.accuracy_rating IS 'Accuracy, 1–5.';


--
-- Name: COLUMN public_review.comment; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.comment IS 'Free text.';


--
-- Name: COLUMN public_review.is_anonymous; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.is_anonymous IS 'Whether the author chose to stay anonymous.';


--
-- Name: COLUMN public_review.is_verified; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.is_verified IS 'Whether the delivery was proven delivered.';


--
-- Name: COLUMN public_review.response; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.response IS 'The reviewee''s answer.';


--
-- Name: COLUMN public_review.response_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.response_at IS 'When the reviewee answered.';


--
-- Name: COLUMN public_review.edited_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.edited_at IS 'When the author last edited it.';


--
-- Name: COLUMN public_review.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.public_review.created_at IS 'When it was written.';


--
-- Name: refund_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.refund_reason AS ENUM (
    'delivery_cancelled',
    'item_damaged',
    'service_not_provided',
    'customer_request',
    'dispute_resolution',
    'duplicate'
);


--
-- Name: TYPE refund_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.refund_reason IS 'Why money went back to the customer.';


--
-- Name: refund_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.refund_status AS ENUM (
    'pending',
    'succeeded',
    'failed',
    'canceled'
);


--
-- Name: TYPE refund_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.refund_status IS 'State of a refund.';


--
-- Name: release_condition; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.release_condition AS ENUM (
    'delivery_confirmed',
    'hold_expired',
    'dispute_resolved',
    'manual_release'
);


--
-- Name: TYPE release_condition; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.release_condition IS 'Why an escrow was released to the traveler.';


--
-- Name: report_priority; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.report_priority AS ENUM (
    'low',
    'medium',
    'high',
    'urgent'
);


--
-- Name: TYPE report_priority; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.report_priority IS 'How soon moderators should look at a report.';


--
-- Name: report_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.report_reason AS ENUM (
    'inappropriate_content',
    'spam',
    'harassment',
    'false_information',
    'other'
);


--
-- Name: TYPE report_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.report_reason IS 'Why a review was reported.';


--
-- Name: report_resolution_action; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.report_resolution_action AS ENUM (
    'none',
    'warning',
    'suspension',
    'ban',
    'content_removed'
);


--
-- Name: TYPE report_resolution_action; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.report_resolution_action IS 'What moderators did about a report.';


--
-- Name: report_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.report_status AS ENUM (
    'pending',
    'reviewed',
    'resolved',
    'dismissed'
);


--
-- Name: TYPE report_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.report_status IS 'Moderation state of a report: pending → reviewed → resolved or dismissed.';


--
-- Name: request_cancel_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.request_cancel_reason AS ENUM (
    'no_longer_needed',
    'found_alternative',
    'too_expensive',
    'other'
);


--
-- Name: TYPE request_cancel_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.request_cancel_reason IS 'Why a customer cancelled a delivery request.';


--
-- Name: request_listing; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.request_listing AS (
	id uuid,
	title text,
	category app_public.item_category,
	urgency app_public.urgency_level,
	quantity integer,
	total_weight numeric,
	total_volume_l numeric,
	is_fragile boolean,
	pickup_city text,
	pickup_country text,
	pickup_point public.geography(Point,4326),
	pickup_window_start timestamp with time zone,
	pickup_window_end timestamp with time zone,
	delivery_city text,
	delivery_country text,
	delivery_point public.geography(Point,4326),
	delivery_window_start timestamp with time zone,
	delivery_window_end timestamp with time zone,
	distance_km numeric,
	max_price bigint,
	currency text,
	expires_at timestamp with time zone,
	customer_display_name text,
	customer_average_rating numeric
);


--
-- Name: TYPE request_listing; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.request_listing IS 'A delivery request as travelers see it in the marketplace: cities, approximate points, windows, an item summary and the price, never exact addresses or contacts.';


--
-- Name: COLUMN request_listing.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.id IS 'Identifier of the request (to make an offer or report it).';


--
-- Name: COLUMN request_listing.title; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.title IS 'Title of the request.';


--
-- Name: COLUMN request_listing.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.category IS 'Kind of item.';


--
-- Name: COLUMN request_listing.urgency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.urgency IS 'How urgently the item must arrive.';


--
-- Name: COLUMN request_listing.quantity; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.quantity IS 'Number of units.';


--
-- Name: COLUMN request_listing.total_weight; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.total_weight IS 'Total weight in kg.';


--
-- Name: COLUMN request_listing.total_volume_l; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.total_volume_l IS 'Total volume in litres.';


--
-- Name: COLUMN request_listing.is_fragile; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.is_fragile IS 'Whether the item is fragile.';


--
-- Name: COLUMN request_listing.pickup_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.pickup_city IS 'Pickup city.';


--
-- Name: COLUMN request_listing.pickup_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.pickup_country IS 'Pickup country.';


--
-- Name: COLUMN request_listing.pickup_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.pickup_point IS 'Pickup location snapped to a 0.01° grid (not the exact place).';


--
-- Name: COLUMN request_listing.pickup_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.pickup_window_start IS 'Earliest pickup.';


--
-- Name: COLUMN request_listing.pickup_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.pickup_window_end IS 'Latest pickup.';


--
-- Name: COLUMN request_listing.delivery_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.delivery_city IS 'Drop-off city.';


--
-- Name: COLUMN request_listing.delivery_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.delivery_country IS 'Drop-off country.';


--
-- Name: COLUMN request_listing.delivery_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.delivery_point IS 'Drop-off location snapped to a 0.01° grid (not the exact place).';


--
-- Name: COLUMN request_listing.delivery_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.delivery_window_start IS 'Earliest drop-off.';


--
-- Name: COLUMN request_listing.delivery_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.delivery_window_end IS 'Latest drop-off.';


--
-- Name: COLUMN request_listing.distance_km; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.distance_km IS 'Distance in km from the searched point to the snapped pickup point, to 0.1 km.';


--
-- Name: COLUMN request_listing.max_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.max_price IS 'Most the customer pays, in minor units.';


--
-- Name: COLUMN request_listing.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.currency IS 'Currency of max_price.';


--
-- Name: COLUMN request_listing.expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.expires_at IS 'When the request expires.';


--
-- Name: COLUMN request_listing.customer_display_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.customer_display_name IS 'Display name of the customer.';


--
-- Name: COLUMN request_listing.customer_average_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_listing.customer_average_rating IS 'The customer''s average rating (null when unrated or when the customer hides statistics).';


--
-- Name: request_match; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.request_match AS (
	request_id uuid,
	score numeric,
	detour_km numeric,
	quoted_price bigint,
	factors jsonb
);


--
-- Name: TYPE request_match; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.request_match IS 'A delivery request that fits a trip (matchingRequests), with its score.';


--
-- Name: COLUMN request_match.request_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_match.request_id IS 'The matching request (its masked listing is in searchRequests).';


--
-- Name: COLUMN request_match.score; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_match.score IS 'Score 0–1: the weighted factors plus the favorite bonus, capped at 1 (4 decimals).';


--
-- Name: COLUMN request_match.detour_km; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_match.detour_km IS 'Extra km the traveler drives: d(origin, pickup) + d(pickup, drop-off) + d(drop-off, destination) − d(origin, destination).';


--
-- Name: COLUMN request_match.quoted_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_match.quoted_price IS 'quotePrice of the request on this trip, in minor units of the request''s currency.';


--
-- Name: COLUMN request_match.factors; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_match.factors IS 'Each factor''s value 0–1 (route, timing, reliability, rating, price, newcomer) and the bonus.';


--
-- Name: review_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.review_status AS ENUM (
    'active',
    'hidden',
    'deleted'
);


--
-- Name: TYPE review_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.review_status IS 'Whether a review shows: active, hidden (reported, awaiting moderation) or deleted (removed by moderation).';


--
-- Name: session_info; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.session_info AS (
	id uuid,
	device_id text,
	device_type app_public.device_type,
	platform app_public.platform,
	app_version text,
	ip inet,
	created_at timestamp with time zone,
	last_active_at timestamp with time zone,
	expires_at timestamp with time zone,
	is_current boolean
);


--
-- Name: TYPE session_info; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.session_info IS 'A live device session of the current user (never its tokens).';


--
-- Name: COLUMN session_info.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.id IS 'Id of the session, to give to revokeSession (rowId in GraphQL).';


--
-- Name: COLUMN session_info.device_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.device_id IS 'Identifier the client gave for its device.';


--
-- Name: COLUMN session_info.device_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.device_type IS 'Kind of device.';


--
-- Name: COLUMN session_info.platform; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.platform IS 'Platform of the device.';


--
-- Name: COLUMN session_info.app_version; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.app_version IS 'Version of the app that opened the session.';


--
-- Name: COLUMN session_info.ip; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.ip IS 'Client address when the session started.';


--
-- Name: COLUMN session_info.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.created_at IS 'When the session started.';


--
-- Name: COLUMN session_info.last_active_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.last_active_at IS 'When the session was last used (to the minute).';


--
-- Name: COLUMN session_info.expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.expires_at IS 'When the session ends unless refreshed.';


--
-- Name: COLUMN session_info.is_current; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.session_info.is_current IS 'Whether this is the session of the request.';


--
-- Name: transition_source; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.transition_source AS ENUM (
    'user',
    'qr_scan',
    'backup_code',
    'emergency_override',
    'system',
    'admin'
);


--
-- Name: TYPE transition_source; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.transition_source IS 'What caused a delivery status change.';


--
-- Name: trip_cancel_reason; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_cancel_reason AS ENUM (
    'personal_emergency',
    'schedule_change',
    'weather',
    'other'
);


--
-- Name: TYPE trip_cancel_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_cancel_reason IS 'Why a trip was cancelled.';


--
-- Name: trip_match; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_match AS (
	trip_id uuid,
	score numeric,
	detour_km numeric,
	quoted_price bigint,
	factors jsonb
);


--
-- Name: TYPE trip_match; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_match IS 'A trip that fits a delivery request (matchingTrips), with its score.';


--
-- Name: COLUMN trip_match.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_match.trip_id IS 'The matching trip.';


--
-- Name: COLUMN trip_match.score; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_match.score IS 'Score 0–1: the weighted factors plus the favorite bonus, capped at 1 (4 decimals).';


--
-- Name: COLUMN trip_match.detour_km; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_match.detour_km IS 'Extra km the traveler drives: d(origin, pickup) + d(pickup, drop-off) + d(drop-off, destination) − d(origin, destination).';


--
-- Name: COLUMN trip_match.quoted_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_match.quoted_price IS 'quotePrice of the request on this trip, in minor units of the request''s currency.';


--
-- Name: COLUMN trip_match.factors; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_match.factors IS 'Each factor''s value 0–1 (route, timing, reliability, rating, price, newcomer) and the bonus.';


--
-- Name: trip_reservation_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_reservation_status AS ENUM (
    'reserved',
    'released',
    'consumed'
);


--
-- Name: TYPE trip_reservation_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_reservation_status IS 'State of a capacity reservation: reserved (held for an accepted delivery awaiting pickup), released (given back, e.g. on cancellation), consumed (the item was picked up; never given back).';


--
-- Name: trip_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_status AS ENUM (
    'upcoming',
    'active',
    'completed',
    'cancelled',
    'delayed'
);


--
-- Name: TYPE trip_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_status IS 'Lifecycle of a trip: upcoming (or delayed) → active → completed; upcoming/delayed → cancelled by the traveler, active → cancelled by an admin.';


--
-- Name: trip_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_type AS ENUM (
    'flight',
    'train',
    'bus',
    'car',
    'ship',
    'other'
);


--
-- Name: TYPE trip_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_type IS 'How the traveler travels.';


--
-- Name: trip_visibility; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.trip_visibility AS ENUM (
    'public',
    'private',
    'friends_only'
);


--
-- Name: TYPE trip_visibility; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.trip_visibility IS 'Who sees a trip: public (every signed-in user), private (the traveler, their customers, admins), friends_only (also past customers of the traveler).';


--
-- Name: two_factor_setup; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.two_factor_setup AS (
	secret text,
	otpauth_uri text
);


--
-- Name: TYPE two_factor_setup; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.two_factor_setup IS 'A new TOTP secret, shown once: enter it (or scan the URI) in an authenticator app, then confirm with a code.';


--
-- Name: COLUMN two_factor_setup.secret; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.two_factor_setup.secret IS 'The secret in base32.';


--
-- Name: COLUMN two_factor_setup.otpauth_uri; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.two_factor_setup.otpauth_uri IS 'otpauth:// URI for a QR code.';


--
-- Name: user_report_category; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.user_report_category AS ENUM (
    'inappropriate_behavior',
    'fraud',
    'harassment',
    'spam',
    'safety_concern',
    'other'
);


--
-- Name: TYPE user_report_category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.user_report_category IS 'What a report about a user is about.';


--
-- Name: user_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.user_status AS ENUM (
    'pending',
    'active',
    'suspended',
    'banned',
    'deactivated'
);


--
-- Name: TYPE user_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.user_status IS 'Lifecycle of an account: pending until the email is verified.';


--
-- Name: user_type; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.user_type AS ENUM (
    'customer',
    'traveler',
    'both'
);


--
-- Name: TYPE user_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.user_type IS 'Whether a user sends items, carries them, or both.';


--
-- Name: verification_level; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.verification_level AS ENUM (
    'unverified',
    'email_verified',
    'phone_verified',
    'id_verified',
    'fully_verified'
);


--
-- Name: TYPE verification_level; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.verification_level IS 'How much of a user''s identity the platform has verified.';


--
-- Name: verification_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.verification_status AS ENUM (
    'pending',
    'under_review',
    'approved',
    'rejected',
    'expired'
);


--
-- Name: TYPE verification_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.verification_status IS 'Review state of a verification document: pending → under_review → approved or rejected; expired after expires_on.';


--
-- Name: delivery_number_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

CREATE SEQUENCE app_public.delivery_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    MAXVALUE 99999999
    CACHE 1;


--
-- Name: SEQUENCE delivery_number_seq; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON SEQUENCE app_public.delivery_number_seq IS 'Source of delivery numbers (DEL- and 8 digits); never MAX+1.';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: deliveries; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.deliveries (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    request_id uuid NOT NULL,
    offer_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    trip_id uuid NOT NULL,
    delivery_number text DEFAULT ('DEL-'::text || lpad((nextval('app_public.delivery_number_seq'::regclass))::text, 8, '0'::text)) NOT NULL,
    status app_public.delivery_status DEFAULT 'accepted'::app_public.delivery_status NOT NULL,
    final_price bigint NOT NULL,
    platform_fee bigint NOT NULL,
    currency text NOT NULL,
    terms_hash bytea NOT NULL,
    pickup_time timestamp with time zone,
    delivery_time timestamp with time zone,
    accepted_at timestamp with time zone DEFAULT now() NOT NULL,
    pickup_scheduled_at timestamp with time zone,
    picked_up_at timestamp with time zone,
    in_transit_at timestamp with time zone,
    delivery_scheduled_at timestamp with time zone,
    delivered_at timestamp with time zone,
    receipt_confirmed_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    disputed_at timestamp with time zone,
    cancellation_reason app_public.delivery_cancel_reason,
    cancellation_note text,
    cancelled_by uuid,
    verification jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    pickup_photo_id uuid,
    delivery_photo_id uuid,
    signature_id uuid,
    CONSTRAINT deliveries_cancellation CHECK (((status = 'cancelled'::app_public.delivery_status) = ((cancelled_at IS NOT NULL) AND (cancellation_reason IS NOT NULL)))),
    CONSTRAINT deliveries_cancellation_note_check CHECK (((length(cancellation_note) >= 1) AND (length(cancellation_note) <= 1000))),
    CONSTRAINT deliveries_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT deliveries_delivered CHECK (((status <> 'delivered'::app_public.delivery_status) OR (delivered_at IS NOT NULL))),
    CONSTRAINT deliveries_delivery_number_check CHECK ((delivery_number ~ '^DEL-[0-9]{8}$'::text)),
    CONSTRAINT deliveries_final_price_check CHECK ((final_price > 0)),
    CONSTRAINT deliveries_parties_differ CHECK ((customer_id <> traveler_id)),
    CONSTRAINT deliveries_platform_fee_check CHECK ((platform_fee >= 0)),
    CONSTRAINT deliveries_terms_hash_check CHECK ((length(terms_hash) = 32)),
    CONSTRAINT deliveries_times_ordered CHECK ((delivery_time > pickup_time)),
    CONSTRAINT deliveries_verification_check CHECK ((jsonb_typeof(verification) = 'object'::text))
);

ALTER TABLE ONLY app_public.deliveries FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.deliveries IS '@behavior -insert -update -delete
The carrying of one request''s item by one traveler, created by accepting an offer. Visible to both parties and admins; its status moves only along delivery_transitions, through the delivery functions.';


--
-- Name: COLUMN deliveries.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.id IS 'Identifier of the delivery.';


--
-- Name: COLUMN deliveries.request_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.request_id IS 'The request being delivered.';


--
-- Name: COLUMN deliveries.offer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.offer_id IS 'The accepted offer thread (one delivery per offer).';


--
-- Name: COLUMN deliveries.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.customer_id IS 'The customer.';


--
-- Name: COLUMN deliveries.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.traveler_id IS 'The traveler carrying the item.';


--
-- Name: COLUMN deliveries.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.trip_id IS 'The trip the item travels on.';


--
-- Name: COLUMN deliveries.delivery_number; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.delivery_number IS 'Readable unique number, DEL- and 8 digits.';


--
-- Name: COLUMN deliveries.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.status IS 'Where the delivery stands.';


--
-- Name: COLUMN deliveries.final_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.final_price IS 'Agreed price in minor units: what the traveler receives.';


--
-- Name: COLUMN deliveries.platform_fee; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.platform_fee IS 'Platform fee charged to the customer on top of the final price, in minor units.';


--
-- Name: COLUMN deliveries.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.currency IS 'Currency of the price and the fee.';


--
-- Name: COLUMN deliveries.terms_hash; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.terms_hash IS 'SHA-256 of the accepted terms (see delivery_offers.terms_hash).';


--
-- Name: COLUMN deliveries.pickup_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.pickup_time IS 'Agreed (then scheduled) pickup time.';


--
-- Name: COLUMN deliveries.delivery_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.delivery_time IS 'Agreed (then scheduled) drop-off time.';


--
-- Name: COLUMN deliveries.accepted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.accepted_at IS 'When the offer was accepted.';


--
-- Name: COLUMN deliveries.pickup_scheduled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.pickup_scheduled_at IS 'When the pickup was scheduled.';


--
-- Name: COLUMN deliveries.picked_up_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.picked_up_at IS 'When the traveler took the item.';


--
-- Name: COLUMN deliveries.in_transit_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.in_transit_at IS 'When the item went on its way.';


--
-- Name: COLUMN deliveries.delivery_scheduled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.delivery_scheduled_at IS 'When the drop-off was scheduled.';


--
-- Name: COLUMN deliveries.delivered_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.delivered_at IS 'When the item was handed over.';


--
-- Name: COLUMN deliveries.receipt_confirmed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.receipt_confirmed_at IS 'When the customer confirmed receipt (ends the hold early).';


--
-- Name: COLUMN deliveries.cancelled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.cancelled_at IS 'When the delivery was cancelled.';


--
-- Name: COLUMN deliveries.disputed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.disputed_at IS 'When a dispute was opened.';


--
-- Name: COLUMN deliveries.cancellation_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.cancellation_reason IS 'Why it was cancelled.';


--
-- Name: COLUMN deliveries.cancellation_note; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.cancellation_note IS 'Free-text note on the cancellation.';


--
-- Name: COLUMN deliveries.cancelled_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.cancelled_by IS 'Who cancelled (NULL: the platform).';


--
-- Name: COLUMN deliveries.verification; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.verification IS 'Handover verification details (filled by the QR handover).';


--
-- Name: COLUMN deliveries.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.created_at IS 'When the delivery was created.';


--
-- Name: COLUMN deliveries.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.updated_at IS 'When the delivery last changed.';


--
-- Name: COLUMN deliveries.pickup_photo_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.pickup_photo_id IS 'Photo of the item taken by the traveler at pickup, or of the item whose pickup was refused.';


--
-- Name: COLUMN deliveries.delivery_photo_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.delivery_photo_id IS 'Photo taken by the traveler at drop-off.';


--
-- Name: COLUMN deliveries.signature_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.deliveries.signature_id IS 'The recipient''s signature, captured at drop-off.';


--
-- Name: CONSTRAINT deliveries_cancellation ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_cancellation ON app_public.deliveries IS 'cancellation_reason: a cancelled delivery has its cancellation time and reason, and only a cancelled one has them';


--
-- Name: CONSTRAINT deliveries_cancellation_note_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_cancellation_note_check ON app_public.deliveries IS 'cancellation_note must have 1 to 1000 characters';


--
-- Name: CONSTRAINT deliveries_currency_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_currency_check ON app_public.deliveries IS 'currency must be three capital letters (ISO 4217)';


--
-- Name: CONSTRAINT deliveries_delivered ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_delivered ON app_public.deliveries IS 'delivered_at: a delivered delivery has its delivery time';


--
-- Name: CONSTRAINT deliveries_delivery_number_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_delivery_number_check ON app_public.deliveries IS 'delivery_number must be DEL- and 8 digits';


--
-- Name: CONSTRAINT deliveries_final_price_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_final_price_check ON app_public.deliveries IS 'final_price must be more than 0';


--
-- Name: CONSTRAINT deliveries_parties_differ ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_parties_differ ON app_public.deliveries IS 'customer_id and traveler_id: you cannot deliver your own request';


--
-- Name: CONSTRAINT deliveries_platform_fee_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_platform_fee_check ON app_public.deliveries IS 'platform_fee cannot be negative';


--
-- Name: CONSTRAINT deliveries_terms_hash_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_terms_hash_check ON app_public.deliveries IS 'terms_hash must be 32 bytes';


--
-- Name: CONSTRAINT deliveries_times_ordered ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_times_ordered ON app_public.deliveries IS 'delivery_time must lie after pickup_time';


--
-- Name: CONSTRAINT deliveries_verification_check ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_verification_check ON app_public.deliveries IS 'verification must be a JSON object';


--
-- Name: accept_offer_version(uuid, integer, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.accept_offer_version(offer_id uuid, version integer, actor_id uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_offer app_public.delivery_offers := app_hidden.lock_offer(accept_offer_version.offer_id);
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_version app_public.offer_versions;
  v_customer app_public.users;
  v_delivery app_public.deliveries;
  v_terms bytea;
begin
  if v_offer.id is null then
    raise exception 'Offer not found' using errcode = 'NTFND';
  end if;
  select * into v_request from app_public.delivery_requests r where r.id = v_offer.request_id;
  select * into v_trip from app_public.trips t where t.id = v_offer.trip_id for update;
  perform app_hidden.lock_traveler_deliveries(v_offer.traveler_id);
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % and can no longer be accepted', v_offer.status using errcode = 'BADST';
  end if;
  if accept_offer_version.version is distinct from v_offer.current_version then
    raise exception 'Version % is no longer current (the current one is %)', accept_offer_version.version,
      v_offer.current_version using errcode = 'STALE';
  end if;
  if v_offer.valid_until <= now() then
    raise exception 'This offer has expired' using errcode = 'EXPRD';
  end if;
  perform app_hidden.assert_request_open(v_request);
  select * into v_customer from app_public.users u where u.id = v_request.customer_id;
  if v_customer.status is distinct from 'active' or v_customer.deleted_at is not null then
    raise exception 'The customer''s account is not active' using errcode = 'DNIED';
  end if;
  perform app_hidden.assert_traveler_may_carry(v_request, v_offer.traveler_id);
  perform app_hidden.assert_trip_fits(v_request, v_trip);

  select * into v_version from app_public.offer_versions v
   where v.offer_id = v_offer.id and v.version = v_offer.current_version;
  v_terms := sha256(convert_to(jsonb_build_object(
    'offer_id', v_offer.id, 'version', v_version.version, 'proposed_by', v_version.proposed_by,
    'price', v_version.price, 'currency', v_offer.currency, 'pickup_time', v_version.pickup_time,
    'delivery_time', v_version.delivery_time, 'request_id', v_request.id, 'item_name', v_request.item_name,
    'quantity', v_request.quantity, 'total_weight', v_request.total_weight, 'declared_value', v_request.declared_value,
    'pickup_address', v_request.pickup_address, 'delivery_address', v_request.delivery_address,
    'trip_id', v_trip.id)::text, 'UTF8'));

  insert into app_public.deliveries (request_id, offer_id, customer_id, traveler_id, trip_id, final_price,
                                     platform_fee, currency, terms_hash, pickup_time, delivery_time)
  values (v_request.id, v_offer.id, v_request.customer_id, v_offer.traveler_id, v_trip.id, v_version.price,
          (select c.platform_fee from app_hidden.charge_amounts(v_version.price) c),
          v_offer.currency, v_terms, v_version.pickup_time, v_version.delivery_time)
  returning * into v_delivery;
  perform app_hidden.reserve_trip_capacity(v_trip.id, v_delivery.id, v_request.total_weight, v_request.total_volume_l,
                                           v_request.quantity);

  update app_public.delivery_offers o
     set status = 'accepted', accepted_at = now(), closed_at = now(), closed_by = accept_offer_version.actor_id,
         terms_hash = v_terms
   where o.id = v_offer.id;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'another_offer_accepted', closed_at = now()
   where o.request_id = v_request.id and o.status = 'pending';

  perform graphile_worker.add_job('payments__create_intent', json_build_object('id', v_delivery.id),
    job_key := 'payments__create_intent:' || v_delivery.id, max_attempts := 25);
  perform app_hidden.queue_email(v_offer.traveler_id, 'Your offer was accepted',
    format(E'You carry "%s" (%s) for %s %s. Schedule the pickup in the app.\n',
           v_request.title, v_delivery.delivery_number, round(v_delivery.final_price / 100.0, 2), v_delivery.currency));
  perform app_hidden.queue_email(v_request.customer_id, 'Your delivery is arranged',
    format(E'"%s" will be carried (%s) for %s %s plus the platform fee.\n',
           v_request.title, v_delivery.delivery_number, round(v_delivery.final_price / 100.0, 2), v_delivery.currency));
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION accept_offer_version(offer_id uuid, version integer, actor_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.accept_offer_version(offer_id uuid, version integer, actor_id uuid) IS 'The accept transaction: re-checks under locks, creates the delivery, reserves capacity, closes the other threads.';


--
-- Name: account_open_items(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.account_open_items(user_id uuid) RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  -- platform: admin rights are removed by another admin (the last super admin must not vanish with an account).
  select 'an active admin role (another admin must remove it first)'
   where exists (select 1 from app_private.admin_users a
                  where a.user_id = account_open_items.user_id and a.is_active)
  union all
  -- deliveries (docs/deliveries.md): a live delivery as customer or traveler; a delivered one stays open for as long as it may be
  -- disputed (deliveries.dispute_window_hours), since its money is not settled before.
  select format('delivery %s (%s, as %s%s)', d.delivery_number, replace(d.status::text, '_', ' '),
                case when d.customer_id = account_open_items.user_id then 'customer' else 'traveler' end,
                case when d.status = 'delivered'
                     then '; disputes possible until ' || to_char((d.delivered_at + w.window_length) at time zone 'UTC',
                                                                  'YYYY-MM-DD HH24:MI "UTC"')
                     else '' end)
    from app_public.deliveries d
   cross join (select make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
                        as window_length) w
   where (d.customer_id = account_open_items.user_id or d.traveler_id = account_open_items.user_id)
     and (d.status not in ('delivered', 'cancelled')
          or (d.status = 'delivered' and d.delivered_at + w.window_length > now()))
  union all
  -- offers (docs/offers.md): a pending offer thread, the user's own as traveler or one on the user's request.
  select case when o.traveler_id = account_open_items.user_id
              then format('a pending offer of yours on "%s"', r.title)
              else format('a pending offer on your request "%s"', r.title) end
    from app_public.delivery_offers o
    join app_public.delivery_requests r on r.id = o.request_id
   where o.status = 'pending'
     and (o.traveler_id = account_open_items.user_id or o.customer_id = account_open_items.user_id);
$$;


--
-- Name: FUNCTION account_open_items(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.account_open_items(user_id uuid) IS 'Open items that refuse the deletion of the account, one description per row.';


--
-- Name: admin_role_permissions(app_public.admin_role); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.admin_role_permissions(role app_public.admin_role) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case admin_role_permissions.role
    when 'super_admin' then array['*']
    when 'admin' then array['users.*', 'deliveries.*', 'disputes.*', 'finance.*', 'system.*', 'content.moderate',
                            'analytics.read', 'reports.export', 'qr.override', 'notifications.send']
    when 'moderator' then array['users.read', 'users.suspend', 'deliveries.read', 'disputes.read', 'disputes.write',
                                'disputes.assign', 'content.moderate']
    when 'support' then array['users.read', 'deliveries.read', 'disputes.read', 'disputes.write', 'qr.override']
    when 'finance' then array['users.read', 'finance.*', 'deliveries.read', 'disputes.read', 'reports.export']
    when 'analyst' then array['users.read', 'deliveries.read', 'analytics.read', 'reports.export']
  end;
$$;


--
-- Name: FUNCTION admin_role_permissions(role app_public.admin_role); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.admin_role_permissions(role app_public.admin_role) IS 'Permissions every admin of a role has.';


--
-- Name: admin_session_ok(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.admin_session_ok() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select not (app_hidden.config_value('security.admin_requires_2fa'))::boolean
      or exists (select 1 from app_private.sessions s
                  where s.id = app_hidden.current_session_id() and s.mfa_verified);
$$;


--
-- Name: FUNCTION admin_session_ok(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.admin_session_ok() IS 'Whether the current session may use admin rights (two-factor passed or not required).';


--
-- Name: assert_date_of_birth(date); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_date_of_birth(date_of_birth date) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if assert_date_of_birth.date_of_birth > current_date - interval '18 years' then
    raise exception 'The date of birth must be at least 18 years ago' using errcode = 'INVAL';
  end if;
  if assert_date_of_birth.date_of_birth < date '1900-01-01' then
    raise exception 'The date of birth must be after 1900-01-01' using errcode = 'INVAL';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_date_of_birth(date_of_birth date); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_date_of_birth(date_of_birth date) IS 'Raises INVAL unless the date of birth makes the user at least 18 (and is after 1900).';


--
-- Name: delivery_requests; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.delivery_requests (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    title text NOT NULL,
    description text,
    category app_public.item_category NOT NULL,
    status app_public.delivery_request_status DEFAULT 'pending'::app_public.delivery_request_status NOT NULL,
    urgency app_public.urgency_level DEFAULT 'standard'::app_public.urgency_level NOT NULL,
    item_name text NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    weight_kg numeric(7,3) NOT NULL,
    length_cm numeric(5,1),
    width_cm numeric(5,1),
    height_cm numeric(5,1),
    total_weight numeric(9,3) GENERATED ALWAYS AS ((weight_kg * (quantity)::numeric)) STORED,
    total_volume_l numeric(10,3) GENERATED ALWAYS AS (((quantity)::numeric * COALESCE(round((((length_cm * width_cm) * height_cm) / (1000)::numeric), 3), (1)::numeric))) STORED,
    declared_value bigint DEFAULT 0 NOT NULL,
    currency text NOT NULL,
    is_fragile boolean DEFAULT false NOT NULL,
    is_perishable boolean DEFAULT false NOT NULL,
    is_hazardous boolean DEFAULT false NOT NULL,
    requires_signature boolean DEFAULT false NOT NULL,
    pickup_address text NOT NULL,
    pickup_point public.geography(Point,4326) NOT NULL,
    pickup_city text NOT NULL,
    pickup_country text NOT NULL,
    pickup_contact_name text,
    pickup_contact_phone text,
    pickup_instructions text,
    pickup_window_start timestamp with time zone,
    pickup_window_end timestamp with time zone,
    delivery_address text NOT NULL,
    delivery_point public.geography(Point,4326) NOT NULL,
    delivery_city text NOT NULL,
    delivery_country text NOT NULL,
    delivery_contact_name text,
    delivery_contact_phone text,
    delivery_instructions text,
    delivery_window_start timestamp with time zone,
    delivery_window_end timestamp with time zone,
    max_price bigint NOT NULL,
    auto_accept_price bigint,
    estimated_price bigint,
    preferred_travelers uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    blacklisted_travelers uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    min_traveler_rating numeric(2,1),
    verification_required boolean DEFAULT false NOT NULL,
    background_check_required boolean DEFAULT false NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    cancellation_reason app_public.request_cancel_reason,
    cancellation_note text,
    cancelled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT delivery_requests_auto_accept_price CHECK ((auto_accept_price <= max_price)),
    CONSTRAINT delivery_requests_auto_accept_price_check CHECK ((auto_accept_price > 0)),
    CONSTRAINT delivery_requests_cancellation CHECK ((((status = 'cancelled'::app_public.delivery_request_status) = ((cancelled_at IS NOT NULL) AND (cancellation_reason IS NOT NULL))) AND ((cancellation_note IS NULL) OR (status = 'cancelled'::app_public.delivery_request_status)))),
    CONSTRAINT delivery_requests_cancellation_note_check CHECK (((length(cancellation_note) >= 1) AND (length(cancellation_note) <= 1000))),
    CONSTRAINT delivery_requests_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT delivery_requests_customer_not_listed CHECK ((NOT (customer_id = ANY ((preferred_travelers || blacklisted_travelers))))),
    CONSTRAINT delivery_requests_declared_value_check CHECK ((declared_value >= 0)),
    CONSTRAINT delivery_requests_delivery_address_check CHECK (((length(delivery_address) >= 1) AND (length(delivery_address) <= 500))),
    CONSTRAINT delivery_requests_delivery_city_check CHECK (((length(delivery_city) >= 1) AND (length(delivery_city) <= 100))),
    CONSTRAINT delivery_requests_delivery_contact_name_check CHECK (((length(delivery_contact_name) >= 1) AND (length(delivery_contact_name) <= 100))),
    CONSTRAINT delivery_requests_delivery_contact_phone_check CHECK ((delivery_contact_phone ~ '^\+[1-9][0-9]{6,14}$'::text)),
    CONSTRAINT delivery_requests_delivery_country_check CHECK ((delivery_country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT delivery_requests_delivery_instructions_check CHECK (((length(delivery_instructions) >= 1) AND (length(delivery_instructions) <= 1000))),
    CONSTRAINT delivery_requests_delivery_window CHECK (((num_nulls(delivery_window_start, delivery_window_end) = ANY (ARRAY[0, 2])) AND (delivery_window_start < delivery_window_end))),
    CONSTRAINT delivery_requests_description_check CHECK (((length(description) >= 1) AND (length(description) <= 2000))),
    CONSTRAINT delivery_requests_dimensions_all_or_none CHECK ((num_nulls(length_cm, width_cm, height_cm) = ANY (ARRAY[0, 3]))),
    CONSTRAINT delivery_requests_estimated_price_check CHECK ((estimated_price > 0)),
    CONSTRAINT delivery_requests_expiry CHECK ((expires_at > created_at)),
    CONSTRAINT delivery_requests_height_cm_check CHECK ((height_cm >= (1)::numeric)),
    CONSTRAINT delivery_requests_item_name_check CHECK (((length(item_name) >= 1) AND (length(item_name) <= 255))),
    CONSTRAINT delivery_requests_length_cm_check CHECK ((length_cm >= (1)::numeric)),
    CONSTRAINT delivery_requests_max_price_check CHECK ((max_price > 0)),
    CONSTRAINT delivery_requests_min_traveler_rating_check CHECK (((min_traveler_rating >= (1)::numeric) AND (min_traveler_rating <= (5)::numeric))),
    CONSTRAINT delivery_requests_no_hazardous CHECK ((NOT is_hazardous)),
    CONSTRAINT delivery_requests_pickup_address_check CHECK (((length(pickup_address) >= 1) AND (length(pickup_address) <= 500))),
    CONSTRAINT delivery_requests_pickup_city_check CHECK (((length(pickup_city) >= 1) AND (length(pickup_city) <= 100))),
    CONSTRAINT delivery_requests_pickup_contact_name_check CHECK (((length(pickup_contact_name) >= 1) AND (length(pickup_contact_name) <= 100))),
    CONSTRAINT delivery_requests_pickup_contact_phone_check CHECK ((pickup_contact_phone ~ '^\+[1-9][0-9]{6,14}$'::text)),
    CONSTRAINT delivery_requests_pickup_country_check CHECK ((pickup_country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT delivery_requests_pickup_instructions_check CHECK (((length(pickup_instructions) >= 1) AND (length(pickup_instructions) <= 1000))),
    CONSTRAINT delivery_requests_pickup_window CHECK (((num_nulls(pickup_window_start, pickup_window_end) = ANY (ARRAY[0, 2])) AND (pickup_window_start < pickup_window_end))),
    CONSTRAINT delivery_requests_quantity_check CHECK ((quantity >= 1)),
    CONSTRAINT delivery_requests_title_check CHECK (((length(title) >= 5) AND (length(title) <= 255))),
    CONSTRAINT delivery_requests_traveler_lists CHECK (((cardinality(preferred_travelers) <= 50) AND (cardinality(blacklisted_travelers) <= 50) AND (array_position(preferred_travelers, NULL::uuid) IS NULL) AND (array_position(blacklisted_travelers, NULL::uuid) IS NULL) AND (NOT (preferred_travelers && blacklisted_travelers)))),
    CONSTRAINT delivery_requests_weight_kg_check CHECK ((weight_kg > (0)::numeric)),
    CONSTRAINT delivery_requests_width_cm_check CHECK ((width_cm >= (1)::numeric)),
    CONSTRAINT delivery_requests_windows_ordered CHECK ((delivery_window_end > pickup_window_start))
);

ALTER TABLE ONLY app_public.delivery_requests FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.delivery_requests IS '@behavior -insert -update -delete
Items customers want carried, with exact places and contacts: visible to the customer and to admins with deliveries.read. Written only through createDeliveryRequest, updateDeliveryRequest, cancelDeliveryRequest and duplicateDeliveryRequest; travelers browse the masked searchRequests.';


--
-- Name: COLUMN delivery_requests.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.id IS 'Identifier of the request.';


--
-- Name: COLUMN delivery_requests.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.customer_id IS 'The customer who wants the item carried.';


--
-- Name: COLUMN delivery_requests.title; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.title IS 'Short title shown in the marketplace (5–255 characters).';


--
-- Name: COLUMN delivery_requests.description; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.description IS 'Longer description of the item and the job (up to 2000 characters).';


--
-- Name: COLUMN delivery_requests.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.category IS 'Kind of item.';


--
-- Name: COLUMN delivery_requests.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.status IS 'Lifecycle state; changes only through the request functions (and later the offers and deliveries).';


--
-- Name: COLUMN delivery_requests.urgency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.urgency IS 'How urgently the item must arrive.';


--
-- Name: COLUMN delivery_requests.item_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.item_name IS 'Name of the item.';


--
-- Name: COLUMN delivery_requests.quantity; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.quantity IS 'Number of units (1 to limits.max_quantity).';


--
-- Name: COLUMN delivery_requests.weight_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.weight_kg IS 'Weight of one unit in kg (> 0).';


--
-- Name: COLUMN delivery_requests.length_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.length_cm IS 'Length of one unit in cm (1 to limits.max_dimension_cm); the three dimensions are given together or not at all.';


--
-- Name: COLUMN delivery_requests.width_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.width_cm IS 'Width of one unit in cm (1 to limits.max_dimension_cm).';


--
-- Name: COLUMN delivery_requests.height_cm; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.height_cm IS 'Height of one unit in cm (1 to limits.max_dimension_cm).';


--
-- Name: COLUMN delivery_requests.total_weight; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.total_weight IS 'Total weight in kg: weight_kg × quantity.';


--
-- Name: COLUMN delivery_requests.total_volume_l; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.total_volume_l IS 'Total volume in litres: the dimensions'' volume × quantity, or 1 L per unit without dimensions.';


--
-- Name: COLUMN delivery_requests.declared_value; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.declared_value IS 'Declared value of the items, in minor units of currency.';


--
-- Name: COLUMN delivery_requests.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.currency IS 'ISO 4217 currency of every amount of the request.';


--
-- Name: COLUMN delivery_requests.is_fragile; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.is_fragile IS 'Whether the item is fragile (priced higher).';


--
-- Name: COLUMN delivery_requests.is_perishable; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.is_perishable IS 'Whether the item is perishable.';


--
-- Name: COLUMN delivery_requests.is_hazardous; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.is_hazardous IS 'Whether the item is hazardous; hazardous items are refused, so this is always false.';


--
-- Name: COLUMN delivery_requests.requires_signature; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.requires_signature IS 'Whether the recipient must sign on delivery.';


--
-- Name: COLUMN delivery_requests.pickup_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_address IS 'Exact pickup address (customer, admins and the assigned traveler only).';


--
-- Name: COLUMN delivery_requests.pickup_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_point IS '@behavior -orderBy -filterBy
Exact pickup location (GeoJSON point).';


--
-- Name: COLUMN delivery_requests.pickup_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_city IS 'Pickup city.';


--
-- Name: COLUMN delivery_requests.pickup_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_country IS 'Pickup country (ISO 3166-1 alpha-2).';


--
-- Name: COLUMN delivery_requests.pickup_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_contact_name IS 'Who hands the item over.';


--
-- Name: COLUMN delivery_requests.pickup_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_contact_phone IS 'Phone of the pickup contact (E.164).';


--
-- Name: COLUMN delivery_requests.pickup_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_instructions IS 'Instructions for the pickup.';


--
-- Name: COLUMN delivery_requests.pickup_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_window_start IS 'Earliest pickup time (given together with pickup_window_end).';


--
-- Name: COLUMN delivery_requests.pickup_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.pickup_window_end IS 'Latest pickup time, after pickup_window_start.';


--
-- Name: COLUMN delivery_requests.delivery_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_address IS 'Exact drop-off address (customer, admins and the assigned traveler only).';


--
-- Name: COLUMN delivery_requests.delivery_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_point IS '@behavior -orderBy -filterBy
Exact drop-off location (GeoJSON point).';


--
-- Name: COLUMN delivery_requests.delivery_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_city IS 'Drop-off city.';


--
-- Name: COLUMN delivery_requests.delivery_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_country IS 'Drop-off country (ISO 3166-1 alpha-2).';


--
-- Name: COLUMN delivery_requests.delivery_contact_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_contact_name IS 'Who receives the item.';


--
-- Name: COLUMN delivery_requests.delivery_contact_phone; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_contact_phone IS 'Phone of the recipient (E.164).';


--
-- Name: COLUMN delivery_requests.delivery_instructions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_instructions IS 'Instructions for the drop-off.';


--
-- Name: COLUMN delivery_requests.delivery_window_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_window_start IS 'Earliest drop-off time (given together with delivery_window_end).';


--
-- Name: COLUMN delivery_requests.delivery_window_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.delivery_window_end IS 'Latest drop-off time, after delivery_window_start and after the pickup window starts.';


--
-- Name: COLUMN delivery_requests.max_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.max_price IS 'Most the customer pays the traveler, in minor units (limits.min_request_price to limits.max_request_price).';


--
-- Name: COLUMN delivery_requests.auto_accept_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.auto_accept_price IS 'Offers at or below this price are accepted at once (at most max_price).';


--
-- Name: COLUMN delivery_requests.estimated_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.estimated_price IS 'The platform''s default quote for this request, in minor units.';


--
-- Name: COLUMN delivery_requests.preferred_travelers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.preferred_travelers IS 'Travelers the customer prefers (at most 50).';


--
-- Name: COLUMN delivery_requests.blacklisted_travelers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.blacklisted_travelers IS 'Travelers who must never see or carry this request (at most 50).';


--
-- Name: COLUMN delivery_requests.min_traveler_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.min_traveler_rating IS 'Lowest average rating a traveler needs (1–5).';


--
-- Name: COLUMN delivery_requests.verification_required; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.verification_required IS 'Whether the traveler must be id_verified.';


--
-- Name: COLUMN delivery_requests.background_check_required; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.background_check_required IS 'Whether the traveler must be fully_verified.';


--
-- Name: COLUMN delivery_requests.expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.expires_at IS 'When an open request expires.';


--
-- Name: COLUMN delivery_requests.cancellation_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.cancellation_reason IS 'Why the customer cancelled.';


--
-- Name: COLUMN delivery_requests.cancellation_note; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.cancellation_note IS 'The customer''s note on the cancellation.';


--
-- Name: COLUMN delivery_requests.cancelled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.cancelled_at IS 'When the customer cancelled.';


--
-- Name: COLUMN delivery_requests.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.created_at IS 'When the request was created.';


--
-- Name: COLUMN delivery_requests.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_requests.updated_at IS 'When the request last changed.';


--
-- Name: CONSTRAINT delivery_requests_auto_accept_price ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_auto_accept_price ON app_public.delivery_requests IS 'auto_accept_price may be at most max_price';


--
-- Name: CONSTRAINT delivery_requests_auto_accept_price_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_auto_accept_price_check ON app_public.delivery_requests IS 'auto_accept_price must be more than 0';


--
-- Name: CONSTRAINT delivery_requests_cancellation ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_cancellation ON app_public.delivery_requests IS 'cancellation_reason: a cancelled request has its cancellation time and reason, and only a cancelled one has a cancellation_note';


--
-- Name: CONSTRAINT delivery_requests_cancellation_note_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_cancellation_note_check ON app_public.delivery_requests IS 'cancellation_note may have at most 1000 characters';


--
-- Name: CONSTRAINT delivery_requests_currency_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_currency_check ON app_public.delivery_requests IS 'currency must be three capital letters (ISO 4217)';


--
-- Name: CONSTRAINT delivery_requests_customer_not_listed ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_customer_not_listed ON app_public.delivery_requests IS 'preferred_travelers and blacklisted_travelers cannot list yourself';


--
-- Name: CONSTRAINT delivery_requests_declared_value_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_declared_value_check ON app_public.delivery_requests IS 'declared_value cannot be negative';


--
-- Name: CONSTRAINT delivery_requests_delivery_address_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_address_check ON app_public.delivery_requests IS 'delivery_address must have 1 to 500 characters';


--
-- Name: CONSTRAINT delivery_requests_delivery_city_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_city_check ON app_public.delivery_requests IS 'delivery_city must have 1 to 100 characters';


--
-- Name: CONSTRAINT delivery_requests_delivery_contact_name_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_contact_name_check ON app_public.delivery_requests IS 'delivery_contact_name may have at most 100 characters';


--
-- Name: CONSTRAINT delivery_requests_delivery_contact_phone_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_contact_phone_check ON app_public.delivery_requests IS 'delivery_contact_phone must be in E.164 format, e.g. +4930123456';


--
-- Name: CONSTRAINT delivery_requests_delivery_country_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_country_check ON app_public.delivery_requests IS 'delivery_country must be a two-letter country code (ISO 3166-1)';


--
-- Name: CONSTRAINT delivery_requests_delivery_instructions_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_instructions_check ON app_public.delivery_requests IS 'delivery_instructions may have at most 1000 characters';


--
-- Name: CONSTRAINT delivery_requests_delivery_window ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_delivery_window ON app_public.delivery_requests IS 'delivery_window_start and delivery_window_end: a time window needs both, and must start before it ends';


--
-- Name: CONSTRAINT delivery_requests_description_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_description_check ON app_public.delivery_requests IS 'description may have at most 2000 characters';


--
-- Name: CONSTRAINT delivery_requests_dimensions_all_or_none ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_dimensions_all_or_none ON app_public.delivery_requests IS 'length_cm, width_cm and height_cm: give all three or none of them';


--
-- Name: CONSTRAINT delivery_requests_estimated_price_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_estimated_price_check ON app_public.delivery_requests IS 'estimated_price must be more than 0';


--
-- Name: CONSTRAINT delivery_requests_expiry ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_expiry ON app_public.delivery_requests IS 'expires_at must lie after the request was created';


--
-- Name: CONSTRAINT delivery_requests_height_cm_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_height_cm_check ON app_public.delivery_requests IS 'height_cm must be at least 1';


--
-- Name: CONSTRAINT delivery_requests_item_name_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_item_name_check ON app_public.delivery_requests IS 'item_name must have 1 to 255 characters';


--
-- Name: CONSTRAINT delivery_requests_length_cm_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_length_cm_check ON app_public.delivery_requests IS 'length_cm must be at least 1';


--
-- Name: CONSTRAINT delivery_requests_max_price_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_max_price_check ON app_public.delivery_requests IS 'max_price must be more than 0';


--
-- Name: CONSTRAINT delivery_requests_min_traveler_rating_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_min_traveler_rating_check ON app_public.delivery_requests IS 'min_traveler_rating must be between 1 and 5';


--
-- Name: CONSTRAINT delivery_requests_no_hazardous ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_no_hazardous ON app_public.delivery_requests IS 'is_hazardous: hazardous items cannot be sent';


--
-- Name: CONSTRAINT delivery_requests_pickup_address_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_address_check ON app_public.delivery_requests IS 'pickup_address must have 1 to 500 characters';


--
-- Name: CONSTRAINT delivery_requests_pickup_city_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_city_check ON app_public.delivery_requests IS 'pickup_city must have 1 to 100 characters';


--
-- Name: CONSTRAINT delivery_requests_pickup_contact_name_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_contact_name_check ON app_public.delivery_requests IS 'pickup_contact_name may have at most 100 characters';


--
-- Name: CONSTRAINT delivery_requests_pickup_contact_phone_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_contact_phone_check ON app_public.delivery_requests IS 'pickup_contact_phone must be in E.164 format, e.g. +4930123456';


--
-- Name: CONSTRAINT delivery_requests_pickup_country_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_country_check ON app_public.delivery_requests IS 'pickup_country must be a two-letter country code (ISO 3166-1)';


--
-- Name: CONSTRAINT delivery_requests_pickup_instructions_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_instructions_check ON app_public.delivery_requests IS 'pickup_instructions may have at most 1000 characters';


--
-- Name: CONSTRAINT delivery_requests_pickup_window ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pickup_window ON app_public.delivery_requests IS 'pickup_window_start and pickup_window_end: a time window needs both, and must start before it ends';


--
-- Name: CONSTRAINT delivery_requests_quantity_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_quantity_check ON app_public.delivery_requests IS 'quantity must be at least 1';


--
-- Name: CONSTRAINT delivery_requests_title_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_title_check ON app_public.delivery_requests IS 'title must have 5 to 255 characters';


--
-- Name: CONSTRAINT delivery_requests_traveler_lists ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_traveler_lists ON app_public.delivery_requests IS 'preferred_travelers and blacklisted_travelers: at most 50 users each, none of them in both lists';


--
-- Name: CONSTRAINT delivery_requests_weight_kg_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_weight_kg_check ON app_public.delivery_requests IS 'weight_kg must be more than 0';


--
-- Name: CONSTRAINT delivery_requests_width_cm_check ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_width_cm_check ON app_public.delivery_requests IS 'width_cm must be at least 1';


--
-- Name: CONSTRAINT delivery_requests_windows_ordered ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_windows_ordered ON app_public.delivery_requests IS 'delivery_window_end must lie after pickup_window_start';


--
-- Name: assert_offer_price(app_public.delivery_requests, bigint); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_offer_price(request app_public.delivery_requests, price bigint) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if price is null or price <= 0 or price > request.max_price then
    raise exception 'The price must be above 0 and at most the request''s maximum of %', request.max_price
      using errcode = 'INVAL';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_offer_price(request app_public.delivery_requests, price bigint); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_offer_price(request app_public.delivery_requests, price bigint) IS 'Raises INVAL unless 0 < price ≤ the request''s max_price.';


--
-- Name: assert_password_policy(text, text, text[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_min int := (app_hidden.config_value('security.password_min_length'))::int;
  v_max int := (app_hidden.config_value('security.password_max_length'))::int;
  v_word text;
begin
  if password is null or length(password) < v_min or length(password) > v_max then
    raise exception 'The password must have between % and % characters', v_min, v_max using errcode = 'WEAKP';
  end if;
  if password !~ '[a-z]' or password !~ '[A-Z]' or password !~ '[0-9]' or password !~ '[^a-zA-Z0-9]' then
    raise exception 'The password needs an upper-case letter, a lower-case letter, a digit and a symbol'
      using errcode = 'WEAKP';
  end if;
  foreach v_word in array array_append(names, split_part(email, '@', 1)) loop
    if length(v_word) >= 3 and strpos(lower(password), lower(v_word)) > 0 then
      raise exception 'The password must not contain your name or email' using errcode = 'WEAKP';
    end if;
  end loop;
end;
$$;


--
-- Name: FUNCTION assert_password_policy(password text, email text, names text[]); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) IS 'Raises WEAKP when a password breaks the policy.';


--
-- Name: assert_request_open(app_public.delivery_requests); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_request_open(request app_public.delivery_requests) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if request.status not in ('pending', 'matched') then
    raise exception 'This request is % and takes no offers', request.status using errcode = 'BADST';
  end if;
  if request.expires_at <= now() then
    raise exception 'This request has expired' using errcode = 'EXPRD';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_request_open(request app_public.delivery_requests); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_request_open(request app_public.delivery_requests) IS 'Raises BADST or EXPRD unless the request is pending or matched and unexpired.';


--
-- Name: assert_review_input(integer, integer, integer, integer, integer, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_review_input(overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if assert_review_input.overall_rating is null or assert_review_input.overall_rating not between 1 and 5
     or assert_review_input.communication_rating not between 1 and 5
     or assert_review_input.punctuality_rating not between 1 and 5
     or assert_review_input.care_rating not between 1 and 5
     or assert_review_input.accuracy_rating not between 1 and 5 then
    raise exception 'Ratings are whole numbers from 1 to 5 (the overall rating is required)' using errcode = 'INVAL';
  end if;
  if length(assert_review_input.comment) > 1000 then
    raise exception 'A comment has at most 1000 characters' using errcode = 'INVAL';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_review_input(overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_review_input(overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text) IS 'Raises INVAL for ratings outside 1–5 or a comment over 1000 characters.';


--
-- Name: assert_traveler_may_carry(app_public.delivery_requests, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_traveler app_public.users;
  v_stats app_public.user_statistics;
  v_live integer;
begin
  if request.customer_id = traveler_id then
    raise exception 'Travelers cannot carry their own requests' using errcode = 'DNIED';
  end if;
  select * into v_traveler from app_public.users u where u.id = traveler_id;
  if v_traveler.status is distinct from 'active' or v_traveler.deleted_at is not null
     or v_traveler.user_type not in ('traveler', 'both') then
    raise exception 'Only active travelers can carry items' using errcode = 'DNIED';
  end if;
  if app_hidden.users_blocked(request.customer_id, traveler_id)
     or traveler_id = any (request.blacklisted_travelers) then
    raise exception 'This traveler cannot take this request' using errcode = 'DNIED';
  end if;
  if v_traveler.verification_level < 'phone_verified' then
    raise exception 'Verify your phone number before carrying items' using errcode = 'DNIED';
  end if;
  if (request.verification_required and v_traveler.verification_level < 'id_verified')
     or (request.background_check_required and v_traveler.verification_level < 'fully_verified') then
    raise exception 'This request needs a traveler with a verified identity' using errcode = 'DNIED';
  end if;
  select * into v_stats from app_public.user_statistics s where s.user_id = traveler_id;
  if request.min_traveler_rating is not null
     and (coalesce(v_stats.total_ratings, 0) = 0 or v_stats.average_rating < request.min_traveler_rating) then
    raise exception 'This request needs a traveler rated at least %', request.min_traveler_rating using errcode = 'DNIED';
  end if;

  select count(*) into v_live from app_public.deliveries d
   where d.traveler_id = assert_traveler_may_carry.traveler_id and d.status not in ('delivered', 'cancelled');
  if v_live >= (app_hidden.config_value('limits.max_active_deliveries'))::int then
    raise exception 'You already have % live deliveries', v_live using errcode = 'LIMIT';
  end if;
  if v_traveler.verification_level = 'phone_verified' then
    if request.declared_value > (app_hidden.config_value('verification.phone_max_value'))::bigint then
      raise exception 'Verify your identity to carry items worth more than %',
        app_hidden.config_value('verification.phone_max_value') using errcode = 'DNIED';
    end if;
    if v_live >= (app_hidden.config_value('verification.phone_max_active'))::int then
      raise exception 'Verify your identity to carry more than % items at once',
        app_hidden.config_value('verification.phone_max_active') using errcode = 'LIMIT';
    end if;
  end if;
end;
$$;


--
-- Name: FUNCTION assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid) IS 'Raises DNIED or LIMIT unless the traveler may carry the request (self-dealing, blocks, blacklist, verification, rating, limits).';


--
-- Name: assert_traveler_of(app_public.deliveries, uuid, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if delivery.traveler_id <> user_id then
    raise exception 'Only the traveler can %', action using errcode = 'DNIED';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text) IS 'Raises DNIED unless the user is the delivery''s traveler.';


--
-- Name: trips; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.trips (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    traveler_id uuid NOT NULL,
    title text NOT NULL,
    description text,
    trip_type app_public.trip_type NOT NULL,
    status app_public.trip_status DEFAULT 'upcoming'::app_public.trip_status NOT NULL,
    origin_address text NOT NULL,
    origin_point public.geography(Point,4326) NOT NULL,
    origin_airport text,
    destination_address text NOT NULL,
    destination_point public.geography(Point,4326) NOT NULL,
    destination_airport text,
    departure_time timestamp with time zone NOT NULL,
    arrival_time timestamp with time zone NOT NULL,
    capacity_weight_kg numeric(6,2) NOT NULL,
    available_weight_kg numeric(6,2) NOT NULL,
    capacity_volume_l numeric(6,2) NOT NULL,
    available_volume_l numeric(6,2) NOT NULL,
    capacity_items integer NOT NULL,
    available_items integer NOT NULL,
    currency text NOT NULL,
    base_price bigint DEFAULT 0 NOT NULL,
    price_per_kg bigint DEFAULT 0 NOT NULL,
    price_per_km bigint DEFAULT 0 NOT NULL,
    express_multiplier numeric(3,2) DEFAULT 1.5 NOT NULL,
    fragile_multiplier numeric(3,2) DEFAULT 1.2 NOT NULL,
    no_fragile boolean DEFAULT false NOT NULL,
    no_electronics boolean DEFAULT false NOT NULL,
    max_item_value bigint,
    prohibited_categories text[] DEFAULT '{}'::text[] NOT NULL,
    recurring_pattern jsonb,
    parent_trip_id uuid,
    visibility app_public.trip_visibility DEFAULT 'public'::app_public.trip_visibility NOT NULL,
    auto_accept boolean DEFAULT false NOT NULL,
    auto_accept_price bigint,
    cancellation_reason app_public.trip_cancel_reason,
    cancellation_note text,
    cancelled_by uuid,
    cancelled_at timestamp with time zone,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trips_auto_accept_price CHECK (((NOT auto_accept) OR (auto_accept_price IS NOT NULL))),
    CONSTRAINT trips_auto_accept_price_check CHECK ((auto_accept_price > 0)),
    CONSTRAINT trips_available_items_range CHECK (((available_items >= 0) AND (available_items <= capacity_items))),
    CONSTRAINT trips_available_volume_range CHECK (((available_volume_l >= (0)::numeric) AND (available_volume_l <= capacity_volume_l))),
    CONSTRAINT trips_available_weight_range CHECK (((available_weight_kg >= (0)::numeric) AND (available_weight_kg <= capacity_weight_kg))),
    CONSTRAINT trips_base_price_check CHECK ((base_price >= 0)),
    CONSTRAINT trips_cancellation CHECK (((status = 'cancelled'::app_public.trip_status) = ((cancellation_reason IS NOT NULL) AND (cancelled_at IS NOT NULL)))),
    CONSTRAINT trips_cancellation_note_check CHECK (((length(cancellation_note) >= 1) AND (length(cancellation_note) <= 1000))),
    CONSTRAINT trips_capacity_items_range CHECK (((capacity_items >= 1) AND (capacity_items <= 50))),
    CONSTRAINT trips_capacity_volume_range CHECK (((capacity_volume_l > (0)::numeric) AND (capacity_volume_l <= (500)::numeric))),
    CONSTRAINT trips_capacity_weight_range CHECK (((capacity_weight_kg > (0)::numeric) AND (capacity_weight_kg <= (100)::numeric))),
    CONSTRAINT trips_completion CHECK (((status = 'completed'::app_public.trip_status) = (completed_at IS NOT NULL))),
    CONSTRAINT trips_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT trips_description_check CHECK (((length(description) >= 1) AND (length(description) <= 2000))),
    CONSTRAINT trips_destination_address_check CHECK (((length(destination_address) >= 1) AND (length(destination_address) <= 500))),
    CONSTRAINT trips_destination_airport_check CHECK ((destination_airport ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT trips_express_multiplier_check CHECK (((express_multiplier >= (1)::numeric) AND (express_multiplier <= (5)::numeric))),
    CONSTRAINT trips_fragile_multiplier_check CHECK (((fragile_multiplier >= (1)::numeric) AND (fragile_multiplier <= (3)::numeric))),
    CONSTRAINT trips_has_price CHECK (((base_price > 0) OR (price_per_kg > 0) OR (price_per_km > 0))),
    CONSTRAINT trips_max_item_value_check CHECK ((max_item_value > 0)),
    CONSTRAINT trips_origin_address_check CHECK (((length(origin_address) >= 1) AND (length(origin_address) <= 500))),
    CONSTRAINT trips_origin_airport_check CHECK ((origin_airport ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT trips_price_per_kg_check CHECK ((price_per_kg >= 0)),
    CONSTRAINT trips_price_per_km_check CHECK ((price_per_km >= 0)),
    CONSTRAINT trips_prohibited_categories_known CHECK (((prohibited_categories <@ ARRAY['documents'::text, 'electronics'::text, 'clothing'::text, 'food'::text, 'fragile'::text, 'books'::text, 'gifts'::text, 'other'::text]) AND (array_position(prohibited_categories, NULL::text) IS NULL))),
    CONSTRAINT trips_recurrence_on_parent CHECK (((recurring_pattern IS NULL) OR (parent_trip_id IS NULL))),
    CONSTRAINT trips_recurring_pattern_shape CHECK (((jsonb_typeof(recurring_pattern) = 'object'::text) AND ((recurring_pattern - ARRAY['frequency'::text, 'interval'::text, 'days_of_week'::text, 'until'::text]) = '{}'::jsonb) AND ((recurring_pattern ->> 'frequency'::text) = ANY (ARRAY['daily'::text, 'weekly'::text, 'monthly'::text])) AND ((NOT (recurring_pattern ? 'interval'::text)) OR ((jsonb_typeof((recurring_pattern -> 'interval'::text)) = 'number'::text) AND (((recurring_pattern ->> 'interval'::text))::numeric = ANY (ARRAY[(1)::numeric, (2)::numeric, (3)::numeric, (4)::numeric, (5)::numeric, (6)::numeric, (7)::numeric, (8)::numeric, (9)::numeric, (10)::numeric, (11)::numeric, (12)::numeric])))) AND ((NOT (recurring_pattern ? 'days_of_week'::text)) OR (((recurring_pattern ->> 'frequency'::text) = 'weekly'::text) AND (jsonb_typeof((recurring_pattern -> 'days_of_week'::text)) = 'array'::text) AND ((jsonb_array_length((recurring_pattern -> 'days_of_week'::text)) >= 1) AND (jsonb_array_length((recurring_pattern -> 'days_of_week'::text)) <= 7)) AND ((recurring_pattern -> 'days_of_week'::text) <@ '[1, 2, 3, 4, 5, 6, 7]'::jsonb))) AND ((NOT (recurring_pattern ? 'until'::text)) OR ((jsonb_typeof((recurring_pattern -> 'until'::text)) = 'string'::text) AND ((recurring_pattern ->> 'until'::text) ~ '^\d{4}-\d{2}-\d{2}$'::text))))),
    CONSTRAINT trips_times_ordered CHECK ((departure_time < arrival_time)),
    CONSTRAINT trips_title_check CHECK (((length(title) >= 3) AND (length(title) <= 255)))
);

ALTER TABLE ONLY app_public.trips FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.trips IS '@behavior -insert -update -delete
A journey a traveler offers to carry items on. Readable according to its visibility; changed only through the trip functions (createTrip, updateTrip, startTrip, completeTrip, markTripDelayed, cancelTrip, …). Trips are never deleted.';


--
-- Name: COLUMN trips.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.id IS 'Identifier of the trip.';


--
-- Name: COLUMN trips.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.traveler_id IS 'The traveler who makes the trip.';


--
-- Name: COLUMN trips.title; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.title IS 'Short title, 3–255 characters.';


--
-- Name: COLUMN trips.description; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.description IS 'Optional longer description (at most 2000 characters).';


--
-- Name: COLUMN trips.trip_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.trip_type IS 'Means of transport.';


--
-- Name: COLUMN trips.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.status IS 'Lifecycle state.';


--
-- Name: COLUMN trips.origin_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.origin_address IS 'Where the trip starts, as an address text.';


--
-- Name: COLUMN trips.origin_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.origin_point IS '@behavior -orderBy -filterBy
Where the trip starts (GeoJSON point, WGS 84).';


--
-- Name: COLUMN trips.origin_airport; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.origin_airport IS 'IATA code of the departure airport, for flights.';


--
-- Name: COLUMN trips.destination_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.destination_address IS 'Where the trip ends, as an address text.';


--
-- Name: COLUMN trips.destination_point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.destination_point IS '@behavior -orderBy -filterBy
Where the trip ends (GeoJSON point, WGS 84).';


--
-- Name: COLUMN trips.destination_airport; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.destination_airport IS 'IATA code of the arrival airport, for flights.';


--
-- Name: COLUMN trips.departure_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.departure_time IS 'Planned departure; before the arrival.';


--
-- Name: COLUMN trips.arrival_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.arrival_time IS 'Planned arrival.';


--
-- Name: COLUMN trips.capacity_weight_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.capacity_weight_kg IS 'Weight the traveler can carry in total, in kg (at most 100).';


--
-- Name: COLUMN trips.available_weight_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.available_weight_kg IS 'Weight still free, in kg (capacity minus reserved and consumed).';


--
-- Name: COLUMN trips.capacity_volume_l; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.capacity_volume_l IS 'Volume the traveler can carry in total, in litres (at most 500).';


--
-- Name: COLUMN trips.available_volume_l; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.available_volume_l IS 'Volume still free, in litres.';


--
-- Name: COLUMN trips.capacity_items; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.capacity_items IS 'Number of items the traveler can carry (1–50).';


--
-- Name: COLUMN trips.available_items; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.available_items IS 'Number of items still free.';


--
-- Name: COLUMN trips.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.currency IS 'ISO 4217 currency of every price of the trip (three upper-case letters; text with a CHECK, like user_earnings, rather than char(3)).';


--
-- Name: COLUMN trips.base_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.base_price IS 'Fixed price per delivery, in minor units.';


--
-- Name: COLUMN trips.price_per_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.price_per_kg IS 'Price per kg, in minor units.';


--
-- Name: COLUMN trips.price_per_km; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.price_per_km IS 'Price per km of detour, in minor units.';


--
-- Name: COLUMN trips.express_multiplier; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.express_multiplier IS 'Factor applied to express deliveries (1–5).';


--
-- Name: COLUMN trips.fragile_multiplier; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.fragile_multiplier IS 'Factor applied to fragile items (1–3).';


--
-- Name: COLUMN trips.no_fragile; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.no_fragile IS 'The traveler takes no fragile items.';


--
-- Name: COLUMN trips.no_electronics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.no_electronics IS 'The traveler takes no electronics.';


--
-- Name: COLUMN trips.max_item_value; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.max_item_value IS 'Highest declared item value the traveler accepts, in minor units.';


--
-- Name: COLUMN trips.prohibited_categories; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.prohibited_categories IS 'Item categories the traveler refuses (documents, electronics, clothing, food, fragile, books, gifts, other).';


--
-- Name: COLUMN trips.recurring_pattern; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.recurring_pattern IS 'For a recurring trip: {frequency: daily|weekly|monthly, interval: 1–12, days_of_week: [1–7, ISO, weekly only], until: "YYYY-MM-DD"}. The system creates the next trips from it every day (in UTC).';


--
-- Name: COLUMN trips.parent_trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.parent_trip_id IS '@behavior -orderBy
The recurring trip this trip was created from.';


--
-- Name: COLUMN trips.visibility; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.visibility IS 'Who may see the trip.';


--
-- Name: COLUMN trips.auto_accept; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.auto_accept IS 'Whether offers at or below auto_accept_price are accepted automatically (fully verified travelers only).';


--
-- Name: COLUMN trips.auto_accept_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.auto_accept_price IS 'Highest price accepted automatically, in minor units.';


--
-- Name: COLUMN trips.cancellation_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.cancellation_reason IS 'Why the trip was cancelled.';


--
-- Name: COLUMN trips.cancellation_note; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.cancellation_note IS 'Free-text note on the cancellation.';


--
-- Name: COLUMN trips.cancelled_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.cancelled_by IS '@behavior -orderBy
Who cancelled the trip (the traveler or an admin).';


--
-- Name: COLUMN trips.cancelled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.cancelled_at IS 'When the trip was cancelled.';


--
-- Name: COLUMN trips.started_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.started_at IS 'When the traveler started the trip.';


--
-- Name: COLUMN trips.completed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.completed_at IS 'When the trip was completed.';


--
-- Name: COLUMN trips.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.created_at IS 'When the trip was created.';


--
-- Name: COLUMN trips.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trips.updated_at IS 'When the trip last changed.';


--
-- Name: CONSTRAINT trips_auto_accept_price ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_auto_accept_price ON app_public.trips IS 'auto_accept_price: auto-accept needs a price';


--
-- Name: CONSTRAINT trips_auto_accept_price_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_auto_accept_price_check ON app_public.trips IS 'auto_accept_price must be more than 0';


--
-- Name: CONSTRAINT trips_available_items_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_available_items_range ON app_public.trips IS 'available_items must lie between 0 and capacity_items';


--
-- Name: CONSTRAINT trips_available_volume_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_available_volume_range ON app_public.trips IS 'available_volume_l must lie between 0 and capacity_volume_l';


--
-- Name: CONSTRAINT trips_available_weight_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_available_weight_range ON app_public.trips IS 'available_weight_kg must lie between 0 and capacity_weight_kg';


--
-- Name: CONSTRAINT trips_base_price_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_base_price_check ON app_public.trips IS 'base_price cannot be negative';


--
-- Name: CONSTRAINT trips_cancellation ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_cancellation ON app_public.trips IS 'cancellation_reason: a cancelled trip has its cancellation reason and time, and only a cancelled one has them';


--
-- Name: CONSTRAINT trips_cancellation_note_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_cancellation_note_check ON app_public.trips IS 'cancellation_note may have 1 to 1000 characters';


--
-- Name: CONSTRAINT trips_capacity_items_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_capacity_items_range ON app_public.trips IS 'capacity_items must be between 1 and 50';


--
-- Name: CONSTRAINT trips_capacity_volume_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_capacity_volume_range ON app_public.trips IS 'capacity_volume_l must be more than 0 and at most 500';


--
-- Name: CONSTRAINT trips_capacity_weight_range ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_capacity_weight_range ON app_public.trips IS 'capacity_weight_kg must be more than 0 and at most 100';


--
-- Name: CONSTRAINT trips_completion ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_completion ON app_public.trips IS 'completed_at: a completed trip has its completion time, and only a completed one has it';


--
-- Name: CONSTRAINT trips_currency_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_currency_check ON app_public.trips IS 'currency must be three capital letters (ISO 4217)';


--
-- Name: CONSTRAINT trips_description_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_description_check ON app_public.trips IS 'description may have at most 2000 characters';


--
-- Name: CONSTRAINT trips_destination_address_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_destination_address_check ON app_public.trips IS 'destination_address must have 1 to 500 characters';


--
-- Name: CONSTRAINT trips_destination_airport_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_destination_airport_check ON app_public.trips IS 'destination_airport must be a three-letter IATA code';


--
-- Name: CONSTRAINT trips_express_multiplier_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_express_multiplier_check ON app_public.trips IS 'express_multiplier must be between 1 and 5';


--
-- Name: CONSTRAINT trips_fragile_multiplier_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_fragile_multiplier_check ON app_public.trips IS 'fragile_multiplier must be between 1 and 3';


--
-- Name: CONSTRAINT trips_has_price ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_has_price ON app_public.trips IS 'base_price, price_per_kg and price_per_km: at least one price must be more than 0';


--
-- Name: CONSTRAINT trips_max_item_value_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_max_item_value_check ON app_public.trips IS 'max_item_value must be more than 0';


--
-- Name: CONSTRAINT trips_origin_address_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_origin_address_check ON app_public.trips IS 'origin_address must have 1 to 500 characters';


--
-- Name: CONSTRAINT trips_origin_airport_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_origin_airport_check ON app_public.trips IS 'origin_airport must be a three-letter IATA code';


--
-- Name: CONSTRAINT trips_price_per_kg_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_price_per_kg_check ON app_public.trips IS 'price_per_kg cannot be negative';


--
-- Name: CONSTRAINT trips_price_per_km_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_price_per_km_check ON app_public.trips IS 'price_per_km cannot be negative';


--
-- Name: CONSTRAINT trips_prohibited_categories_known ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_prohibited_categories_known ON app_public.trips IS 'prohibited_categories may list only item categories (documents, electronics, clothing, food, fragile, books, gifts, other)';


--
-- Name: CONSTRAINT trips_recurrence_on_parent ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_recurrence_on_parent ON app_public.trips IS 'recurring_pattern: a trip created from a recurring trip does not recur itself';


--
-- Name: CONSTRAINT trips_recurring_pattern_shape ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_recurring_pattern_shape ON app_public.trips IS 'recurring_pattern must be {frequency: daily, weekly or monthly; interval: 1–12; days_of_week: [1–7], weekly only; until: "YYYY-MM-DD"}';


--
-- Name: CONSTRAINT trips_times_ordered ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_times_ordered ON app_public.trips IS 'arrival_time must lie after departure_time';


--
-- Name: CONSTRAINT trips_title_check ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_title_check ON app_public.trips IS 'title must have 3 to 255 characters';


--
-- Name: assert_trip_fits(app_public.delivery_requests, app_public.trips); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_trip_fits(request app_public.delivery_requests, trip app_public.trips) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if trip.status not in ('upcoming', 'delayed') or trip.departure_time <= now() then
    raise exception 'This trip takes no more items' using errcode = 'BADST';
  end if;
  if trip.available_weight_kg < request.total_weight or trip.available_volume_l < request.total_volume_l
     or trip.available_items < request.quantity then
    raise exception 'Not enough capacity left on this trip' using errcode = 'CAPAC';
  end if;
  if (trip.no_fragile and request.is_fragile)
     or (trip.no_electronics and request.category = 'electronics')
     or request.declared_value > trip.max_item_value
     or request.category::text = any (trip.prohibited_categories) then
    raise exception 'This trip''s restrictions do not allow this item' using errcode = 'INVAL';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_trip_fits(request app_public.delivery_requests, trip app_public.trips); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_trip_fits(request app_public.delivery_requests, trip app_public.trips) IS 'Raises BADST, CAPAC or INVAL unless the trip is live, big enough and allows the item.';


--
-- Name: assert_trip_limits(timestamp with time zone, timestamp with time zone, timestamp with time zone, text, bigint, bigint, bigint, bigint, bigint); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_trip_limits(departure_time timestamp with time zone, arrival_time timestamp with time zone, trip_start timestamp with time zone, currency text, base_price bigint, price_per_kg bigint, price_per_km bigint, auto_accept_price bigint, max_item_value bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_max_price bigint := (app_hidden.config_value('trips.max_price'))::bigint;
  v_price record;
begin
  if assert_trip_limits.departure_time <= now() then
    raise exception 'departure_time must lie in the future' using errcode = 'INVAL';
  end if;
  if assert_trip_limits.departure_time
     > now() + make_interval(days => (app_hidden.config_value('trips.max_departure_days'))::int) then
    raise exception 'departure_time may be at most % days ahead', app_hidden.config_value('trips.max_departure_days')
      using errcode = 'INVAL';
  end if;
  -- trip_start is the departure the arrival is measured from (the new one, or the one the trip keeps).
  if assert_trip_limits.arrival_time - assert_trip_limits.trip_start
     > make_interval(hours => (app_hidden.config_value('trips.max_duration_hours'))::int) then
    raise exception 'arrival_time may be at most % hours after departure_time',
      app_hidden.config_value('trips.max_duration_hours') using errcode = 'INVAL';
  end if;
  if not app_hidden.config_value('platform.supported_currencies') ? assert_trip_limits.currency then
    raise exception 'currency % is not supported', assert_trip_limits.currency using errcode = 'INVAL';
  end if;
  for v_price in
    select p.field, p.amount
      from (values ('base_price', assert_trip_limits.base_price), ('price_per_kg', assert_trip_limits.price_per_kg),
                   ('price_per_km', assert_trip_limits.price_per_km),
                   ('auto_accept_price', assert_trip_limits.auto_accept_price)) as p(field, amount)
     where p.amount > v_max_price
  loop
    raise exception '% may be at most %', v_price.field, v_max_price using errcode = 'INVAL';
  end loop;
  if assert_trip_limits.max_item_value > (app_hidden.config_value('limits.max_delivery_value'))::bigint then
    raise exception 'max_item_value may be at most %', app_hidden.config_value('limits.max_delivery_value')
      using errcode = 'INVAL';
  end if;
end;
$$;


--
-- Name: FUNCTION assert_trip_limits(departure_time timestamp with time zone, arrival_time timestamp with time zone, trip_start timestamp with time zone, currency text, base_price bigint, price_per_kg bigint, price_per_km bigint, auto_accept_price bigint, max_item_value bigint); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_trip_limits(departure_time timestamp with time zone, arrival_time timestamp with time zone, trip_start timestamp with time zone, currency text, base_price bigint, price_per_kg bigint, price_per_km bigint, auto_accept_price bigint, max_item_value bigint) IS 'Raises INVAL naming the field when a trip''s value breaks a configured limit (trips.max_price, max_departure_days, max_duration_hours, supported currencies, limits.max_delivery_value) or its new departure is not ahead.';


--
-- Name: assert_trip_options(boolean, jsonb, app_public.verification_level); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.assert_trip_options(auto_accept boolean, recurring_pattern jsonb, level app_public.verification_level) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_until date;
begin
  if coalesce(assert_trip_options.auto_accept, false) and assert_trip_options.level < 'fully_verified' then
    raise exception 'Auto-accept needs a fully verified account' using errcode = 'DNIED';
  end if;
  if assert_trip_options.recurring_pattern ? 'until' then
    begin
      v_until := (assert_trip_options.recurring_pattern ->> 'until')::date;
    exception when others then
      raise exception 'recurring_pattern.until must be a date (YYYY-MM-DD)' using errcode = 'INVAL';
    end;
    if v_until < current_date then
      raise exception 'recurring_pattern.until lies in the past' using errcode = 'INVAL';
    end if;
  end if;
end;
$$;


--
-- Name: FUNCTION assert_trip_options(auto_accept boolean, recurring_pattern jsonb, level app_public.verification_level); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.assert_trip_options(auto_accept boolean, recurring_pattern jsonb, level app_public.verification_level) IS 'Raises DNIED for auto-accept below fully_verified and INVAL for a recurring pattern with a bad until date.';


--
-- Name: delivery_offers; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.delivery_offers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    request_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    trip_id uuid NOT NULL,
    initiated_by app_public.offer_party NOT NULL,
    status app_public.offer_status DEFAULT 'pending'::app_public.offer_status NOT NULL,
    current_version integer DEFAULT 1 NOT NULL,
    awaiting_party app_public.offer_party NOT NULL,
    price bigint NOT NULL,
    currency text NOT NULL,
    pickup_time timestamp with time zone,
    delivery_time timestamp with time zone,
    valid_until timestamp with time zone NOT NULL,
    guarantees text[] DEFAULT '{}'::text[] NOT NULL,
    terms_hash bytea,
    decline_reason app_public.offer_decline_reason,
    withdraw_reason app_public.offer_withdraw_reason,
    closing_note text,
    closed_by uuid,
    closed_at timestamp with time zone,
    accepted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT delivery_offers_accepted CHECK ((((accepted_at IS NOT NULL) = (terms_hash IS NOT NULL)) AND ((status <> 'accepted'::app_public.offer_status) OR (accepted_at IS NOT NULL)))),
    CONSTRAINT delivery_offers_closed CHECK (((status = 'pending'::app_public.offer_status) = (closed_at IS NULL))),
    CONSTRAINT delivery_offers_closing_note_check CHECK (((length(closing_note) >= 1) AND (length(closing_note) <= 1000))),
    CONSTRAINT delivery_offers_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT delivery_offers_current_version_check CHECK (((current_version >= 1) AND (current_version <= 100))),
    CONSTRAINT delivery_offers_decline_reason CHECK (((status = 'declined'::app_public.offer_status) = (decline_reason IS NOT NULL))),
    CONSTRAINT delivery_offers_guarantees_check CHECK ((cardinality(guarantees) <= 10)),
    CONSTRAINT delivery_offers_not_own CHECK ((customer_id <> traveler_id)),
    CONSTRAINT delivery_offers_price_check CHECK ((price > 0)),
    CONSTRAINT delivery_offers_terms_hash_check CHECK ((length(terms_hash) = 32)),
    CONSTRAINT delivery_offers_times_ordered CHECK ((delivery_time > pickup_time)),
    CONSTRAINT delivery_offers_withdraw_reason CHECK (((status = 'withdrawn'::app_public.offer_status) = (withdraw_reason IS NOT NULL)))
);

ALTER TABLE ONLY app_public.delivery_offers FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.delivery_offers IS '@behavior -insert -update -delete
A negotiation between a request''s customer and a traveler about carrying it on one of the traveler''s trips. Its versions are in offer_versions; the current one is mirrored here. Visible to both parties and admins; changed only through submitOffer, inviteTraveler, counterOffer, acceptOffer, declineOffer and withdrawOffer.';


--
-- Name: COLUMN delivery_offers.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.id IS 'Identifier of the offer thread.';


--
-- Name: COLUMN delivery_offers.request_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.request_id IS 'The delivery request negotiated.';


--
-- Name: COLUMN delivery_offers.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.customer_id IS 'The customer who posted the request.';


--
-- Name: COLUMN delivery_offers.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.traveler_id IS 'The traveler who would carry the item.';


--
-- Name: COLUMN delivery_offers.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.trip_id IS 'The traveler''s trip the item would travel on.';


--
-- Name: COLUMN delivery_offers.initiated_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.initiated_by IS 'Who opened the thread: the traveler (an offer) or the customer (an invitation).';


--
-- Name: COLUMN delivery_offers.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.status IS 'State of the thread.';


--
-- Name: COLUMN delivery_offers.current_version; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.current_version IS 'Number of the latest version: the only one that can be accepted.';


--
-- Name: COLUMN delivery_offers.awaiting_party; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.awaiting_party IS 'Whose turn it is: only this party may accept or counter.';


--
-- Name: COLUMN delivery_offers.price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.price IS 'Price of the current version, in minor units: what the traveler receives.';


--
-- Name: COLUMN delivery_offers.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.currency IS 'Currency of the price (the request''s).';


--
-- Name: COLUMN delivery_offers.pickup_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.pickup_time IS 'Pickup time proposed by the current version.';


--
-- Name: COLUMN delivery_offers.delivery_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.delivery_time IS 'Drop-off time proposed by the current version.';


--
-- Name: COLUMN delivery_offers.valid_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.valid_until IS 'When the current version expires.';


--
-- Name: COLUMN delivery_offers.guarantees; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.guarantees IS 'What the traveler promises (e.g. photo updates), at most 10.';


--
-- Name: COLUMN delivery_offers.terms_hash; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.terms_hash IS 'SHA-256 of the accepted version and the request essentials: what both parties agreed to.';


--
-- Name: COLUMN delivery_offers.decline_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.decline_reason IS 'Why the thread was declined.';


--
-- Name: COLUMN delivery_offers.withdraw_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.withdraw_reason IS 'Why the traveler withdrew.';


--
-- Name: COLUMN delivery_offers.closing_note; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.closing_note IS 'Free-text note given when the thread was declined, withdrawn or cancelled.';


--
-- Name: COLUMN delivery_offers.closed_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.closed_by IS 'Who closed the thread (NULL: the platform).';


--
-- Name: COLUMN delivery_offers.closed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.closed_at IS 'When the thread stopped being pending.';


--
-- Name: COLUMN delivery_offers.accepted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.accepted_at IS 'When the thread was accepted.';


--
-- Name: COLUMN delivery_offers.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.created_at IS 'When the thread was opened.';


--
-- Name: COLUMN delivery_offers.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_offers.updated_at IS 'When the thread last changed.';


--
-- Name: CONSTRAINT delivery_offers_accepted ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_accepted ON app_public.delivery_offers IS 'accepted_at and terms_hash: an accepted offer has its acceptance time and the hash of its terms, and only an accepted one has them';


--
-- Name: CONSTRAINT delivery_offers_closed ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_closed ON app_public.delivery_offers IS 'closed_at: a pending offer is open, any other is closed';


--
-- Name: CONSTRAINT delivery_offers_closing_note_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_closing_note_check ON app_public.delivery_offers IS 'closing_note must have 1 to 1000 characters';


--
-- Name: CONSTRAINT delivery_offers_currency_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_currency_check ON app_public.delivery_offers IS 'currency must be three capital letters (ISO 4217)';


--
-- Name: CONSTRAINT delivery_offers_current_version_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_current_version_check ON app_public.delivery_offers IS 'current_version must be between 1 and 100';


--
-- Name: CONSTRAINT delivery_offers_decline_reason ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_decline_reason ON app_public.delivery_offers IS 'decline_reason: a declined offer has its reason, and only a declined one has one';


--
-- Name: CONSTRAINT delivery_offers_guarantees_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_guarantees_check ON app_public.delivery_offers IS 'guarantees may list at most 10 items';


--
-- Name: CONSTRAINT delivery_offers_not_own ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_not_own ON app_public.delivery_offers IS 'customer_id and traveler_id: you cannot make an offer on your own request';


--
-- Name: CONSTRAINT delivery_offers_price_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_price_check ON app_public.delivery_offers IS 'price must be more than 0';


--
-- Name: CONSTRAINT delivery_offers_terms_hash_check ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_terms_hash_check ON app_public.delivery_offers IS 'terms_hash must be 32 bytes';


--
-- Name: CONSTRAINT delivery_offers_times_ordered ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_times_ordered ON app_public.delivery_offers IS 'delivery_time must lie after pickup_time';


--
-- Name: CONSTRAINT delivery_offers_withdraw_reason ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_withdraw_reason ON app_public.delivery_offers IS 'withdraw_reason: a withdrawn offer has its reason, and only a withdrawn one has one';


--
-- Name: auto_accept_if_allowed(app_public.delivery_offers); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.auto_accept_if_allowed(offer app_public.delivery_offers) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_applies boolean;
begin
  if offer.awaiting_party = 'customer' then
    select offer.price <= r.auto_accept_price into v_applies
      from app_public.delivery_requests r where r.id = offer.request_id;
  else
    select t.auto_accept and offer.price >= t.auto_accept_price and u.verification_level = 'fully_verified'
      into v_applies
      from app_public.trips t join app_public.users u on u.id = t.traveler_id
     where t.id = offer.trip_id;
  end if;
  if coalesce(v_applies, false) then
    perform app_hidden.accept_offer_version(offer.id, offer.current_version, null);
  end if;
  return (select o from app_public.delivery_offers o where o.id = offer.id);
end;
$$;


--
-- Name: FUNCTION auto_accept_if_allowed(offer app_public.delivery_offers); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.auto_accept_if_allowed(offer app_public.delivery_offers) IS 'Accepts the current version in this transaction when the awaited side''s auto-accept price covers it.';


--
-- Name: blocked_user_ids(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.blocked_user_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select b from app_hidden.users_blocked_with(app_public.current_user_id()) b;
$$;


--
-- Name: FUNCTION blocked_user_ids(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.blocked_user_ids() IS 'The users a block separates from the signed-in user, in either direction.';


--
-- Name: cancel_delivery_as(uuid, app_public.transition_source, uuid, app_public.delivery_cancel_reason, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.cancel_delivery_as(delivery_id uuid, source app_public.transition_source, actor_id uuid, reason app_public.delivery_cancel_reason, note text) RETURNS app_public.deliveries
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery app_public.deliveries;
  v_customer_ends_it boolean;
begin
  update app_public.deliveries d
     set cancellation_reason = cancel_delivery_as.reason, cancellation_note = nullif(trim(cancel_delivery_as.note), ''),
         cancelled_by = cancel_delivery_as.actor_id
   where d.id = cancel_delivery_as.delivery_id
  returning d.* into v_delivery;
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'cancelled', cancel_delivery_as.source,
                                               cancel_delivery_as.actor_id, cancel_delivery_as.reason::text);
  update app_public.delivery_offers o set status = 'cancelled' where o.id = v_delivery.offer_id;

  v_customer_ends_it := v_delivery.cancelled_by = v_delivery.customer_id
    or v_delivery.cancellation_reason in ('item_not_as_described', 'cannot_inspect', 'prohibited_item')
    or v_delivery.picked_up_at is not null;
  update app_public.delivery_requests r
     set status = case when v_customer_ends_it then 'cancelled'
                       when r.expires_at > now() then 'pending'
                       else 'expired' end::app_public.delivery_request_status,
         cancellation_reason = case when v_customer_ends_it then
           case v_delivery.cancellation_reason when 'no_longer_needed' then 'no_longer_needed'
                                               when 'found_alternative' then 'found_alternative'
                                               else 'other' end::app_public.request_cancel_reason end,
         cancelled_at = case when v_customer_ends_it then now() end
   where r.id = v_delivery.request_id;

  perform app_hidden.queue_email(u.id, 'Delivery cancelled',
    format(E'%s was cancelled (%s).%s\n', v_delivery.delivery_number, replace(v_delivery.cancellation_reason::text, '_', ' '),
           case when not v_customer_ends_it and u.id = v_delivery.customer_id
                then ' Your request is open for offers again.' else '' end))
    from unnest(array[v_delivery.customer_id, v_delivery.traveler_id]) as u(id)
   where u.id is distinct from cancel_delivery_as.actor_id;
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION cancel_delivery_as(delivery_id uuid, source app_public.transition_source, actor_id uuid, reason app_public.delivery_cancel_reason, note text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.cancel_delivery_as(delivery_id uuid, source app_public.transition_source, actor_id uuid, reason app_public.delivery_cancel_reason, note text) IS 'Cancels a delivery on behalf of a cause and applies the effects: capacity released, offer cancelled, request reopened or ended, parties told.';


--
-- Name: charge_amounts(bigint, bigint); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.charge_amounts(traveler_amount bigint, credits bigint DEFAULT 0, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_min_charge bigint := (app_hidden.config_value('payments.min_charge'))::bigint;
  v_total bigint;
begin
  if charge_amounts.traveler_amount is null or charge_amounts.traveler_amount <= 0
     or coalesce(charge_amounts.credits, 0) < 0 then
    raise exception 'final_price must be more than 0 (and credits not negative)' using errcode = 'INVAL';
  end if;
  -- round(numeric) rounds halves away from zero: half-up for these positive amounts.
  platform_fee := round(charge_amounts.traveler_amount
                        * (app_hidden.config_value('payments.platform_fee_rate'))::numeric)::bigint;
  processing_fee := round((charge_amounts.traveler_amount + platform_fee)
                          * (app_hidden.config_value('payments.processing_fee_rate'))::numeric
                          + (app_hidden.config_value('payments.processing_fee_fixed'))::numeric)::bigint;
  v_total := charge_amounts.traveler_amount + platform_fee + processing_fee;
  if v_total < v_min_charge then
    raise exception 'final_price is too small: the charge (%) would be below the minimum charge of %', v_total, v_min_charge
      using errcode = 'INVAL';
  end if;
  credits_applied := least(coalesce(charge_amounts.credits, 0), v_total - v_min_charge);
  amount := v_total - credits_applied;
end;
$$;


--
-- Name: FUNCTION charge_amounts(traveler_amount bigint, credits bigint, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.charge_amounts(traveler_amount bigint, credits bigint, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint) IS 'The customer''s charge for a traveler''s price: platform fee, processing fee, credits applied and amount (payments.* settings, half-up). Raises INVAL below payments.min_charge.';


--
-- Name: checked_delivery_request_details(app_public.delivery_request_details, uuid, timestamp with time zone, boolean); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.checked_delivery_request_details(details app_public.delivery_request_details, customer_id uuid, created_at timestamp with time zone, default_expiry boolean) RETURNS app_public.delivery_request_details
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  d app_public.delivery_request_details := checked_delivery_request_details.details;
  v_max_dimension numeric := (app_hidden.config_value('limits.max_dimension_cm'))::numeric;
  v_latest_expiry timestamptz;
begin
  if d is null then
    raise exception 'The request details are missing' using errcode = 'INVAL';
  end if;
  d.title := nullif(trim(d.title), '');
  d.description := nullif(trim(d.description), '');
  d.item_name := nullif(trim(d.item_name), '');
  d.urgency := coalesce(d.urgency, 'standard');
  d.quantity := coalesce(d.quantity, 1);
  d.declared_value := coalesce(d.declared_value, 0);
  d.currency := upper(coalesce(nullif(trim(d.currency), ''), app_hidden.config_value('platform.default_currency') #>> '{}'));
  d.is_fragile := coalesce(d.is_fragile, false);
  d.is_perishable := coalesce(d.is_perishable, false);
  d.is_hazardous := coalesce(d.is_hazardous, false);
  d.requires_signature := coalesce(d.requires_signature, false);
  d.pickup_address := nullif(trim(d.pickup_address), '');
  d.pickup_city := nullif(trim(d.pickup_city), '');
  d.pickup_country := upper(trim(d.pickup_country));
  d.pickup_contact_name := nullif(trim(d.pickup_contact_name), '');
  d.pickup_contact_phone := nullif(trim(d.pickup_contact_phone), '');
  d.pickup_instructions := nullif(trim(d.pickup_instructions), '');
  d.delivery_address := nullif(trim(d.delivery_address), '');
  d.delivery_city := nullif(trim(d.delivery_city), '');
  d.delivery_country := upper(trim(d.delivery_country));
  d.delivery_contact_name := nullif(trim(d.delivery_contact_name), '');
  d.delivery_contact_phone := nullif(trim(d.delivery_contact_phone), '');
  d.delivery_instructions := nullif(trim(d.delivery_instructions), '');
  d.preferred_travelers := coalesce(d.preferred_travelers, '{}');
  d.blacklisted_travelers := coalesce(d.blacklisted_travelers, '{}');
  d.verification_required := coalesce(d.verification_required, false);
  d.background_check_required := coalesce(d.background_check_required, false);
  if d.expires_at is null and checked_delivery_request_details.default_expiry then
    d.expires_at := checked_delivery_request_details.created_at
                    + make_interval(days => (app_hidden.config_value('requests.expiry_days'))::int);
  end if;

  -- Limits from configuration (a missing value is the CHECKs' and NOT NULLs' to refuse)
  if d.quantity > (app_hidden.config_value('limits.max_quantity'))::int then
    raise exception 'quantity may be at most %', app_hidden.config_value('limits.max_quantity') using errcode = 'INVAL';
  end if;
  if d.length_cm > v_max_dimension then
    raise exception 'length_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.width_cm > v_max_dimension then
    raise exception 'width_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.height_cm > v_max_dimension then
    raise exception 'height_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.weight_kg * d.quantity > (app_hidden.config_value('limits.max_delivery_weight_kg'))::numeric then
    raise exception 'weight_kg × quantity (the total weight) may be at most % kg',
      app_hidden.config_value('limits.max_delivery_weight_kg') using errcode = 'INVAL';
  end if;
  if not app_hidden.config_value('platform.supported_currencies') ? d.currency then
    raise exception 'currency % is not supported', d.currency using errcode = 'INVAL';
  end if;
  if d.declared_value > (app_hidden.config_value('limits.max_delivery_value'))::bigint then
    raise exception 'declared_value may be at most %', app_hidden.config_value('limits.max_delivery_value')
      using errcode = 'INVAL';
  end if;
  -- Great-circle distance (sphere), as the quote uses.
  if public.st_distance(d.pickup_point, d.delivery_point, false) / 1000
     > (app_hidden.config_value('limits.max_delivery_distance_km'))::numeric then
    raise exception 'pickup_point and delivery_point may be at most % km apart',
      app_hidden.config_value('limits.max_delivery_distance_km') using errcode = 'INVAL';
  end if;
  if d.max_price not between (app_hidden.config_value('limits.min_request_price'))::bigint
                         and (app_hidden.config_value('limits.max_request_price'))::bigint then
    raise exception 'max_price must be between % and %', app_hidden.config_value('limits.min_request_price'),
      app_hidden.config_value('limits.max_request_price') using errcode = 'INVAL';
  end if;
  v_latest_expiry := checked_delivery_request_details.created_at
                     + make_interval(days => (app_hidden.config_value('requests.max_expiry_days'))::int);
  if d.expires_at > v_latest_expiry then
    raise exception 'expires_at may be at most % days after the request was created',
      app_hidden.config_value('requests.max_expiry_days') using errcode = 'INVAL';
  end if;

  -- What depends on the time of the write
  if d.pickup_window_end <= now() then
    raise exception 'pickup_window_end must lie in the future' using errcode = 'INVAL';
  end if;
  if d.delivery_window_end <= now() then
    raise exception 'delivery_window_end must lie in the future' using errcode = 'INVAL';
  end if;
  if d.expires_at <= now() then
    raise exception 'expires_at must lie in the future' using errcode = 'INVAL';
  end if;
  return d;
end;
$$;


--
-- Name: FUNCTION checked_delivery_request_details(details app_public.delivery_request_details, customer_id uuid, created_at timestamp with time zone, default_expiry boolean); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.checked_delivery_request_details(details app_public.delivery_request_details, customer_id uuid, created_at timestamp with time zone, default_expiry boolean) IS 'Normalises the details of a delivery request and checks the configured limits (limits.*, requests.max_expiry_days, supported currencies) and the rules that depend on the time; raises INVAL naming the field. The table''s CHECKs hold the rest.';


--
-- Name: config_value(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.config_value(setting text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_value jsonb;
begin
  select c.value into v_value
    from app_public.system_configuration c
   where c.category = split_part(config_value.setting, '.', 1)
     and c.key = split_part(config_value.setting, '.', 2);
  if v_value is null then
    raise exception 'Unknown configuration key %', config_value.setting;
  end if;
  return v_value;
end;
$$;


--
-- Name: FUNCTION config_value(setting text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.config_value(setting text) IS 'Value of the tunable named category.key.';


--
-- Name: configuration_value_problem(app_public.configuration_data_type, jsonb, jsonb); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.configuration_value_problem(data_type app_public.configuration_data_type, validation jsonb, value jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_fits boolean;
  v_members jsonb[];
  v_min numeric := (configuration_value_problem.validation ->> 'min')::numeric;
  v_max numeric := (configuration_value_problem.validation ->> 'max')::numeric;
  v_pattern text := configuration_value_problem.validation ->> 'pattern';
begin
  if configuration_value_problem.value is null or jsonb_typeof(configuration_value_problem.value) = 'null' then
    return 'needs a value';
  end if;
  v_fits := case configuration_value_problem.data_type
              when 'integer' then jsonb_typeof(configuration_value_problem.value) = 'number'
                                  and configuration_value_problem.value::text ~ '^-?[0-9]+$'
              else jsonb_typeof(configuration_value_problem.value) = configuration_value_problem.data_type::text
            end;
  if not v_fits then
    return format('must be %s', case configuration_value_problem.data_type
                                  when 'boolean' then 'true or false'
                                  when 'integer' then 'a whole number'
                                  when 'number' then 'a number'
                                  when 'string' then 'a string'
                                  when 'array' then 'an array'
                                  else 'an object' end);
  end if;
  v_members := case jsonb_typeof(configuration_value_problem.value)
                 when 'array' then array(select jsonb_array_elements(configuration_value_problem.value))
                 when 'object' then array(select m.value from jsonb_each(configuration_value_problem.value) as m)
                 else array[configuration_value_problem.value] end;
  if exists (select 1 from unnest(v_members) as m
              where jsonb_typeof(m) = 'number' and (m::text::numeric < v_min or m::text::numeric > v_max)) then
    return format('must lie between %s and %s', coalesce(v_min::text, '-∞'), coalesce(v_max::text, '∞'));
  end if;
  if exists (select 1 from unnest(v_members) as m where jsonb_typeof(m) = 'string' and m #>> '{}' !~ v_pattern) then
    return format('must match %s', v_pattern);
  end if;
  return null;
end;
$_$;


--
-- Name: FUNCTION configuration_value_problem(data_type app_public.configuration_data_type, validation jsonb, value jsonb); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.configuration_value_problem(data_type app_public.configuration_data_type, validation jsonb, value jsonb) IS 'Why a setting''s value breaks its declared data_type or validation (min, max, pattern); null when it fits.';


--
-- Name: trip_capacity_reservations; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.trip_capacity_reservations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trip_id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    weight_kg numeric(6,2) NOT NULL,
    volume_l numeric(6,2) NOT NULL,
    items integer NOT NULL,
    status app_public.trip_reservation_status DEFAULT 'reserved'::app_public.trip_reservation_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trip_capacity_reservations_items_check CHECK ((items >= 1)),
    CONSTRAINT trip_capacity_reservations_volume_l_check CHECK ((volume_l >= (0)::numeric)),
    CONSTRAINT trip_capacity_reservations_weight_kg_check CHECK ((weight_kg > (0)::numeric))
);

ALTER TABLE ONLY app_public.trip_capacity_reservations FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.trip_capacity_reservations IS '@behavior -insert -update -delete
Capacity of a trip held for one delivery. For every trip, capacity − available = the sum of reserved and consumed reservations. Visible to the traveler and admins.';


--
-- Name: COLUMN trip_capacity_reservations.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.id IS 'Identifier of the reservation.';


--
-- Name: COLUMN trip_capacity_reservations.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.trip_id IS 'The trip whose capacity is held.';


--
-- Name: COLUMN trip_capacity_reservations.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.delivery_id IS 'The delivery the capacity is held for (one reservation per delivery).';


--
-- Name: COLUMN trip_capacity_reservations.weight_kg; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.weight_kg IS 'Weight held, in kg.';


--
-- Name: COLUMN trip_capacity_reservations.volume_l; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.volume_l IS 'Volume held, in litres.';


--
-- Name: COLUMN trip_capacity_reservations.items; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.items IS 'Items held.';


--
-- Name: COLUMN trip_capacity_reservations.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.status IS 'reserved, released or consumed.';


--
-- Name: COLUMN trip_capacity_reservations.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.created_at IS 'When the capacity was reserved.';


--
-- Name: COLUMN trip_capacity_reservations.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_capacity_reservations.updated_at IS 'When the reservation last changed.';


--
-- Name: CONSTRAINT trip_capacity_reservations_items_check ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_items_check ON app_public.trip_capacity_reservations IS 'items must be at least 1';


--
-- Name: CONSTRAINT trip_capacity_reservations_volume_l_check ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_volume_l_check ON app_public.trip_capacity_reservations IS 'volume_l cannot be negative';


--
-- Name: CONSTRAINT trip_capacity_reservations_weight_kg_check ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_weight_kg_check ON app_public.trip_capacity_reservations IS 'weight_kg must be more than 0';


--
-- Name: consume_trip_capacity(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.consume_trip_capacity(delivery_id uuid) RETURNS app_public.trip_capacity_reservations
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_reservation app_public.trip_capacity_reservations;
begin
  select r.* into v_reservation from app_public.trip_capacity_reservations r
   where r.delivery_id = consume_trip_capacity.delivery_id
   for update;
  if v_reservation.id is null then
    raise exception 'No capacity is reserved for this delivery' using errcode = 'NTFND';
  end if;
  if v_reservation.status = 'released' then
    raise exception 'The capacity of this delivery was released' using errcode = 'BADST';
  end if;
  if v_reservation.status = 'reserved' then
    update app_public.trip_capacity_reservations r set status = 'consumed'
     where r.id = v_reservation.id
    returning r.* into v_reservation;
  end if;
  return v_reservation;
end;
$$;


--
-- Name: FUNCTION consume_trip_capacity(delivery_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.consume_trip_capacity(delivery_id uuid) IS 'Marks a delivery''s reserved capacity as used for good (at delivery); idempotent. NTFND when the delivery holds none, BADST when it was released.';


--
-- Name: contacts_open(app_public.delivery_status, timestamp with time zone); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.contacts_open(status app_public.delivery_status, delivered_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select contacts_open.status <> 'cancelled'
         and coalesce(app_hidden.contacts_until(contacts_open.delivered_at) > now(), true);
$$;


--
-- Name: FUNCTION contacts_open(status app_public.delivery_status, delivered_at timestamp with time zone); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.contacts_open(status app_public.delivery_status, delivered_at timestamp with time zone) IS 'Whether the parties of a delivery in this state may still see its contacts and exact places.';


--
-- Name: contacts_until(timestamp with time zone); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.contacts_until(delivered_at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select contacts_until.delivered_at
         + make_interval(hours => (app_hidden.config_value('deliveries.contacts_after_hours'))::int);
$$;


--
-- Name: FUNCTION contacts_until(delivered_at timestamp with time zone); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.contacts_until(delivered_at timestamp with time zone) IS 'End of a delivery''s contacts window: deliveries.contacts_after_hours after delivery (null before delivery).';


--
-- Name: count_delivery_outcome(app_public.deliveries, app_public.deliveries); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_was_delivered boolean := old_row.delivered_at is not null;
  v_traveler_at_fault boolean := new_row.status = 'cancelled' and new_row.cancelled_by = new_row.traveler_id
    and new_row.cancellation_reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item');
begin
  if new_row.status = 'delivered' and not v_was_delivered then
    update app_public.user_statistics s
       set total_deliveries = s.total_deliveries + 1,
           successful_deliveries = s.successful_deliveries + 1,
           deliveries_as_traveler = s.deliveries_as_traveler + (s.user_id = new_row.traveler_id)::int,
           successful_as_traveler = s.successful_as_traveler + (s.user_id = new_row.traveler_id)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
    -- The traveler's row first, then the customer's (a fixed order for the two row locks).
    insert into app_public.user_earnings as e (user_id, currency, total_earnings, total_spent)
    values (new_row.traveler_id, new_row.currency, new_row.final_price, 0),
           (new_row.customer_id, new_row.currency, 0, app_hidden.customer_charge(new_row))
    on conflict (user_id, currency) do update
       set total_earnings = e.total_earnings + excluded.total_earnings,
           total_spent = e.total_spent + excluded.total_spent;
  elsif new_row.status = 'cancelled' and v_was_delivered then
    update app_public.user_statistics s
       set successful_deliveries = s.successful_deliveries - 1,
           cancelled_deliveries = s.cancelled_deliveries + 1,
           successful_as_traveler = s.successful_as_traveler - (s.user_id = new_row.traveler_id)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
  elsif new_row.status = 'cancelled' then
    update app_public.user_statistics s
       set total_deliveries = s.total_deliveries + 1,
           cancelled_deliveries = s.cancelled_deliveries + 1,
           deliveries_as_traveler = s.deliveries_as_traveler + (s.user_id = new_row.traveler_id)::int,
           cancelled_as_traveler = s.cancelled_as_traveler + (s.user_id = new_row.traveler_id and v_traveler_at_fault)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
  end if;
end;
$$;


--
-- Name: FUNCTION count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries) IS 'Counts a delivery that ended (delivered or cancelled) in both parties'' statistics and earnings.';


--
-- Name: user_verification_documents; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_verification_documents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    document_type app_public.document_type NOT NULL,
    expires_on date,
    status app_public.verification_status DEFAULT 'pending'::app_public.verification_status NOT NULL,
    verified_by uuid,
    reviewed_at timestamp with time zone,
    rejection_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    front_image_id uuid,
    back_image_id uuid,
    selfie_image_id uuid,
    CONSTRAINT user_verification_documents_check CHECK (((status = 'rejected'::app_public.verification_status) = (rejection_reason IS NOT NULL))),
    CONSTRAINT user_verification_documents_check1 CHECK ((((status = ANY (ARRAY['approved'::app_public.verification_status, 'rejected'::app_public.verification_status])) = (reviewed_at IS NOT NULL)) OR (status = 'expired'::app_public.verification_status))),
    CONSTRAINT user_verification_documents_front_image CHECK (((front_image_id IS NOT NULL) OR (status = 'rejected'::app_public.verification_status))),
    CONSTRAINT user_verification_documents_id_selfie CHECK (((document_type <> ALL (ARRAY['passport'::app_public.document_type, 'driving_license'::app_public.document_type, 'national_id'::app_public.document_type])) OR (selfie_image_id IS NOT NULL) OR (status = 'rejected'::app_public.verification_status))),
    CONSTRAINT user_verification_documents_licence_back CHECK (((document_type <> 'driving_license'::app_public.document_type) OR (back_image_id IS NOT NULL) OR (status = 'rejected'::app_public.verification_status))),
    CONSTRAINT user_verification_documents_rejection_reason_check CHECK (((length(rejection_reason) >= 10) AND (length(rejection_reason) <= 1000)))
);

ALTER TABLE ONLY app_public.user_verification_documents FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_verification_documents IS '@behavior -update -delete
Identity and address documents a user submits for review; the images sit in a private bucket. Visible to the owner and to admins with users.verify.';


--
-- Name: COLUMN user_verification_documents.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.id IS 'Identifier of the document.';


--
-- Name: COLUMN user_verification_documents.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.user_id IS '@hasDefault
The user the document belongs to.';


--
-- Name: COLUMN user_verification_documents.document_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.document_type IS 'Kind of document.';


--
-- Name: COLUMN user_verification_documents.expires_on; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.expires_on IS 'Last day the document is valid.';


--
-- Name: COLUMN user_verification_documents.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.status IS 'Review state.';


--
-- Name: COLUMN user_verification_documents.verified_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.verified_by IS 'Admin who approved or rejected the document.';


--
-- Name: COLUMN user_verification_documents.reviewed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.reviewed_at IS 'When the document was approved or rejected.';


--
-- Name: COLUMN user_verification_documents.rejection_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.rejection_reason IS 'Why the document was rejected (at least 10 characters).';


--
-- Name: COLUMN user_verification_documents.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.created_at IS 'When the document was submitted.';


--
-- Name: COLUMN user_verification_documents.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.updated_at IS 'When the document last changed.';


--
-- Name: COLUMN user_verification_documents.front_image_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.front_image_id IS 'The front image (a ready verification_document file of the owner''s).';


--
-- Name: COLUMN user_verification_documents.back_image_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.back_image_id IS 'The back image (required for a driving licence).';


--
-- Name: COLUMN user_verification_documents.selfie_image_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_verification_documents.selfie_image_id IS 'A selfie holding the document (required for passports, licences and ID cards).';


--
-- Name: CONSTRAINT user_verification_documents_check ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_check ON app_public.user_verification_documents IS 'rejection_reason: a rejected document has its reason, and only a rejected one has one';


--
-- Name: CONSTRAINT user_verification_documents_check1 ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_check1 ON app_public.user_verification_documents IS 'reviewed_at: an approved or rejected document has its review time, and only then';


--
-- Name: CONSTRAINT user_verification_documents_front_image ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_front_image ON app_public.user_verification_documents IS 'front_image_id: a document needs its front image';


--
-- Name: CONSTRAINT user_verification_documents_id_selfie ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_id_selfie ON app_public.user_verification_documents IS 'selfie_image_id: an identity document needs a selfie';


--
-- Name: CONSTRAINT user_verification_documents_licence_back ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_licence_back ON app_public.user_verification_documents IS 'back_image_id: a driving licence needs its back side';


--
-- Name: CONSTRAINT user_verification_documents_rejection_reason_check ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_rejection_reason_check ON app_public.user_verification_documents IS 'rejection_reason must have 10 to 1000 characters';


--
-- Name: counts_as_proof_of_address(app_public.user_verification_documents); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.counts_as_proof_of_address(document app_public.user_verification_documents) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select (counts_as_proof_of_address.document).status = 'approved'
     and ((counts_as_proof_of_address.document).expires_on is null
          or (counts_as_proof_of_address.document).expires_on >= current_date)
     and (counts_as_proof_of_address.document).document_type in ('utility_bill', 'bank_statement')
     and (counts_as_proof_of_address.document).created_at >= now() - make_interval(
           days => (app_hidden.config_value('verification.address_doc_max_age_days'))::int);
$$;


--
-- Name: FUNCTION counts_as_proof_of_address(document app_public.user_verification_documents); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.counts_as_proof_of_address(document app_public.user_verification_documents) IS 'Whether the document currently proves the owner''s address (approved, unexpired, recent enough).';


--
-- Name: current_ip(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_ip() RETURNS inet
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_raw text := nullif(current_setting('request.ip', true), '');
begin
  return v_raw::inet;
exception when invalid_text_representation then
  return null;
end;
$$;


--
-- Name: FUNCTION current_ip(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_ip() IS 'IP address of the client of the current request, or null.';


--
-- Name: current_party_delivery_file_ids(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_party_delivery_file_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select f.file_id
    from app_public.deliveries d
   cross join lateral (values (d.pickup_photo_id), (d.delivery_photo_id), (d.signature_id)) as f (file_id)
   where (d.customer_id = app_public.current_user_id() or d.traveler_id = app_public.current_user_id())
     and f.file_id is not null
     and (d.status not in ('delivered', 'cancelled')
          or coalesce(d.delivered_at, d.cancelled_at)
             > now() - make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int));
$$;


--
-- Name: FUNCTION current_party_delivery_file_ids(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_party_delivery_file_ids() IS 'Photos and signatures of the signed-in user''s deliveries that are live, disputed or within the dispute window.';


--
-- Name: current_session_id(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_session_id() RETURNS uuid
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
    from (select pg_catalog.current_setting('jwt.claims.session_id', true) as s) as claim;
$_$;


--
-- Name: FUNCTION current_session_id(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_session_id() IS 'Session id claim of the current request, or NULL.';


--
-- Name: current_traveler_request_ids(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_traveler_request_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select d.request_id
    from app_public.deliveries d
   where d.traveler_id = app_public.current_user_id()
     and app_hidden.contacts_open(d.status, d.delivered_at);
$$;


--
-- Name: FUNCTION current_traveler_request_ids(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_traveler_request_ids() IS 'Requests the signed-in user carries as the traveler of a delivery whose contacts window is open.';


--
-- Name: current_user_has_permission(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_user_has_permission(permission text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce((
    select bool_or(granted = '*' or granted = current_user_has_permission.permission
                   or (right(granted, 2) = '.*'
                       and starts_with(current_user_has_permission.permission, left(granted, -1))))
      from app_private.admin_users a,
           unnest(app_hidden.admin_role_permissions(a.role) || a.permissions) as granted
     where a.user_id = app_public.current_user_id() and a.is_active and app_hidden.admin_session_ok()
  ), false);
$$;


--
-- Name: FUNCTION current_user_has_permission(permission text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_user_has_permission(permission text) IS 'Whether the signed-in user is an active admin holding the permission.';


--
-- Name: customer_charge(app_public.deliveries); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.customer_charge(delivery app_public.deliveries) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select customer_charge.delivery.final_price + customer_charge.delivery.platform_fee;
$$;


--
-- Name: FUNCTION customer_charge(delivery app_public.deliveries); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.customer_charge(delivery app_public.deliveries) IS 'What the customer paid for a delivery (final price + platform fee; the payments issue adds processing fees and credits).';


--
-- Name: default_quote(numeric, numeric, app_public.urgency_level, boolean, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_urgency numeric := (app_hidden.config_value('pricing.urgency_multipliers') ->> default_quote.urgency::text)::numeric;
  v_fragile numeric := case when default_quote.is_fragile
                            then (app_hidden.config_value('pricing.fragile_multiplier'))::numeric else 1 end;
  v_raw numeric;
begin
  if default_quote.distance_km is null or default_quote.distance_km < 0
     or default_quote.weight_kg is null or default_quote.weight_kg <= 0 or v_urgency is null then
    raise exception 'A quote needs a distance ≥ 0, a weight > 0 and an urgency' using errcode = 'INVAL';
  end if;
  if default_quote.currency is null
     or not app_hidden.config_value('platform.supported_currencies') ? default_quote.currency then
    raise exception 'Currency % is not supported', default_quote.currency using errcode = 'INVAL';
  end if;
  v_raw := ((app_hidden.config_value('pricing.base'))::numeric
            + (app_hidden.config_value('pricing.per_km'))::numeric * default_quote.distance_km
            + (app_hidden.config_value('pricing.per_kg'))::numeric * default_quote.weight_kg)
           * v_urgency * v_fragile;
  -- round(numeric) rounds halves away from zero, i.e. half-up for these positive amounts.
  return greatest((app_hidden.config_value('pricing.min_price'))::bigint,
                  least((app_hidden.config_value('pricing.max_price'))::bigint, round(v_raw)::bigint));
end;
$$;


--
-- Name: FUNCTION default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text) IS 'Default-rates quote in minor units: (base + per_km·km + per_kg·kg) × urgency × fragile, clamped to pricing.min_price–max_price, half-up. Raises INVAL for bad inputs.';


--
-- Name: delivery_request_details_of(app_public.delivery_requests); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.delivery_request_details_of(request app_public.delivery_requests) RETURNS app_public.delivery_request_details
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select row((request).title, (request).description, (request).category, (request).urgency, (request).item_name,
             (request).quantity, (request).weight_kg, (request).length_cm, (request).width_cm, (request).height_cm,
             (request).declared_value, (request).currency, (request).is_fragile, (request).is_perishable,
             (request).is_hazardous, (request).requires_signature,
             (request).pickup_address, (request).pickup_point, (request).pickup_city, (request).pickup_country,
             (request).pickup_contact_name, (request).pickup_contact_phone, (request).pickup_instructions,
             (request).pickup_window_start, (request).pickup_window_end,
             (request).delivery_address, (request).delivery_point, (request).delivery_city, (request).delivery_country,
             (request).delivery_contact_name, (request).delivery_contact_phone, (request).delivery_instructions,
             (request).delivery_window_start, (request).delivery_window_end,
             (request).max_price, (request).auto_accept_price, (request).preferred_travelers,
             (request).blacklisted_travelers, (request).min_traveler_rating, (request).verification_required,
             (request).background_check_required, (request).expires_at)::app_public.delivery_request_details;
$$;


--
-- Name: FUNCTION delivery_request_details_of(request app_public.delivery_requests); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.delivery_request_details_of(request app_public.delivery_requests) IS 'The customer-entered details of a delivery request.';


--
-- Name: delivery_request_estimate(app_public.delivery_request_details); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.delivery_request_estimate(details app_public.delivery_request_details) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case when (delivery_request_estimate.details).weight_kg * (delivery_request_estimate.details).quantity > 0
               and (delivery_request_estimate.details).pickup_point is not null
               and (delivery_request_estimate.details).delivery_point is not null
              then app_hidden.default_quote(
                     (public.st_distance((delivery_request_estimate.details).pickup_point,
                                         (delivery_request_estimate.details).delivery_point, false) / 1000)::numeric,
                     (delivery_request_estimate.details).weight_kg * (delivery_request_estimate.details).quantity,
                     (delivery_request_estimate.details).urgency,
                     (delivery_request_estimate.details).is_fragile,
                     (delivery_request_estimate.details).currency)
         end;
$$;


--
-- Name: FUNCTION delivery_request_estimate(details app_public.delivery_request_details); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.delivery_request_estimate(details app_public.delivery_request_details) IS 'Estimated price of checked request details (app_hidden.default_quote over the great-circle distance and total weight); null when they have no points or weight.';


--
-- Name: display_name(text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.display_name(first_name text, last_name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select display_name.first_name || coalesce(' ' || upper(left(display_name.last_name, 1)) || '.', '');
$$;


--
-- Name: FUNCTION display_name(first_name text, last_name text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.display_name(first_name text, last_name text) IS 'Public name: first name and last initial.';


--
-- Name: insert_delivery_request(uuid, app_public.delivery_request_details); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.insert_delivery_request(customer_id uuid, details app_public.delivery_request_details) RETURNS app_public.delivery_requests
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_now timestamptz := now();
  d app_public.delivery_request_details :=
    app_hidden.checked_delivery_request_details(insert_delivery_request.details, insert_delivery_request.customer_id,
                                                v_now, true);
  v_request app_public.delivery_requests;
begin
  perform pg_advisory_xact_lock(hashtext('app_public.delivery_requests'), hashtext(insert_delivery_request.customer_id::text));
  if (select count(*) from app_public.delivery_requests r
       where r.customer_id = insert_delivery_request.customer_id
         and r.status in ('pending', 'matched') and r.expires_at > v_now)
     >= (app_hidden.config_value('limits.max_open_requests'))::int then
    raise exception 'You may have at most % open delivery requests', app_hidden.config_value('limits.max_open_requests')
      using errcode = 'LIMIT';
  end if;
  insert into app_public.delivery_requests (
    customer_id, title, description, category, urgency, item_name, quantity, weight_kg, length_cm, width_cm,
    height_cm, declared_value, currency, is_fragile, is_perishable, is_hazardous, requires_signature,
    pickup_address, pickup_point, pickup_city, pickup_country, pickup_contact_name, pickup_contact_phone,
    pickup_instructions, pickup_window_start, pickup_window_end,
    delivery_address, delivery_point, delivery_city, delivery_country, delivery_contact_name, delivery_contact_phone,
    delivery_instructions, delivery_window_start, delivery_window_end,
    max_price, auto_accept_price, estimated_price, preferred_travelers, blacklisted_travelers, min_traveler_rating,
    verification_required, background_check_required, expires_at, created_at)
  values (
    insert_delivery_request.customer_id, d.title, d.description, d.category, d.urgency, d.item_name, d.quantity,
    d.weight_kg, d.length_cm, d.width_cm, d.height_cm, d.declared_value, d.currency, d.is_fragile, d.is_perishable,
    d.is_hazardous, d.requires_signature,
    d.pickup_address, d.pickup_point, d.pickup_city, d.pickup_country, d.pickup_contact_name, d.pickup_contact_phone,
    d.pickup_instructions, d.pickup_window_start, d.pickup_window_end,
    d.delivery_address, d.delivery_point, d.delivery_city, d.delivery_country, d.delivery_contact_name,
    d.delivery_contact_phone, d.delivery_instructions, d.delivery_window_start, d.delivery_window_end,
    d.max_price, d.auto_accept_price, app_hidden.delivery_request_estimate(d), d.preferred_travelers,
    d.blacklisted_travelers, d.min_traveler_rating, d.verification_required, d.background_check_required,
    d.expires_at, v_now)
  returning * into v_request;
  return v_request;
end;
$$;


--
-- Name: FUNCTION insert_delivery_request(customer_id uuid, details app_public.delivery_request_details); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.insert_delivery_request(customer_id uuid, details app_public.delivery_request_details) IS 'Validates the details and inserts a pending request for the customer; raises INVAL (a configured limit, naming the field), LIMIT (too many open requests) or a CHECK violation of the table (answered INVAL with its message by the server).';


--
-- Name: is_admin_user(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.is_admin_user() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select exists (select 1 from app_private.admin_users a
                  where a.user_id = app_public.current_user_id() and a.is_active)
     and app_hidden.admin_session_ok();
$$;


--
-- Name: FUNCTION is_admin_user(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.is_admin_user() IS 'Whether the signed-in user is an active admin.';


--
-- Name: listed_delivery_requests(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.listed_delivery_requests(viewer_id uuid) RETURNS SETOF app_public.delivery_requests
    LANGUAGE sql STABLE
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select r.*
    from app_public.delivery_requests r
    join app_public.users u on u.id = r.customer_id
   where r.status in ('pending', 'matched')
     and r.expires_at > now()
     and u.status = 'active' and u.deleted_at is null
     and r.customer_id <> listed_delivery_requests.viewer_id
     and not (listed_delivery_requests.viewer_id = any (r.blacklisted_travelers))
     and not exists (select 1 from app_hidden.users_blocked_with(listed_delivery_requests.viewer_id) b
                      where b = r.customer_id);
$$;


--
-- Name: FUNCTION listed_delivery_requests(viewer_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.listed_delivery_requests(viewer_id uuid) IS 'Delivery requests the viewer may see in the marketplace (open, unexpired, active customer, not own, unblocked, not blacklisted).';


--
-- Name: lock_delivery_for_party(uuid, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.lock_delivery_for_party(delivery_id uuid, user_id uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery app_public.deliveries;
begin
  select * into v_delivery from app_public.deliveries d where d.id = lock_delivery_for_party.delivery_id for update;
  if v_delivery.id is null or lock_delivery_for_party.user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION lock_delivery_for_party(delivery_id uuid, user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.lock_delivery_for_party(delivery_id uuid, user_id uuid) IS 'Locks a delivery the user takes part in; NTFND otherwise.';


--
-- Name: lock_offer(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.lock_offer(offer_id uuid) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_offer app_public.delivery_offers;
begin
  perform 1 from app_public.delivery_requests r
   where r.id = (select o.request_id from app_public.delivery_offers o where o.id = lock_offer.offer_id)
   for update;
  select * into v_offer from app_public.delivery_offers o where o.id = lock_offer.offer_id for update;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION lock_offer(offer_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.lock_offer(offer_id uuid) IS 'Locks an offer thread after its request (the fixed lock order) and returns it.';


--
-- Name: reviews; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.reviews (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    delivery_id uuid NOT NULL,
    reviewer_id uuid NOT NULL,
    reviewee_id uuid NOT NULL,
    reviewer_role app_public.offer_party NOT NULL,
    overall_rating integer NOT NULL,
    communication_rating integer,
    punctuality_rating integer,
    care_rating integer,
    accuracy_rating integer,
    comment text,
    is_anonymous boolean DEFAULT false NOT NULL,
    is_verified boolean DEFAULT false NOT NULL,
    status app_public.review_status DEFAULT 'active'::app_public.review_status NOT NULL,
    moderation_status app_public.moderation_status DEFAULT 'approved'::app_public.moderation_status NOT NULL,
    moderation_note text,
    moderated_by uuid,
    moderated_at timestamp with time zone,
    response text,
    response_at timestamp with time zone,
    edited_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reviews_accuracy_rating_check CHECK (((accuracy_rating >= 1) AND (accuracy_rating <= 5))),
    CONSTRAINT reviews_care_rating_check CHECK (((care_rating >= 1) AND (care_rating <= 5))),
    CONSTRAINT reviews_comment_check CHECK (((length(comment) >= 1) AND (length(comment) <= 1000))),
    CONSTRAINT reviews_communication_rating_check CHECK (((communication_rating >= 1) AND (communication_rating <= 5))),
    CONSTRAINT reviews_moderation_note_check CHECK (((length(moderation_note) >= 1) AND (length(moderation_note) <= 1000))),
    CONSTRAINT reviews_not_self CHECK ((reviewer_id <> reviewee_id)),
    CONSTRAINT reviews_overall_rating_check CHECK (((overall_rating >= 1) AND (overall_rating <= 5))),
    CONSTRAINT reviews_punctuality_rating_check CHECK (((punctuality_rating >= 1) AND (punctuality_rating <= 5))),
    CONSTRAINT reviews_response CHECK (((response IS NULL) = (response_at IS NULL))),
    CONSTRAINT reviews_response_check CHECK (((length(response) >= 1) AND (length(response) <= 500)))
);

ALTER TABLE ONLY app_public.reviews FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.reviews IS '@behavior -insert -update -delete
What one party of a delivered delivery says about the other. Rows are visible to their author, their reviewee and moderators; everybody signed in reads published reviews through userReviews (which hides the author of anonymous ones). Written only through submitReview, updateReview, respondToReview, reportReview and moderateReview.';


--
-- Name: COLUMN reviews.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.id IS 'Identifier of the review.';


--
-- Name: COLUMN reviews.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.delivery_id IS 'The delivery reviewed.';


--
-- Name: COLUMN reviews.reviewer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.reviewer_id IS 'The party who wrote the review.';


--
-- Name: COLUMN reviews.reviewee_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.reviewee_id IS 'The other party, whom the review is about.';


--
-- Name: COLUMN reviews.reviewer_role; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.reviewer_role IS 'Side of the author in the delivery: customer (reviewing the traveler) or traveler (reviewing the customer).';


--
-- Name: COLUMN reviews.overall_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.overall_rating IS 'Overall rating, 1–5; the only one counted in the reviewee''s average.';


--
-- Name: COLUMN reviews.communication_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.communication_rating IS 'How well the reviewee communicated, 1–5.';


--
-- Name: COLUMN reviews.punctuality_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.punctuality_rating IS 'Whether the reviewee kept the agreed times (traveler: pickup and drop-off; customer: handover), 1–5.';


--
-- Name: COLUMN reviews.care_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.care_rating IS 'Care taken (traveler: of the item; customer: packaging), 1–5.';


--
-- Name: COLUMN reviews.accuracy_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.accuracy_rating IS 'Accuracy (traveler: updates and ETA; customer: the item as described), 1–5.';


--
-- Name: COLUMN reviews.comment; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.comment IS 'Free text, at most 1000 characters.';


--
-- Name: COLUMN reviews.is_anonymous; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.is_anonymous IS 'Whether the author is hidden from other users in published reviews.';


--
-- Name: COLUMN reviews.is_verified; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.is_verified IS 'Whether the delivery was proven delivered (set by trigger).';


--
-- Name: COLUMN reviews.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.status IS 'active (shown), hidden (awaiting moderation) or deleted (removed by moderation).';


--
-- Name: COLUMN reviews.moderation_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.moderation_status IS 'approved (published), pending (awaiting a moderator) or rejected.';


--
-- Name: COLUMN reviews.moderation_note; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.moderation_note IS 'Moderator''s note on the last decision.';


--
-- Name: COLUMN reviews.moderated_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.moderated_by IS 'Moderator who decided last.';


--
-- Name: COLUMN reviews.moderated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.moderated_at IS 'When a moderator decided last.';


--
-- Name: COLUMN reviews.response; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.response IS 'The reviewee''s one answer, at most 500 characters.';


--
-- Name: COLUMN reviews.response_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.response_at IS 'When the reviewee answered.';


--
-- Name: COLUMN reviews.edited_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.edited_at IS 'When the author last edited the review.';


--
-- Name: COLUMN reviews.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.created_at IS 'When the review was written.';


--
-- Name: COLUMN reviews.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.reviews.updated_at IS 'When the review last changed.';


--
-- Name: CONSTRAINT reviews_accuracy_rating_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_accuracy_rating_check ON app_public.reviews IS 'accuracy_rating must be between 1 and 5';


--
-- Name: CONSTRAINT reviews_care_rating_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_care_rating_check ON app_public.reviews IS 'care_rating must be between 1 and 5';


--
-- Name: CONSTRAINT reviews_comment_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_comment_check ON app_public.reviews IS 'comment must have 1 to 1000 characters';


--
-- Name: CONSTRAINT reviews_communication_rating_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_communication_rating_check ON app_public.reviews IS 'communication_rating must be between 1 and 5';


--
-- Name: CONSTRAINT reviews_moderation_note_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_moderation_note_check ON app_public.reviews IS 'moderation_note must have 1 to 1000 characters';


--
-- Name: CONSTRAINT reviews_not_self ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_not_self ON app_public.reviews IS 'reviewee_id: you cannot review yourself';


--
-- Name: CONSTRAINT reviews_overall_rating_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_overall_rating_check ON app_public.reviews IS 'overall_rating must be between 1 and 5';


--
-- Name: CONSTRAINT reviews_punctuality_rating_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_punctuality_rating_check ON app_public.reviews IS 'punctuality_rating must be between 1 and 5';


--
-- Name: CONSTRAINT reviews_response ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_response ON app_public.reviews IS 'response_at: an answer has its time, and only an answer has one';


--
-- Name: CONSTRAINT reviews_response_check ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_response_check ON app_public.reviews IS 'response must have 1 to 500 characters';


--
-- Name: lock_review(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.lock_review(review_id uuid) RETURNS app_public.reviews
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_review app_public.reviews;
begin
  select * into v_review from app_public.reviews v where v.id = lock_review.review_id for update;
  if v_review.id is null then
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  return v_review;
end;
$$;


--
-- Name: FUNCTION lock_review(review_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.lock_review(review_id uuid) IS 'Locks a review for a change; NTFND when it does not exist.';


--
-- Name: lock_traveler_deliveries(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.lock_traveler_deliveries(traveler_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select pg_advisory_xact_lock(hashtext('traveler live deliveries'), hashtext(lock_traveler_deliveries.traveler_id::text));
$$;


--
-- Name: FUNCTION lock_traveler_deliveries(traveler_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.lock_traveler_deliveries(traveler_id uuid) IS 'Serialises, until commit, the accepts that add a live delivery to this traveler (the live-delivery limits).';


--
-- Name: matches(uuid, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.matches(request_id uuid, trip_id uuid) RETURNS SETOF app_hidden.pair_match
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_cfg jsonb := app_hidden.matching_config();
  v_limit integer := (v_cfg ->> 'candidate_limit')::integer;
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
begin
  if matches.request_id is not null then
    select r.* into v_request from app_public.delivery_requests r where r.id = matches.request_id;
  end if;
  if matches.trip_id is not null then
    select t.* into v_trip from app_public.trips t where t.id = matches.trip_id;
  end if;
  return query
  with candidates as (
    (select m.*
       from app_public.trips t
      cross join lateral app_hidden.pair_match(v_request, t, v_cfg) m
      where v_request.id is not null
      order by t.origin_point <-> v_request.pickup_point, t.id
      limit v_limit)
    union all
    (select m.*
       from app_public.delivery_requests r
      cross join lateral app_hidden.pair_match(r, v_trip, v_cfg) m
      where v_trip.id is not null
      order by r.pickup_point <-> v_trip.origin_point, r.id
      limit v_limit)
  )
  select c.request_id, c.trip_id, c.departure_time, c.score, c.detour_km, c.quoted_price, c.factors
    from candidates c
   where c.score >= (v_cfg ->> 'min_score')::numeric
   order by c.score desc, c.departure_time, c.trip_id, c.request_id
   limit (v_cfg ->> 'max_results')::integer;
end;
$$;


--
-- Name: FUNCTION matches(request_id uuid, trip_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.matches(request_id uuid, trip_id uuid) IS 'Ranked matches of a request (trips) or of a trip (requests): nearest candidate_limit passing pairs scored, min_score cut, top max_results.';


--
-- Name: matching_config(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.matching_config() RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select jsonb_build_object(
    'pickup_radius_km', app_hidden.config_value('matching.pickup_radius_km'),
    'dropoff_radius_km', app_hidden.config_value('matching.dropoff_radius_km'),
    'time_flex_hours', app_hidden.config_value('matching.time_flex_hours'),
    'min_lead_hours', app_hidden.config_value('matching.min_lead_hours'),
    'max_detour_km', app_hidden.config_value('matching.max_detour_km'),
    'detour_ratio', app_hidden.config_value('matching.detour_ratio'),
    'min_detour_km', app_hidden.config_value('matching.min_detour_km'),
    'candidate_limit', app_hidden.config_value('matching.candidate_limit'),
    'max_results', app_hidden.config_value('matching.max_results'),
    'min_score', app_hidden.config_value('matching.min_score'),
    'weights', app_hidden.config_value('matching.weights'),
    'rating_prior', app_hidden.config_value('matching.rating_prior'),
    'prior_weight', app_hidden.config_value('matching.prior_weight'),
    'newcomer_threshold', app_hidden.config_value('matching.newcomer_threshold'),
    'favorite_bonus', app_hidden.config_value('matching.favorite_bonus'));
$$;


--
-- Name: FUNCTION matching_config(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.matching_config() IS 'The matching.* tunables as one object (keys without the category).';


--
-- Name: notify_trip_customers(uuid, text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.notify_trip_customers(trip_id uuid, subject text, body text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_hidden.queue_email(d.customer_id, notify_trip_customers.subject, notify_trip_customers.body)
    from app_public.deliveries d
   where d.trip_id = notify_trip_customers.trip_id and d.status not in ('delivered', 'cancelled');
$$;


--
-- Name: FUNCTION notify_trip_customers(trip_id uuid, subject text, body text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.notify_trip_customers(trip_id uuid, subject text, body text) IS 'Emails the customers of a trip''s live deliveries.';


--
-- Name: offer_party_of(app_public.delivery_offers, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.offer_party_of(offer app_public.delivery_offers, user_id uuid) RETURNS app_public.offer_party
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if offer.id is null or user_id not in (offer.customer_id, offer.traveler_id) then
    raise exception 'Offer not found' using errcode = 'NTFND';
  end if;
  return case when user_id = offer.customer_id then 'customer' else 'traveler' end::app_public.offer_party;
end;
$$;


--
-- Name: FUNCTION offer_party_of(offer app_public.delivery_offers, user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.offer_party_of(offer app_public.delivery_offers, user_id uuid) IS 'Which side of the offer thread the user is on; NTFND for anybody else.';


--
-- Name: offer_valid_until(app_public.delivery_requests); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.offer_valid_until(request app_public.delivery_requests) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select least(now() + make_interval(hours => (app_hidden.config_value('offers.validity_hours'))::int), request.expires_at);
$$;


--
-- Name: FUNCTION offer_valid_until(request app_public.delivery_requests); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.offer_valid_until(request app_public.delivery_requests) IS 'Expiry of a new offer version.';


--
-- Name: on_request_cancelled(uuid, uuid, app_public.request_cancel_reason); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.on_request_cancelled(request_id uuid, actor_id uuid, reason app_public.request_cancel_reason) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery_id uuid;
begin
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'request_cancelled', closed_by = on_request_cancelled.actor_id,
         closed_at = now()
   where o.request_id = on_request_cancelled.request_id and o.status = 'pending';
  select d.id into v_delivery_id from app_public.deliveries d
   where d.request_id = on_request_cancelled.request_id and d.status in ('accepted', 'pickup_scheduled')
   for update;
  if v_delivery_id is not null then
    perform app_hidden.cancel_delivery_as(v_delivery_id, 'user', on_request_cancelled.actor_id,
      case on_request_cancelled.reason when 'found_alternative' then 'found_alternative'
                                       when 'no_longer_needed' then 'no_longer_needed'
                                       else 'other' end::app_public.delivery_cancel_reason, null);
  end if;
end;
$$;


--
-- Name: FUNCTION on_request_cancelled(request_id uuid, actor_id uuid, reason app_public.request_cancel_reason); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.on_request_cancelled(request_id uuid, actor_id uuid, reason app_public.request_cancel_reason) IS 'Declines the live offers of a cancelled request and cancels its delivery if not yet picked up.';


--
-- Name: on_request_changed(uuid, boolean, bigint, uuid[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.on_request_changed(request_id uuid, terms_changed boolean, max_price bigint, blacklisted_travelers uuid[]) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with declined as (
    update app_public.delivery_offers o
       set status = 'declined',
           decline_reason = case when on_request_changed.terms_changed then 'request_changed'
                                 when o.price > on_request_changed.max_price then 'price_too_high'
                                 else 'prefer_other_traveler' end::app_public.offer_decline_reason,
           closed_at = now()
     where o.request_id = on_request_changed.request_id and o.status = 'pending'
       and (on_request_changed.terms_changed or o.price > on_request_changed.max_price
            or o.traveler_id = any (on_request_changed.blacklisted_travelers))
    returning 1
  )
  select count(*)::integer from declined;
$$;


--
-- Name: FUNCTION on_request_changed(request_id uuid, terms_changed boolean, max_price bigint, blacklisted_travelers uuid[]); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.on_request_changed(request_id uuid, terms_changed boolean, max_price bigint, blacklisted_travelers uuid[]) IS 'Declines the live offers an edit of their request invalidates; returns how many.';


--
-- Name: on_trip_cancelled(uuid, uuid, boolean); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery record;
  v_count integer := 0;
begin
  update app_public.delivery_offers o
     set status = 'withdrawn', withdraw_reason = 'no_longer_available', closed_by = on_trip_cancelled.actor_id,
         closed_at = now()
   where o.trip_id = on_trip_cancelled.trip_id and o.status = 'pending';
  for v_delivery in
    select d.id from app_public.deliveries d
     where d.trip_id = on_trip_cancelled.trip_id and d.status not in ('delivered', 'cancelled', 'disputed')
     order by d.id
     for update
  loop
    perform app_hidden.cancel_delivery_as(v_delivery.id,
      case when on_trip_cancelled.by_admin then 'admin' else 'user' end::app_public.transition_source,
      on_trip_cancelled.actor_id, 'trip_cancelled', null);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;


--
-- Name: FUNCTION on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean) IS 'Withdraws the live offers on a cancelled trip and cancels its deliveries; returns how many deliveries.';


--
-- Name: on_users_blocked(uuid, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.on_users_blocked(a uuid, b uuid) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_declined integer;
begin
  perform 1 from app_public.delivery_requests r
   where r.id in (select o.request_id from app_public.delivery_offers o
                   where o.status = 'pending'
                     and ((o.customer_id = on_users_blocked.a and o.traveler_id = on_users_blocked.b)
                          or (o.customer_id = on_users_blocked.b and o.traveler_id = on_users_blocked.a)))
   order by r.id
   for update;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'blocked', closed_by = null, closed_at = now()
   where o.status = 'pending'
     and ((o.customer_id = on_users_blocked.a and o.traveler_id = on_users_blocked.b)
          or (o.customer_id = on_users_blocked.b and o.traveler_id = on_users_blocked.a));
  get diagnostics v_declined = row_count;
  return v_declined;
end;
$$;


--
-- Name: FUNCTION on_users_blocked(a uuid, b uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.on_users_blocked(a uuid, b uuid) IS 'Declines (reason blocked) the pending offer threads between two users a block now separates; returns how many.';


--
-- Name: open_offer_thread(app_public.delivery_requests, app_public.trips, app_public.offer_party, uuid, bigint, text, timestamp with time zone, timestamp with time zone, text[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.open_offer_thread(request app_public.delivery_requests, trip app_public.trips, initiated_by app_public.offer_party, actor_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_offer app_public.delivery_offers;
  v_threads integer;
begin
  perform app_hidden.assert_request_open(request);
  perform app_hidden.assert_offer_price(request, price);
  perform app_hidden.assert_traveler_may_carry(request, trip.traveler_id);
  perform app_hidden.assert_trip_fits(request, trip);
  if exists (select 1 from app_public.delivery_offers o
              where o.request_id = request.id and o.traveler_id = trip.traveler_id and o.status = 'pending') then
    raise exception 'There already is a live offer between this traveler and request; counter it instead'
      using errcode = 'BADST';
  end if;
  select count(*) into v_threads from app_public.delivery_offers o
   where o.request_id = request.id and o.traveler_id = trip.traveler_id;
  if v_threads >= (app_hidden.config_value('offers.max_threads_per_traveler'))::int then
    raise exception 'A traveler may open at most % offers on one request', v_threads using errcode = 'LIMIT';
  end if;

  insert into app_public.delivery_offers (request_id, customer_id, traveler_id, trip_id, initiated_by, awaiting_party,
                                          price, currency, pickup_time, delivery_time, valid_until, guarantees)
  values (request.id, request.customer_id, trip.traveler_id, trip.id, initiated_by,
          case initiated_by when 'traveler' then 'customer' else 'traveler' end::app_public.offer_party,
          price, request.currency, pickup_time, delivery_time, app_hidden.offer_valid_until(request),
          coalesce(guarantees, '{}'))
  returning * into v_offer;
  insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, pickup_time,
                                         delivery_time, message, valid_until)
  values (v_offer.id, 1, initiated_by, actor_id, price, pickup_time, delivery_time, nullif(trim(message), ''),
          v_offer.valid_until);
  return v_offer;
end;
$$;


--
-- Name: FUNCTION open_offer_thread(request app_public.delivery_requests, trip app_public.trips, initiated_by app_public.offer_party, actor_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.open_offer_thread(request app_public.delivery_requests, trip app_public.trips, initiated_by app_public.offer_party, actor_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) IS 'Checks and opens an offer thread with its first version.';


--
-- Name: own_trip_for_update(uuid, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.own_trip_for_update(trip_id uuid, user_id uuid) RETURNS app_public.trips
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_trip app_public.trips;
begin
  select t.* into v_trip from app_public.trips t where t.id = own_trip_for_update.trip_id for update;
  if v_trip.id is null then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if v_trip.traveler_id is distinct from own_trip_for_update.user_id then
    if v_trip.visibility = 'public' or app_hidden.current_user_has_permission('deliveries.read') then
      raise exception 'Only the traveler may change this trip' using errcode = 'DNIED';
    end if;
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION own_trip_for_update(trip_id uuid, user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.own_trip_for_update(trip_id uuid, user_id uuid) IS 'Locks and returns a trip of the given traveler; NTFND when not visible, DNIED when visible but someone else''s.';


--
-- Name: pair_match(app_public.delivery_requests, app_public.trips, jsonb); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb) RETURNS SETOF app_hidden.pair_match
    LANGUAGE sql STABLE
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select (pair_match.request).id, (pair_match.trip).id, (pair_match.trip).departure_time,
         round(least(1, (w ->> 'route')::numeric * f.route + (w ->> 'timing')::numeric * f.timing
                        + (w ->> 'reliability')::numeric * f.reliability + (w ->> 'rating')::numeric * f.rating
                        + (w ->> 'price')::numeric * f.price + (w ->> 'newcomer')::numeric * f.newcomer + f.bonus), 4),
         round(greatest(0, g.detour), 3),
         f.quote,
         jsonb_build_object('route', round(f.route, 4), 'timing', f.timing, 'reliability', round(f.reliability, 4),
                            'rating', round(f.rating, 4), 'price', round(f.price, 4), 'newcomer', f.newcomer,
                            'bonus', f.bonus)
    from app_public.users tu
    join app_public.user_statistics ts on ts.user_id = tu.id
    join app_public.users cu on cu.id = (pair_match.request).customer_id
    cross join lateral (select pair_match.cfg -> 'weights' as w) cw
    -- Distances in km (ST_Distance on geography: the spheroid), the detour, its allowance, and the hours between
    -- the departure and the pickup window.
    cross join lateral (
      select d.op + d.pd + d.dt - d.ot as detour,
             least((pair_match.cfg ->> 'max_detour_km')::numeric,
                   greatest((pair_match.cfg ->> 'min_detour_km')::numeric,
                            (pair_match.cfg ->> 'detour_ratio')::numeric * d.ot)) as allowed,
             greatest(extract(epoch from (pair_match.request).pickup_window_start - (pair_match.trip).departure_time),
                      extract(epoch from (pair_match.trip).departure_time - (pair_match.request).pickup_window_end),
                      0) / 3600 as off_hours
        from (select (public.st_distance((pair_match.trip).origin_point, (pair_match.request).pickup_point) / 1000)::numeric as op,
                     (public.st_distance((pair_match.request).pickup_point, (pair_match.request).delivery_point) / 1000)::numeric as pd,
                     (public.st_distance((pair_match.request).delivery_point, (pair_match.trip).destination_point) / 1000)::numeric as dt,
                     (public.st_distance((pair_match.trip).origin_point, (pair_match.trip).destination_point) / 1000)::numeric as ot) d
    ) g
    cross join lateral (select app_hidden.pair_quote(pair_match.request, pair_match.trip) as quote) q
    cross join lateral (
      select q.quote,
             greatest(0, 1 - greatest(0, g.detour) / g.allowed) as route,
             case when (pair_match.request).pickup_window_start is null then 0.8
                  when g.off_hours <= 2 then 1.0 when g.off_hours <= 6 then 0.8 when g.off_hours <= 12 then 0.6
                  when g.off_hours <= 24 then 0.3 else 0.1 end as timing,
             (ts.successful_as_traveler + 1)::numeric / (ts.successful_as_traveler + ts.cancelled_as_traveler + 2) as reliability,
             ((pair_match.cfg ->> 'prior_weight')::numeric * (pair_match.cfg ->> 'rating_prior')::numeric
              + coalesce(ts.average_rating * ts.total_ratings, 0))
             / ((pair_match.cfg ->> 'prior_weight')::numeric + ts.total_ratings) / 5 as rating,
             case when (pair_match.trip).currency <> (pair_match.request).currency then 0.5
                  when q.quote <= 0.8 * (pair_match.request).max_price then 1
                  when q.quote >= (pair_match.request).max_price then 0
                  else ((pair_match.request).max_price - q.quote) / (0.2 * (pair_match.request).max_price) end as price,
             case when ts.successful_as_traveler < (pair_match.cfg ->> 'newcomer_threshold')::int then 1 else 0 end as newcomer,
             case when (pair_match.trip).traveler_id = any ((pair_match.request).preferred_travelers)
                       or exists (select 1 from app_public.user_favorites fav
                                   where fav.user_id = (pair_match.request).customer_id
                                     and fav.traveler_id = (pair_match.trip).traveler_id)
                  then (pair_match.cfg ->> 'favorite_bonus')::numeric else 0 end as bonus
    ) f
   where tu.id = (pair_match.trip).traveler_id
     -- 0. an open request of an active customer
     and (pair_match.request).status in ('pending', 'matched')
     and (pair_match.request).expires_at > now()
     and cu.status = 'active' and cu.deleted_at is null
     -- 1. a live trip the customer may see, leaving late enough
     and (pair_match.trip).status in ('upcoming', 'delayed')
     and app_hidden.trip_visible_to(pair_match.trip, (pair_match.request).customer_id)
     and (pair_match.trip).departure_time >= now() + (pair_match.cfg ->> 'min_lead_hours')::numeric * interval '1 hour'
     -- 2. someone else, active, unblocked both ways, not blacklisted
     and (pair_match.trip).traveler_id <> (pair_match.request).customer_id
     and tu.status = 'active' and tu.deleted_at is null
     and not app_hidden.users_blocked((pair_match.trip).traveler_id, (pair_match.request).customer_id)
     and not ((pair_match.trip).traveler_id = any ((pair_match.request).blacklisted_travelers))
     -- 3. the request's requirements
     and ((pair_match.request).min_traveler_rating is null
          or (ts.total_ratings >= 1 and ts.average_rating >= (pair_match.request).min_traveler_rating))
     and (not (pair_match.request).verification_required or tu.verification_level >= 'id_verified')
     and (not (pair_match.request).background_check_required or tu.verification_level = 'fully_verified')
     -- 4. capacity
     and (pair_match.trip).available_weight_kg >= (pair_match.request).total_weight
     and (pair_match.trip).available_volume_l >= (pair_match.request).total_volume_l
     and (pair_match.trip).available_items >= (pair_match.request).quantity
     -- 5. the trip's restrictions
     and not ((pair_match.trip).no_fragile
              and ((pair_match.request).is_fragile or (pair_match.request).category = 'fragile'))
     and not ((pair_match.trip).no_electronics and (pair_match.request).category = 'electronics')
     and ((pair_match.trip).max_item_value is null
          or (pair_match.request).declared_value <= (pair_match.trip).max_item_value)
     and not ((pair_match.request).category::text = any ((pair_match.trip).prohibited_categories))
     -- 6. both ends near (GiST index conditions on the searched side)
     and public.st_dwithin((pair_match.trip).origin_point, (pair_match.request).pickup_point,
                           1000 * (pair_match.cfg ->> 'pickup_radius_km')::float8)
     and public.st_dwithin((pair_match.trip).destination_point, (pair_match.request).delivery_point,
                           1000 * (pair_match.cfg ->> 'dropoff_radius_km')::float8)
     -- 7. time. No pickup window is an unbounded one (both bounds are set or neither). The same condition is written
     --    twice: with the trip's departure alone on one side (an index condition when trips are searched) and with
     --    the request's bounds alone (delivery_requests_open_route_idx's expressions, when requests are searched).
     and (pair_match.trip).departure_time
         between coalesce((pair_match.request).pickup_window_start, '-infinity') - (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
             and coalesce((pair_match.request).pickup_window_end, 'infinity') + (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and coalesce((pair_match.request).pickup_window_start, '-infinity')
         <= (pair_match.trip).departure_time + (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and coalesce((pair_match.request).pickup_window_end, 'infinity')
         >= (pair_match.trip).departure_time - (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and ((pair_match.request).delivery_window_end is null
          or (pair_match.trip).arrival_time <= (pair_match.request).delivery_window_end)
     -- 8. detour
     and g.detour <= g.allowed;
$$;


--
-- Name: FUNCTION pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb) IS 'The matching formula (docs/matching.md) for one pair: no row when a hard filter fails, else the score, detour, quote and factors.';


--
-- Name: pair_quote(app_public.delivery_requests, app_public.trips); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.pair_quote(request app_public.delivery_requests, trip app_public.trips) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select case
           when (pair_quote.trip).currency = (pair_quote.request).currency then
             -- round(numeric) rounds halves away from zero: half-up for these positive amounts.
             round(((pair_quote.trip).base_price + (pair_quote.trip).price_per_km * d.km
                    + (pair_quote.trip).price_per_kg * (pair_quote.request).total_weight)
                   * case when (pair_quote.request).urgency = 'standard' then 1
                          else (pair_quote.trip).express_multiplier end
                   * case when (pair_quote.request).is_fragile then (pair_quote.trip).fragile_multiplier else 1 end)::bigint
           else app_hidden.default_quote(d.km, (pair_quote.request).total_weight, (pair_quote.request).urgency,
                                         (pair_quote.request).is_fragile, (pair_quote.request).currency)
         end
    from (select (public.st_distance((pair_quote.request).pickup_point, (pair_quote.request).delivery_point, false)
                  / 1000)::numeric as km) d;
$$;


--
-- Name: FUNCTION pair_quote(request app_public.delivery_requests, trip app_public.trips); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.pair_quote(request app_public.delivery_requests, trip app_public.trips) IS 'quote_price without the caller check: the trip''s rates in the same currency, else app_hidden.default_quote.';


--
-- Name: payment_authorized(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.payment_authorized(delivery_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select exists (select 1 from app_public.payment_intents p
                  where p.delivery_id = payment_authorized.delivery_id
                    and p.status in ('requires_capture', 'succeeded'));
$$;


--
-- Name: FUNCTION payment_authorized(delivery_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.payment_authorized(delivery_id uuid) IS 'Whether the delivery''s payment is authorised (requires_capture) or captured, and not cancelled or failed: the pickup''s payment check.';


--
-- Name: payment_status_advances(app_public.payment_status, app_public.payment_status); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.payment_status_advances(from_status app_public.payment_status, to_status app_public.payment_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case
           when payment_status_advances.from_status in ('succeeded', 'canceled') then false
           when payment_status_advances.to_status = 'canceled' then true
           when payment_status_advances.to_status = 'failed'
             then payment_status_advances.from_status in ('requires_payment_method', 'requires_confirmation',
                                                          'requires_action', 'processing')
           else app_hidden.payment_status_rank(payment_status_advances.to_status)
                > app_hidden.payment_status_rank(payment_status_advances.from_status)
         end;
$$;


--
-- Name: FUNCTION payment_status_advances(from_status app_public.payment_status, to_status app_public.payment_status); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.payment_status_advances(from_status app_public.payment_status, to_status app_public.payment_status) IS 'Whether a payment may move from one status to another (forward only; canceled from any state before capture).';


--
-- Name: payment_status_rank(app_public.payment_status); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.payment_status_rank(status app_public.payment_status) RETURNS integer
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case payment_status_rank.status
           when 'requires_payment_method' then 0
           when 'failed' then 1
           when 'requires_confirmation' then 2
           when 'requires_action' then 2
           when 'processing' then 3
           when 'requires_capture' then 4
           when 'succeeded' then 5
           when 'canceled' then 6
         end;
$$;


--
-- Name: FUNCTION payment_status_rank(status app_public.payment_status); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.payment_status_rank(status app_public.payment_status) IS 'Position of a payment status in the forward order.';


--
-- Name: permitted_ids_from(text[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.permitted_ids_from(VARIADIC permissions text[]) RETURNS uuid
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case when exists (select 1 from unnest(permitted_ids_from.permissions) p
                            where app_hidden.current_user_has_permission(p))
              then '00000000-0000-0000-0000-000000000000'::uuid end;
$$;


--
-- Name: FUNCTION permitted_ids_from(VARIADIC permissions text[]); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.permitted_ids_from(VARIADIC permissions text[]) IS 'The lowest uuid for a holder of one of the permissions, null for anyone else (policies'' admin arms).';


--
-- Name: permitted_ids_to(text[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.permitted_ids_to(VARIADIC permissions text[]) RETURNS uuid
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case when exists (select 1 from unnest(permitted_ids_to.permissions) p
                            where app_hidden.current_user_has_permission(p))
              then 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid end;
$$;


--
-- Name: FUNCTION permitted_ids_to(VARIADIC permissions text[]); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.permitted_ids_to(VARIADIC permissions text[]) IS 'The highest uuid for a holder of one of the permissions, null for anyone else (policies'' admin arms).';


--
-- Name: queue_email(uuid, text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.queue_email(user_id uuid, subject text, body text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  insert into app_private.emails (user_id, recipient, subject, body)
  select c.user_id, c.email, queue_email.subject, queue_email.body
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.user_id = queue_email.user_id and u.deleted_at is null;
$$;


--
-- Name: FUNCTION queue_email(user_id uuid, subject text, body text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.queue_email(user_id uuid, subject text, body text) IS 'Queues a plain email to the user''s address (nothing for deleted accounts).';


--
-- Name: queue_verification_email(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.queue_verification_email(user_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  insert into app_private.emails (user_id, recipient, subject, body, kind)
  select u.id, c.email, 'Confirm your email address',
         format(E'Hello %s,\n\nwelcome to P2P Delivery. Confirm your email address within %s hours with this link:\n\n'
                '%s/verify-email?token={{token}}\n\nIf you did not sign up, you can ignore this message.\n',
                u.first_name, app_hidden.config_value('auth.email_token_hours'),
                app_hidden.config_value('platform.app_url') #>> '{}'),
         'verify_email'
    from app_public.users u
    join app_public.user_contacts c on c.user_id = u.id
   where u.id = queue_verification_email.user_id;
$$;


--
-- Name: FUNCTION queue_verification_email(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.queue_verification_email(user_id uuid) IS 'Queues an email with a verification link for the user''s current address.';


--
-- Name: rate_limit_take(text, text, integer, interval); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.rate_limit_take(bucket text, subject text, max_hits integer, window_length interval) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform pg_advisory_xact_lock(hashtextextended('rate_limit:' || rate_limit_take.bucket || ':' || rate_limit_take.subject, 0));
  if (select count(*) from app_private.rate_limit_hits h
       where h.bucket = rate_limit_take.bucket and h.subject = rate_limit_take.subject
         and h.created_at > now() - rate_limit_take.window_length) >= rate_limit_take.max_hits then
    return false;
  end if;
  insert into app_private.rate_limit_hits (bucket, subject) values (rate_limit_take.bucket, rate_limit_take.subject);
  return true;
end;
$$;


--
-- Name: FUNCTION rate_limit_take(bucket text, subject text, max_hits integer, window_length interval); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.rate_limit_take(bucket text, subject text, max_hits integer, window_length interval) IS 'Takes a slot of a sliding-window limit (bucket, subject) if one is free; returns whether it did.';


--
-- Name: refresh_statistics_visibility(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.refresh_statistics_visibility(user_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  update app_public.user_statistics s
     set is_public = app_hidden.statistics_public(s.user_id)
   where s.user_id = refresh_statistics_visibility.user_id
     and s.is_public is distinct from app_hidden.statistics_public(s.user_id);
$$;


--
-- Name: FUNCTION refresh_statistics_visibility(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.refresh_statistics_visibility(user_id uuid) IS 'Recomputes user_statistics.is_public of the user.';


--
-- Name: refresh_user_rating(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.refresh_user_rating(user_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform 1 from app_public.user_statistics s where s.user_id = refresh_user_rating.user_id for update;
  update app_public.user_statistics s
     set average_rating = r.average_rating, total_ratings = r.total_ratings, updated_at = now()
    from (select round(avg(v.overall_rating), 2) as average_rating, count(*)::integer as total_ratings
            from app_public.reviews v
           where v.reviewee_id = refresh_user_rating.user_id and v.status = 'active'
             and v.moderation_status <> 'rejected') r
   where s.user_id = refresh_user_rating.user_id
     and (s.average_rating, s.total_ratings) is distinct from (r.average_rating, r.total_ratings);
end;
$$;


--
-- Name: FUNCTION refresh_user_rating(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.refresh_user_rating(user_id uuid) IS 'Recomputes a user''s average_rating and total_ratings from their visible reviews.';


--
-- Name: refresh_verification_level(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.refresh_verification_level(user_id uuid) RETURNS app_public.verification_level
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_email boolean;
  v_phone boolean;
  v_id boolean;
  v_address boolean;
  v_level app_public.verification_level;
begin
  select c.email_verified_at is not null, c.phone_verified_at is not null
    into v_email, v_phone
    from app_public.user_contacts c
   where c.user_id = refresh_verification_level.user_id;

  select
    coalesce(bool_or(d.document_type in ('passport', 'driving_license', 'national_id')
                     and d.selfie_image_id is not null), false),
    coalesce(bool_or(app_hidden.counts_as_proof_of_address(d)), false)
    into v_id, v_address
    from app_public.user_verification_documents d
   where d.user_id = refresh_verification_level.user_id
     and d.status = 'approved'
     and (d.expires_on is null or d.expires_on >= current_date);

  v_level := case
    when not coalesce(v_email, false) then 'unverified'
    when not coalesce(v_phone, false) then 'email_verified'
    when not v_id then 'phone_verified'
    when not v_address then 'id_verified'
    else 'fully_verified'
  end::app_public.verification_level;

  update app_public.users u set verification_level = v_level
   where u.id = refresh_verification_level.user_id and u.verification_level is distinct from v_level;
  return v_level;
end;
$$;


--
-- Name: FUNCTION refresh_verification_level(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.refresh_verification_level(user_id uuid) IS 'Recomputes and stores users.verification_level from the verified email, phone and documents; returns it.';


--
-- Name: release_trip_capacity(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.release_trip_capacity(delivery_id uuid) RETURNS app_public.trip_capacity_reservations
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_reservation app_public.trip_capacity_reservations;
begin
  select r.* into v_reservation from app_public.trip_capacity_reservations r
   where r.delivery_id = release_trip_capacity.delivery_id;
  if v_reservation.id is null then
    raise exception 'No capacity is reserved for this delivery' using errcode = 'NTFND';
  end if;
  perform 1 from app_public.trips t where t.id = v_reservation.trip_id for update;
  update app_public.trip_capacity_reservations r set status = 'released'
   where r.id = v_reservation.id and r.status = 'reserved'
  returning r.* into v_reservation;
  if not found then
    select r.* into v_reservation from app_public.trip_capacity_reservations r
     where r.delivery_id = release_trip_capacity.delivery_id;
    return v_reservation;
  end if;
  update app_public.trips t
     set available_weight_kg = t.available_weight_kg + v_reservation.weight_kg,
         available_volume_l = t.available_volume_l + v_reservation.volume_l,
         available_items = t.available_items + v_reservation.items
   where t.id = v_reservation.trip_id;
  return v_reservation;
end;
$$;


--
-- Name: FUNCTION release_trip_capacity(delivery_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.release_trip_capacity(delivery_id uuid) IS 'Gives a delivery''s reserved capacity back to its trip (idempotent; consumed capacity stays consumed). NTFND when the delivery holds none.';


--
-- Name: request_status_for(app_public.delivery_status); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.request_status_for(status app_public.delivery_status) RETURNS app_public.delivery_request_status
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case request_status_for.status
    when 'accepted' then 'accepted'
    when 'pickup_scheduled' then 'accepted'
    when 'picked_up' then 'picked_up'
    when 'in_transit' then 'in_transit'
    when 'delivery_scheduled' then 'in_transit'
    when 'delivered' then 'delivered'
  end::app_public.delivery_request_status;
$$;


--
-- Name: FUNCTION request_status_for(status app_public.delivery_status); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.request_status_for(status app_public.delivery_status) IS 'The request status that mirrors a live delivery status (NULL for cancelled and disputed).';


--
-- Name: require_not_suspended(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.require_not_suspended(action text DEFAULT 'do this'::text) RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session(require_not_suspended.action);
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = v_user_id;
  -- Until the hourly job (app_private.end_suspensions) has run, a suspension past its end still holds.
  if v_user.status = 'suspended' and v_user.deleted_at is null then
    raise exception 'Your account is suspended until %; until then you cannot %',
      coalesce(to_char(v_user.suspended_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'an administrator lifts it'),
      require_not_suspended.action using errcode = 'SUSPD';
  end if;
  return v_user_id;
end;
$$;


--
-- Name: FUNCTION require_not_suspended(action text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.require_not_suspended(action text) IS 'The caller''s id if signed in and not suspended; raises LOGIN or SUSPD (naming the end of the suspension) otherwise.';


--
-- Name: require_session(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.require_session(action text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_public.current_user_id();
begin
  if v_user_id is null then
    raise exception '%', coalesce('Log in to ' || require_session.action, 'Log in first') using errcode = 'LOGIN';
  end if;
  return v_user_id;
end;
$$;


--
-- Name: FUNCTION require_session(action text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.require_session(action text) IS 'The signed-in caller''s id; raises LOGIN without a live session. The only place that raises LOGIN.';


--
-- Name: require_user(app_public.verification_level, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.require_user(min_level app_public.verification_level DEFAULT 'unverified'::app_public.verification_level, action text DEFAULT 'do this'::text) RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_not_suspended(require_user.action);
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = v_user_id;
  if v_user.status is distinct from 'active' or v_user.deleted_at is not null then
    raise exception 'Only active accounts may %', require_user.action using errcode = 'DNIED';
  end if;
  if v_user.verification_level < require_user.min_level then
    raise exception 'Your account must be % to %', replace(require_user.min_level::text, '_', ' '), require_user.action
      using errcode = 'DNIED';
  end if;
  return v_user_id;
end;
$$;


--
-- Name: FUNCTION require_user(min_level app_public.verification_level, action text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.require_user(min_level app_public.verification_level, action text) IS 'The caller''s id if signed in, not suspended, active and verified to at least min_level; raises LOGIN, SUSPD or DNIED otherwise.';


--
-- Name: reserve_trip_capacity(uuid, uuid, numeric, numeric, integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.reserve_trip_capacity(trip_id uuid, delivery_id uuid, weight_kg numeric, volume_l numeric, items integer) RETURNS app_public.trip_capacity_reservations
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_trip app_public.trips;
  v_reservation app_public.trip_capacity_reservations;
begin
  if reserve_trip_capacity.delivery_id is null or reserve_trip_capacity.weight_kg is null
     or reserve_trip_capacity.weight_kg <= 0 or reserve_trip_capacity.volume_l is null
     or reserve_trip_capacity.volume_l < 0 or reserve_trip_capacity.items is null or reserve_trip_capacity.items < 1 then
    raise exception 'A reservation needs a delivery, a positive weight, a volume ≥ 0 and at least one item'
      using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.trip_capacity_reservations r
              where r.delivery_id = reserve_trip_capacity.delivery_id) then
    raise exception 'Capacity is already reserved for this delivery' using errcode = 'BADST';
  end if;

  update app_public.trips t
     set available_weight_kg = t.available_weight_kg - reserve_trip_capacity.weight_kg,
         available_volume_l = t.available_volume_l - reserve_trip_capacity.volume_l,
         available_items = t.available_items - reserve_trip_capacity.items
   where t.id = reserve_trip_capacity.trip_id
     and t.status in ('upcoming', 'delayed')
     and t.available_weight_kg >= reserve_trip_capacity.weight_kg
     and t.available_volume_l >= reserve_trip_capacity.volume_l
     and t.available_items >= reserve_trip_capacity.items
  returning t.* into v_trip;

  if v_trip.id is null then
    select t.* into v_trip from app_public.trips t where t.id = reserve_trip_capacity.trip_id;
    if v_trip.id is null then
      raise exception 'Trip not found' using errcode = 'NTFND';
    elsif v_trip.status not in ('upcoming', 'delayed') then
      raise exception 'A % trip takes no more deliveries', v_trip.status using errcode = 'BADST';
    end if;
    raise exception 'Not enough capacity left on this trip (free: % kg, % l, % items)',
      v_trip.available_weight_kg, v_trip.available_volume_l, v_trip.available_items
      using errcode = 'CAPAC';
  end if;

  insert into app_public.trip_capacity_reservations (trip_id, delivery_id, weight_kg, volume_l, items)
  values (v_trip.id, reserve_trip_capacity.delivery_id, reserve_trip_capacity.weight_kg,
          reserve_trip_capacity.volume_l, reserve_trip_capacity.items)
  returning * into v_reservation;
  return v_reservation;
end;
$$;


--
-- Name: FUNCTION reserve_trip_capacity(trip_id uuid, delivery_id uuid, weight_kg numeric, volume_l numeric, items integer); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.reserve_trip_capacity(trip_id uuid, delivery_id uuid, weight_kg numeric, volume_l numeric, items integer) IS 'Holds capacity of an upcoming or delayed trip for a delivery; CAPAC when it does not fit, BADST when the trip takes no deliveries or the delivery already holds capacity.';


--
-- Name: snapped_point(public.geography); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.snapped_point(point public.geography) RETURNS public.geography
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select public.st_snaptogrid(snapped_point.point::public.geometry, 0.01)::public.geography;
$$;


--
-- Name: FUNCTION snapped_point(point public.geography); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.snapped_point(point public.geography) IS 'The point snapped to a 0.01° grid (masking exact places).';


--
-- Name: statistics_public(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.statistics_public(user_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce((
    select coalesce((p.privacy ->> 'show_statistics')::boolean, false) and u.status = 'active' and u.deleted_at is null
      from app_public.users u
      left join app_public.user_preferences p on p.user_id = u.id
     where u.id = statistics_public.user_id), false);
$$;


--
-- Name: FUNCTION statistics_public(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.statistics_public(user_id uuid) IS 'Whether the user''s statistics are public: shown by their preferences, and the account active and not deleted.';


--
-- Name: tg__append_only(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  raise exception '% is append-only', TG_TABLE_NAME using errcode = 'DNIED';
end;
$$;


--
-- Name: FUNCTION tg__append_only(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg__append_only() IS 'Refuses updates (and deletes) of append-only tables.';


--
-- Name: tg__attach_files(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg__attach_files() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_new jsonb := to_jsonb(NEW);
  v_old jsonb := case when TG_OP = 'UPDATE' then to_jsonb(OLD) end;
  v_owner_id uuid := (v_new ->> TG_ARGV[0])::uuid;
  v_column text;
  v_purposes app_public.file_purpose[];
  v_file_id uuid;
  v_file app_public.files;
begin
  for i in 1 .. TG_NARGS - 1 loop
    v_column := split_part(TG_ARGV[i], ':', 1);
    v_file_id := (v_new ->> v_column)::uuid;
    continue when v_file_id is null or v_file_id is not distinct from (v_old ->> v_column)::uuid;
    v_purposes := string_to_array(split_part(TG_ARGV[i], ':', 2), '|')::app_public.file_purpose[];
    -- Locked so that the cleanup cannot remove it between this check and the commit.
    select * into v_file from app_public.files f where f.id = v_file_id for share;
    if not found or v_file.owner_id is distinct from v_owner_id then
      raise exception '%: no file of yours has this id', v_column using errcode = 'INVAL';
    end if;
    if v_file.purpose <> all (v_purposes) then
      raise exception '%: this file was uploaded as %, not as %', v_column, v_file.purpose,
        array_to_string(v_purposes, ' or ') using errcode = 'INVAL';
    end if;
    if v_file.status <> 'ready' then
      raise exception '%: this file is not ready (its upload has not completed)', v_column using errcode = 'BADST';
    end if;
    update app_public.files f set attached_at = now() where f.id = v_file_id and f.attached_at is null;
  end loop;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg__attach_files(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg__attach_files() IS 'Lets a row reference only ready files of its owner with a purpose its column takes (TG_ARGV: owner column, then column:purpose|purpose…), and marks them attached.';


--
-- Name: tg__default_current_user(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg__default_current_user() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if to_jsonb(NEW) ->> TG_ARGV[0] is null then
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], app_public.current_user_id()));
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg__default_current_user(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg__default_current_user() IS 'Sets the owner column named by TG_ARGV[0] to the signed-in user when it is null.';


--
-- Name: tg__set_updated_at(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg__set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg__set_updated_at(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg__set_updated_at() IS 'Keeps updated_at strictly increasing on every update.';


--
-- Name: tg_deliveries__after_status(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_deliveries__after_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_source app_public.transition_source :=
    coalesce(nullif(current_setting('delivery.transition_source', true), ''), 'user')::app_public.transition_source;
  v_actor uuid := nullif(current_setting('delivery.transition_actor', true), '')::uuid;
  v_request_status app_public.delivery_request_status := app_hidden.request_status_for(NEW.status);
begin
  if TG_OP = 'UPDATE' and NEW.status is not distinct from OLD.status then
    return null;
  end if;
  insert into app_public.delivery_status_history (delivery_id, from_status, to_status, changed_by, source, reason)
  values (NEW.id, case when TG_OP = 'UPDATE' then OLD.status end, NEW.status, v_actor, v_source,
          nullif(current_setting('delivery.transition_reason', true), ''));
  if v_request_status is not null then
    update app_public.delivery_requests r set status = v_request_status
     where r.id = NEW.request_id and r.status is distinct from v_request_status;
  end if;
  -- The trip's capacity follows the delivery (docs/trips.md, Capacity): consumed for good at delivery, released by a cancellation at any
  -- step before it (a party's before pickup, an admin's after). Both are idempotent, and a consumed reservation is
  -- never released, so a delivered delivery cancelled after a dispute keeps its capacity used.
  if TG_OP = 'UPDATE' and NEW.status = 'delivered' then
    perform app_hidden.consume_trip_capacity(NEW.id);
  elsif TG_OP = 'UPDATE' and NEW.status = 'cancelled' then
    perform app_hidden.release_trip_capacity(NEW.id);
  end if;
  if TG_OP = 'UPDATE' and NEW.status in ('delivered', 'cancelled') then
    perform app_hidden.count_delivery_outcome(OLD, NEW);
  end if;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_deliveries__after_status(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_deliveries__after_status() IS 'Writes the history row of a delivery status, mirrors it on the request, consumes or releases the trip''s capacity and counts outcomes in the statistics.';


--
-- Name: tg_deliveries__check_transition(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_deliveries__check_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_source text := nullif(current_setting('delivery.transition_source', true), '');
begin
  if NEW.status is not distinct from OLD.status then
    return NEW;
  end if;
  if v_source is null then
    raise exception 'Delivery status changes go through the delivery functions' using errcode = 'BADST';
  end if;
  if not exists (select 1 from app_public.delivery_transitions t
                  where t.from_status = OLD.status and t.to_status = NEW.status and t.source = v_source::app_public.transition_source) then
    raise exception 'A delivery cannot go from % to % (%)', OLD.status, NEW.status, v_source using errcode = 'BADST';
  end if;
  case NEW.status
    when 'pickup_scheduled' then NEW.pickup_scheduled_at := now();
    when 'picked_up' then NEW.picked_up_at := now();
    when 'in_transit' then NEW.in_transit_at := now();
    when 'delivery_scheduled' then NEW.delivery_scheduled_at := now();
    when 'delivered' then NEW.delivered_at := coalesce(NEW.delivered_at, now());
    when 'cancelled' then NEW.cancelled_at := now();
    when 'disputed' then NEW.disputed_at := now();
    else null;
  end case;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_deliveries__check_transition(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_deliveries__check_transition() IS 'Refuses delivery status changes that delivery_transitions does not allow for their cause; stamps the state''s time.';


--
-- Name: tg_delivery_offers__count_answer(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_delivery_offers__count_answer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_answerer uuid := case OLD.awaiting_party when 'customer' then OLD.customer_id else OLD.traveler_id end;
  v_asked_at timestamptz;
  v_seconds bigint;
begin
  -- closed_by is NULL when the platform closes a thread: compared with "is not distinct from", never "=".
  if not (NEW.current_version > OLD.current_version
          or (NEW.status = 'accepted' and NEW.closed_by is not distinct from v_answerer)
          or (NEW.status = 'declined' and NEW.closed_by is not distinct from v_answerer
              and NEW.decline_reason not in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked'))) then
    return null;
  end if;
  select v.created_at into v_asked_at from app_public.offer_versions v
   where v.offer_id = OLD.id and v.version = OLD.current_version;
  -- The answer happens in this transaction: now() is its time (the new version's created_at, or closed_at).
  v_seconds := greatest(0, floor(extract(epoch from now() - v_asked_at)))::bigint;
  update app_public.user_statistics s
     set offer_answers = s.offer_answers + 1,
         offer_answer_seconds = s.offer_answer_seconds + v_seconds,
         response_time_minutes = round((s.offer_answer_seconds + v_seconds) / 60.0 / (s.offer_answers + 1))::integer
   where s.user_id = v_answerer;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_delivery_offers__count_answer(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_delivery_offers__count_answer() IS 'Counts the awaited party''s answer to an offer version in their response time.';


--
-- Name: tg_delivery_offers__request_status(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_delivery_offers__request_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.delivery_requests r
     set status = case when exists (select 1 from app_public.delivery_offers o
                                     where o.request_id = r.id and o.status = 'pending')
                       then 'matched' else 'pending' end::app_public.delivery_request_status
   where r.id = NEW.request_id and r.status in ('pending', 'matched');
  return null;
end;
$$;


--
-- Name: FUNCTION tg_delivery_offers__request_status(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_delivery_offers__request_status() IS 'Keeps an open request matched while it has a live offer thread, pending otherwise.';


--
-- Name: tg_reviews__rating_statistics(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_reviews__rating_statistics() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_hidden.refresh_user_rating(OLD.reviewee_id);
  end if;
  if TG_OP in ('INSERT', 'UPDATE') and (TG_OP = 'INSERT' or NEW.reviewee_id <> OLD.reviewee_id) then
    perform app_hidden.refresh_user_rating(NEW.reviewee_id);
  end if;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_reviews__rating_statistics(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_reviews__rating_statistics() IS 'Keeps the reviewee''s rating statistics in step with their reviews.';


--
-- Name: tg_reviews__verified(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_reviews__verified() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  NEW.is_verified := exists (select 1 from app_public.deliveries d
                              where d.id = NEW.delivery_id and d.delivered_at is not null);
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_reviews__verified(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_reviews__verified() IS 'Sets is_verified from the reviewed delivery (delivered or not).';


--
-- Name: tg_system_configuration__check_value(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_system_configuration__check_value() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_problem text := app_hidden.configuration_value_problem(NEW.data_type, NEW.validation, NEW.value);
begin
  if v_problem is not null then
    raise exception 'The setting %.% %', NEW.category, NEW.key, v_problem using errcode = 'INVAL';
  end if;
  if TG_OP = 'UPDATE' and NEW.value is distinct from OLD.value then
    NEW.updated_by := app_public.current_user_id();
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_system_configuration__check_value(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_system_configuration__check_value() IS 'Refuses a setting whose value breaks its data_type or validation (INVAL); records who changed a value.';


--
-- Name: tg_trips__count_completed(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_trips__count_completed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.user_statistics s set total_trips = s.total_trips + 1 where s.user_id = NEW.traveler_id;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_trips__count_completed(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_trips__count_completed() IS 'Counts a newly completed trip in the traveler''s statistics.';


--
-- Name: tg_user_addresses__first_is_default(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_addresses__first_is_default() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if not exists (select 1 from app_public.user_addresses a where a.user_id = NEW.user_id) then
    NEW.is_default := true;
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_addresses__first_is_default(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_addresses__first_is_default() IS 'Makes a user''s first address the default.';


--
-- Name: tg_user_addresses__promote_default(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_addresses__promote_default() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.user_addresses a set is_default = true
   where a.id = (select n.id from app_public.user_addresses n
                  where n.user_id = OLD.user_id
                  order by n.created_at desc, n.id desc
                  limit 1)
     and not exists (select 1 from app_public.user_addresses d where d.user_id = OLD.user_id and d.is_default);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_addresses__promote_default(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_addresses__promote_default() IS 'After the default address is deleted, makes the newest remaining one the default.';


--
-- Name: tg_user_blocks__decline_offers(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_blocks__decline_offers() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.on_users_blocked(NEW.blocker_id, NEW.blocked_id);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_blocks__decline_offers(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_blocks__decline_offers() IS 'Declines the pending offers between the two users of a new block.';


--
-- Name: tg_user_contacts__date_of_birth(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_contacts__date_of_birth() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if NEW.date_of_birth is not null then
    perform app_hidden.assert_date_of_birth(NEW.date_of_birth);
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_contacts__date_of_birth(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_contacts__date_of_birth() IS 'Refuses a date of birth of someone under 18 on any write (INVAL).';


--
-- Name: tg_user_contacts__display_name(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_contacts__display_name() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.users u set display_name = app_hidden.display_name(u.first_name, NEW.last_name)
   where u.id = NEW.user_id;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_contacts__display_name(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_contacts__display_name() IS 'Refreshes users.display_name when the last name changes.';


--
-- Name: tg_user_contacts__referral_code(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_contacts__referral_code() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if NEW.referral_code is null then
    NEW.referral_code := upper(encode(public.gen_random_bytes(5), 'hex'));
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_contacts__referral_code(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_contacts__referral_code() IS 'Gives a new account a random referral code (40 bits from a CSPRNG).';


--
-- Name: tg_user_preferences__display_name(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_preferences__display_name() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.users u set display_name = u.display_name where u.id = NEW.user_id;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_preferences__display_name(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_preferences__display_name() IS 'Refreshes users.display_name when show_last_name changes.';


--
-- Name: tg_user_preferences__statistics_visibility(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_preferences__statistics_visibility() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.refresh_statistics_visibility(NEW.user_id);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_preferences__statistics_visibility(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_preferences__statistics_visibility() IS 'Recomputes whether the user''s statistics are public after their privacy preferences change.';


--
-- Name: tg_user_reports__priority(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_reports__priority() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  NEW.priority := case NEW.category
    when 'safety_concern' then 'urgent'
    when 'fraud' then 'high'
    when 'harassment' then 'high'
    when 'spam' then 'low'
    else 'medium' end::app_public.report_priority;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_reports__priority(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_reports__priority() IS 'Derives a new report''s priority from its category.';


--
-- Name: tg_user_statistics__is_public(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_statistics__is_public() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  NEW.is_public := app_hidden.statistics_public(NEW.user_id);
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_statistics__is_public(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_statistics__is_public() IS 'Sets is_public of a new statistics row.';


--
-- Name: tg_user_verification_documents__refresh_level(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_verification_documents__refresh_level() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.refresh_verification_level(case when TG_OP = 'DELETE' then OLD.user_id else NEW.user_id end);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_user_verification_documents__refresh_level(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_verification_documents__refresh_level() IS 'Recomputes the owner''s verification level after a document changes.';


--
-- Name: tg_user_verification_documents__upload_limit(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_user_verification_documents__upload_limit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_limit int := (app_hidden.config_value('verification.uploads_per_30d'))::int;
begin
  if (select count(*) from app_public.user_verification_documents d
       where d.user_id = NEW.user_id and d.document_type = NEW.document_type
         and d.created_at > now() - interval '30 days') >= v_limit then
    raise exception 'At most % documents of one type may be submitted in 30 days', v_limit using errcode = 'LIMIT';
  end if;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_user_verification_documents__upload_limit(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_user_verification_documents__upload_limit() IS 'Refuses a document beyond the upload limit per type and 30 days (LIMIT).';


--
-- Name: tg_users__create_related(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_users__create_related() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  insert into app_public.user_preferences (user_id) values (NEW.id);
  insert into app_public.user_statistics (user_id) values (NEW.id);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_users__create_related(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_users__create_related() IS 'Creates the preferences and statistics of a new account.';


--
-- Name: tg_users__display_name(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_users__display_name() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_last_name text := (select c.last_name from app_public.user_contacts c where c.user_id = NEW.id);
  v_full boolean := coalesce((select (p.privacy ->> 'show_last_name')::boolean
                                from app_public.user_preferences p where p.user_id = NEW.id), false);
begin
  NEW.display_name := case when v_full and v_last_name is not null then NEW.first_name || ' ' || v_last_name
                           else app_hidden.display_name(NEW.first_name, v_last_name) end;
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_users__display_name(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_users__display_name() IS 'Derives users.display_name on insert and name changes (the full name when show_last_name is set).';


--
-- Name: tg_users__remove_replaced_picture(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_users__remove_replaced_picture() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  delete from app_public.files f where f.id = OLD.picture_id and f.owner_id = OLD.id and f.purpose = 'avatar';
  return null;
end;
$$;


--
-- Name: FUNCTION tg_users__remove_replaced_picture(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_users__remove_replaced_picture() IS 'Deletes the avatar file a user''s picture no longer references.';


--
-- Name: tg_users__statistics_visibility(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_users__statistics_visibility() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.refresh_statistics_visibility(NEW.id);
  return null;
end;
$$;


--
-- Name: FUNCTION tg_users__statistics_visibility(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_users__statistics_visibility() IS 'Recomputes whether the user''s statistics are public after the account''s status or deletion changes.';


--
-- Name: transition_delivery(uuid, app_public.delivery_status, app_public.transition_source, uuid, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.transition_delivery(delivery_id uuid, to_status app_public.delivery_status, source app_public.transition_source, actor_id uuid, reason text DEFAULT NULL::text) RETURNS app_public.deliveries
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery app_public.deliveries;
begin
  perform set_config('delivery.transition_source', transition_delivery.source::text, true);
  perform set_config('delivery.transition_actor', coalesce(transition_delivery.actor_id::text, ''), true);
  perform set_config('delivery.transition_reason', coalesce(transition_delivery.reason, ''), true);
  update app_public.deliveries d set status = transition_delivery.to_status
   where d.id = transition_delivery.delivery_id
  returning d.* into v_delivery;
  perform set_config('delivery.transition_source', '', true);
  if v_delivery.id is null then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION transition_delivery(delivery_id uuid, to_status app_public.delivery_status, source app_public.transition_source, actor_id uuid, reason text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.transition_delivery(delivery_id uuid, to_status app_public.delivery_status, source app_public.transition_source, actor_id uuid, reason text) IS 'Moves a delivery to a status on behalf of a cause (source, actor, reason); the transition trigger decides whether that is allowed.';


--
-- Name: trip_visible_to(app_public.trips, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.trip_visible_to(trip app_public.trips, user_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select exists (select 1 from app_hidden.trips_visible_to(trip_visible_to.user_id) v where v.id = (trip_visible_to.trip).id);
$$;


--
-- Name: FUNCTION trip_visible_to(trip app_public.trips, user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.trip_visible_to(trip app_public.trips, user_id uuid) IS 'Whether the user may see the trip (its traveler; else public, a customer of it, or a past customer for friends_only; never across a block).';


--
-- Name: trips_visible_to(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.trips_visible_to(user_id uuid) RETURNS SETOF app_public.trips
    LANGUAGE sql STABLE
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select t.*
    from app_public.trips t
   where (t.traveler_id = trips_visible_to.user_id
          or t.visibility = 'public'
          or t.id in (select d.trip_id from app_public.deliveries d where d.customer_id = trips_visible_to.user_id)
          or (t.visibility = 'friends_only'
              and t.traveler_id in (select d.traveler_id from app_public.deliveries d
                                     where d.customer_id = trips_visible_to.user_id and d.status = 'delivered')))
     and not exists (select 1 from app_hidden.users_blocked_with(trips_visible_to.user_id) b where b = t.traveler_id);
$$;


--
-- Name: FUNCTION trips_visible_to(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.trips_visible_to(user_id uuid) IS 'The trips the user may see (their own; else public, the ones they have a delivery on, friends_only ones of travelers who delivered for them; never across a block).';


--
-- Name: users_blocked(uuid, uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.users_blocked(a uuid, b uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select exists (select 1 from app_hidden.users_blocked_with(users_blocked.a) x where x = users_blocked.b);
$$;


--
-- Name: FUNCTION users_blocked(a uuid, b uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.users_blocked(a uuid, b uuid) IS 'Whether a block separates the two users, in either direction.';


--
-- Name: users_blocked_with(uuid); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.users_blocked_with(user_id uuid) RETURNS SETOF uuid
    LANGUAGE sql STABLE
    AS $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select b.blocked_id from app_public.user_blocks b where b.blocker_id = users_blocked_with.user_id
  union all
  select b.blocker_id from app_public.user_blocks b where b.blocked_id = users_blocked_with.user_id;
$$;


--
-- Name: FUNCTION users_blocked_with(user_id uuid); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.users_blocked_with(user_id uuid) IS 'The users a block separates from the user, in either direction.';


--
-- Name: admit_api_request(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admit_api_request(session_id uuid, client_ip text, OUT live boolean, OUT retry_after integer) RETURNS record
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid;
begin
  if admit_api_request.session_id is null then
    retry_after := app_private.take_api_request('ip:' || left(coalesce(admit_api_request.client_ip, 'unknown'), 60),
      (app_hidden.config_value('platform.api_anonymous_rate_limit_per_hour'))::integer);
    return;
  end if;
  live := app_private.touch_session(admit_api_request.session_id);
  retry_after := 0;
  if live then
    select s.user_id into v_user_id from app_private.sessions s where s.id = admit_api_request.session_id;
    retry_after := app_private.take_api_request('user:' || v_user_id,
      (app_hidden.config_value('platform.api_rate_limit_per_hour'))::integer);
  end if;
end;
$$;


--
-- Name: FUNCTION admit_api_request(session_id uuid, client_ip text, OUT live boolean, OUT retry_after integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.admit_api_request(session_id uuid, client_ip text, OUT live boolean, OUT retry_after integer) IS 'Per request: whether its session is live (null when anonymous) and, counting it, whether the hourly budget allows it.';


--
-- Name: anonymise_deleted_users(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.anonymise_deleted_users() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_closure record;
  v_count integer := 0;
begin
  for v_closure in
    select cl.id, cl.user_id
      from app_private.account_closures cl
      join app_public.users u on u.id = cl.user_id
     where cl.kind = 'deleted' and cl.anonymised_at is null and u.deleted_at is not null
       and u.deleted_at < now() - make_interval(days => (app_hidden.config_value('retention.anonymise_days'))::int)
     order by cl.created_at
     limit (app_hidden.config_value('retention.batch_size'))::int
     for update of cl skip locked
  loop
    update app_public.user_contacts c
       set email = 'deleted-' || c.user_id || '@deleted.invalid', email_verified_at = null, last_name = null,
           phone_number = null, phone_verified_at = null, date_of_birth = null
     where c.user_id = v_closure.user_id;
    update app_public.users u set first_name = 'Deleted', bio = null, picture_id = null
     where u.id = v_closure.user_id;
    delete from app_public.user_verification_documents d where d.user_id = v_closure.user_id;
    -- Their files go with them (the bytes follow, files__remove_objects), except what a delivery holds as evidence:
    -- attached photos and signatures stay with the delivery's records, as its money rows do.
    delete from app_public.files f
     where f.owner_id = v_closure.user_id
       and (f.purpose in ('avatar', 'verification_document') or f.attached_at is null);
    delete from app_public.user_addresses a where a.user_id = v_closure.user_id;
    delete from app_private.user_secrets s where s.user_id = v_closure.user_id;
    delete from app_private.sessions s where s.user_id = v_closure.user_id;
    update app_private.account_closures cl set anonymised_at = now() where cl.id = v_closure.id;
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;


--
-- Name: FUNCTION anonymise_deleted_users(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.anonymise_deleted_users() IS 'Scrubs the personal data of accounts deleted longer ago than the retention period.';


--
-- Name: apply_payment_intent(jsonb, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.apply_payment_intent(intent jsonb, occurred_at timestamp with time zone) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_intent app_public.payment_intents;
  v_delivery app_public.deliveries;
  v_status app_public.payment_status;
  v_error jsonb := apply_payment_intent.intent -> 'last_payment_error';
  v_charge text := apply_payment_intent.intent ->> 'latest_charge';
begin
  select p.* into v_intent from app_private.stripe_refs r join app_public.payment_intents p on p.id = r.payment_intent_id
   where r.stripe_id = apply_payment_intent.intent ->> 'id' and r.kind = 'payment_intent'
   for update of p;
  if v_intent.id is null and (apply_payment_intent.intent -> 'metadata' ->> 'delivery_id') ~ '^[0-9a-f-]{36}$' then
    select p.* into v_intent from app_public.payment_intents p
     where p.delivery_id = (apply_payment_intent.intent -> 'metadata' ->> 'delivery_id')::uuid
     for update;
    if v_intent.id is not null then
      insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id, client_secret)
      values (apply_payment_intent.intent ->> 'id', 'payment_intent', v_intent.id,
              apply_payment_intent.intent ->> 'client_secret')
      on conflict do nothing;
    end if;
  end if;
  if v_intent.id is null then
    return 'unknown payment intent';
  end if;
  if not (apply_payment_intent.intent ->> 'status') = any (enum_range(null::app_public.payment_status)::text[]) then
    return format('unknown status %s', apply_payment_intent.intent ->> 'status');
  end if;
  v_status := case when apply_payment_intent.intent ->> 'status' = 'requires_payment_method'
                        and jsonb_typeof(v_error) = 'object' then 'failed'
                   else apply_payment_intent.intent ->> 'status' end::app_public.payment_status;
  if not app_hidden.payment_status_advances(v_intent.status, v_status) then
    return format('stale: %s after %s', v_status, v_intent.status);
  end if;
  -- The authorised charge: the transfer's source_transaction at release.
  if v_status in ('requires_capture', 'succeeded') and v_charge ~ '^ch_' then
    insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id)
    values (v_charge, 'charge', v_intent.id)
    on conflict do nothing;
  end if;
  update app_public.payment_intents p
     set status = v_status,
         authorized_at = case when v_status in ('requires_capture', 'succeeded')
                              then coalesce(p.authorized_at, apply_payment_intent.occurred_at) else p.authorized_at end,
         capture_before = case when v_status = 'requires_capture'
                               then coalesce(p.capture_before, apply_payment_intent.occurred_at
                                 + make_interval(days => (app_hidden.config_value('payments.auth_validity_days'))::int))
                               else p.capture_before end,
         captured_amount = case when v_status = 'succeeded'
                                then (apply_payment_intent.intent ->> 'amount_received')::bigint else p.captured_amount end,
         captured_at = case when v_status = 'succeeded' then apply_payment_intent.occurred_at else p.captured_at end,
         canceled_at = case when v_status = 'canceled' then apply_payment_intent.occurred_at else p.canceled_at end,
         failure_code = case when v_status = 'failed'
                             then left(coalesce(v_error ->> 'decline_code', v_error ->> 'code'), 100) else p.failure_code end,
         failure_message = case when v_status = 'failed' then left(v_error ->> 'message', 1000) else p.failure_message end
   where p.id = v_intent.id
  returning * into v_intent;

  if v_status = 'succeeded' then
    select * into v_delivery from app_public.deliveries d where d.id = v_intent.delivery_id;
    -- Held from the capture; when the delivery was already handed over, its hold runs from the delivery.
    update app_public.escrow_accounts e
       set status = 'held', held_at = apply_payment_intent.occurred_at,
           hold_until = case when v_delivery.delivered_at is not null
                             then v_delivery.delivered_at
                                  + make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
                        end
     where e.payment_intent_id = v_intent.id and e.status = 'pending';
    -- Dr cash (what was charged) / Cr escrow liability (the traveler's share) / Cr fee revenues; credits spent are
    -- the promotional liability's.
    perform app_private.post_ledger_transaction('capture', 'capture:' || v_intent.id, v_intent.delivery_id,
      v_intent.currency,
      jsonb_build_array(
        jsonb_build_object('code', 'platform_cash', 'amount', v_intent.captured_amount),
        jsonb_build_object('code', 'promo_liability', 'amount', v_intent.credits_applied),
        jsonb_build_object('code', 'escrow_liability', 'amount', -v_intent.traveler_amount),
        jsonb_build_object('code', 'platform_fee_revenue', 'amount', -v_intent.platform_fee),
        jsonb_build_object('code', 'processing_fee_revenue',
                           'amount', -(v_intent.captured_amount + v_intent.credits_applied
                                       - v_intent.traveler_amount - v_intent.platform_fee))),
      format('Capture of the payment of delivery %s', v_intent.delivery_id));
  elsif v_status = 'canceled' then
    update app_public.escrow_accounts e set status = 'cancelled'
     where e.payment_intent_id = v_intent.id and e.status = 'pending';
  end if;
  return v_status::text;
end;
$_$;


--
-- Name: FUNCTION apply_payment_intent(intent jsonb, occurred_at timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.apply_payment_intent(intent jsonb, occurred_at timestamp with time zone) IS 'Applies a Stripe PaymentIntent object to its payment when it moves it forward: authorisation, capture (escrow held, ledger), cancellation, failure.';


--
-- Name: auto_complete_trips(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.auto_complete_trips() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_cutoff timestamptz := now() - make_interval(hours => (app_hidden.config_value('trips.auto_complete_hours'))::int);
  v_completed integer;
begin
  update app_public.trips t set status = 'completed', completed_at = now()
   where t.status in ('upcoming', 'delayed')
     and t.departure_time < v_cutoff   -- lets trips_live_departure_idx narrow the scan (departure < arrival)
     and t.arrival_time <= v_cutoff
     and not exists (select 1 from app_public.deliveries d
                      where d.trip_id = t.id and d.status not in ('delivered', 'cancelled'));
  get diagnostics v_completed = row_count;
  return v_completed;
end;
$$;


--
-- Name: FUNCTION auto_complete_trips(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.auto_complete_trips() IS 'Completes upcoming and delayed trips trips.auto_complete_hours after their arrival when no delivery on them is live; returns how many.';


--
-- Name: base32_encode(bytea); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.base32_encode(data bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_alphabet constant text := 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  v_bits text := '';
  v_out text := '';
begin
  for i in 0 .. length(base32_encode.data) - 1 loop
    v_bits := v_bits || get_byte(base32_encode.data, i)::bit(8)::text;
  end loop;
  v_bits := rpad(v_bits, ((length(v_bits) + 4) / 5) * 5, '0');
  for i in 0 .. length(v_bits) / 5 - 1 loop
    v_out := v_out || substr(v_alphabet, substr(v_bits, i * 5 + 1, 5)::bit(5)::integer + 1, 1);
  end loop;
  return v_out;
end;
$$;


--
-- Name: FUNCTION base32_encode(data bytea); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.base32_encode(data bytea) IS 'RFC 4648 base32 of bytes, without padding.';


--
-- Name: beat_and_claim_dead_workers(text, interval); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.beat_and_claim_dead_workers(worker_id text, stale_after interval) RETURNS text[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_dead text[];
begin
  insert into app_private.worker_heartbeats as h (worker_id) values (beat_and_claim_dead_workers.worker_id)
  on conflict on constraint worker_heartbeats_pkey do update set seen_at = now();
  with dead as (
    select h.worker_id from app_private.worker_heartbeats h
     where h.seen_at < now() - beat_and_claim_dead_workers.stale_after
       and h.worker_id <> beat_and_claim_dead_workers.worker_id
       for update skip locked
  ), gone as (
    delete from app_private.worker_heartbeats h using dead where h.worker_id = dead.worker_id returning h.worker_id
  )
  select coalesce(array_agg(gone.worker_id), '{}') into v_dead from gone;
  return v_dead;
end;
$$;


--
-- Name: FUNCTION beat_and_claim_dead_workers(worker_id text, stale_after interval); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.beat_and_claim_dead_workers(worker_id text, stale_after interval) IS 'Records a worker heartbeat; claims and returns the ids of workers silent for longer than stale_after.';


--
-- Name: check_password(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_password(user_id uuid, password text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce((
    select public.crypt(check_password.password, s.password_hash) = s.password_hash
      from app_private.user_secrets s
     where s.user_id = check_password.user_id), false);
$$;


--
-- Name: FUNCTION check_password(user_id uuid, password text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.check_password(user_id uuid, password text) IS 'Whether the password matches the user''s stored hash.';


--
-- Name: cleanup_expired_data(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.cleanup_expired_data() RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_counts jsonb := jsonb_build_object(
    'sessions_pruned', app_private.prune_sessions(),
    'account_tokens_pruned', app_private.prune_account_tokens(),
    'documents_expired', app_private.expire_verification_documents(),
    'verification_levels_refreshed', app_private.refresh_stale_verification_levels(),
    'offers_expired', app_private.expire_offers(),
    'users_anonymised', app_private.anonymise_deleted_users(),
    'requests_expired', app_private.expire_delivery_requests(),
    'trip_weather_deleted', app_private.delete_expired_trip_weather(),
    'unattached_files_removed', app_private.remove_unattached_files());
begin
  return v_counts || jsonb_build_object('more', exists (
    select 1 from jsonb_each(v_counts) as c
     where (c.value)::int >= (app_hidden.config_value('retention.batch_size'))::int));
end;
$$;


--
-- Name: FUNCTION cleanup_expired_data(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.cleanup_expired_data() IS 'Applies every retention rule once, in batches; returns how many rows each rule touched and whether more may be left.';


--
-- Name: complete_file_upload(uuid, text, bigint); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.files f
     set status = 'ready', ready_at = now()
   where f.id = complete_file_upload.file_id and f.status = 'pending' and f.upload_expires_at > now();
  if not found then
    return false;
  end if;
  update app_private.file_objects o
     set stored_sha256 = complete_file_upload.stored_sha256, stored_bytes = complete_file_upload.stored_bytes,
         uploaded_at = now()
   where o.file_id = complete_file_upload.file_id;
  return true;
end;
$$;


--
-- Name: FUNCTION complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint) IS 'Marks a pending, unexpired file ready with the SHA-256 and size of its stored bytes; false (nothing changed) otherwise.';


--
-- Name: create_session(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_session(user_id uuid) RETURNS app_public.jwt_token
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select (app_private.start_session(create_session.user_id, null, null, null, null)).access_token;
$$;


--
-- Name: FUNCTION create_session(user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.create_session(user_id uuid) IS 'Starts a device session for the user and returns its access token claims.';


--
-- Name: delete_expired_trip_weather(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.delete_expired_trip_weather() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with deleted as (
    delete from app_public.trip_weather w
     where w.id in (select e.id from app_public.trip_weather e where e.expires_at < now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from deleted;
$$;


--
-- Name: FUNCTION delete_expired_trip_weather(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.delete_expired_trip_weather() IS 'Deletes expired trip forecasts, at most retention.batch_size; returns how many.';


--
-- Name: end_suspensions(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.end_suspensions() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with due as (
    select u.id from app_public.users u
     where u.status = 'suspended' and u.suspended_until <= now()
     order by u.suspended_until
     limit (app_hidden.config_value('retention.batch_size'))::int
     for update skip locked
  ), ended as (
    update app_public.users u
       set status = case when c.email_verified_at is not null then 'active' else 'pending' end::app_public.user_status,
           suspended_until = null
      from due join app_public.user_contacts c on c.user_id = due.id
     where u.id = due.id
    returning u.id, u.status
  ), recorded as (
    insert into app_private.user_status_changes (user_id, old_status, new_status, reason)
    select e.id, 'suspended', e.status, 'The suspension ended' from ended e
    returning 1
  )
  select count(*)::integer from recorded;
$$;


--
-- Name: FUNCTION end_suspensions(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.end_suspensions() IS 'Ends the suspensions whose suspended_until has passed and records each; returns how many.';


--
-- Name: escrows_to_release(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.escrows_to_release(max_rows integer DEFAULT 100) RETURNS SETOF jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select jsonb_build_object(
           'escrow_id', e.id,
           'delivery_id', e.delivery_id,
           'amount', e.amount - e.released_amount - e.refunded_amount,
           'currency', lower(e.currency),
           'destination', acct.stripe_id,
           'source_transaction', ch.stripe_id,
           'transfer_group', 'dlv_' || e.delivery_id,
           'idempotency_key', 'transfer:' || e.id,
           'condition', case when d.receipt_confirmed_at is not null and (e.hold_until is null or e.hold_until > now())
                             then 'delivery_confirmed' else 'hold_expired' end)
    from app_public.escrow_accounts e
    join app_public.deliveries d on d.id = e.delivery_id
    join app_public.payout_accounts pa on pa.user_id = e.traveler_id
    join app_private.stripe_refs acct on acct.payout_account_id = pa.id and acct.kind = 'account'
    join app_private.stripe_refs ch on ch.payment_intent_id = e.payment_intent_id and ch.kind = 'charge'
   where e.status = 'held'
     and not e.review_required
     and d.status = 'delivered'
     and (e.hold_until <= now() or d.receipt_confirmed_at is not null)
     and pa.status = 'active'
   order by e.hold_until nulls first, e.id
   limit escrows_to_release.max_rows;
$$;


--
-- Name: FUNCTION escrows_to_release(max_rows integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.escrows_to_release(max_rows integer) IS 'payments__release: the held escrows due for release now, with the transfer to make for each.';


--
-- Name: expire_delivery_requests(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.expire_delivery_requests() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with expired as (
    update app_public.delivery_requests r
       set status = 'expired'
     where r.id in (select o.id from app_public.delivery_requests o
                     where o.status in ('pending', 'matched') and o.expires_at <= now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning r.id
  ), offers as (
    -- Their live offers end with them (offer versions never outlive their request anyway).
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
      from expired e
     where o.request_id = e.id and o.status = 'pending'
  )
  select count(*)::integer from expired;
$$;


--
-- Name: FUNCTION expire_delivery_requests(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.expire_delivery_requests() IS 'Marks pending and matched requests past their expiry as expired, at most retention.batch_size; returns how many.';


--
-- Name: expire_offers(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.expire_offers() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with expired as (
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
     where o.id in (select p.id from app_public.delivery_offers p
                     where p.status = 'pending' and p.valid_until <= now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from expired;
$$;


--
-- Name: FUNCTION expire_offers(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.expire_offers() IS 'Expires pending offer threads whose current version is past its validity, at most retention.batch_size; returns how many.';


--
-- Name: expire_uploads(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.expire_uploads(batch_size integer) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with gone as (
    delete from app_public.files f
     where f.id in (select e.id from app_public.files e
                     where e.status = 'pending' and e.upload_expires_at <= now()
                     order by e.upload_expires_at
                     limit expire_uploads.batch_size
                     for update skip locked)
    returning 1)
  select count(*)::int from gone;
$$;


--
-- Name: FUNCTION expire_uploads(batch_size integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.expire_uploads(batch_size integer) IS 'Deletes up to batch_size pending files whose upload time has passed; returns how many.';


--
-- Name: expire_verification_documents(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.expire_verification_documents() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with expired as (
    update app_public.user_verification_documents d set status = 'expired'
     where d.id in (select e.id from app_public.user_verification_documents e
                     where e.status in ('pending', 'under_review', 'approved') and e.expires_on < current_date
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from expired;
$$;


--
-- Name: FUNCTION expire_verification_documents(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.expire_verification_documents() IS 'Marks documents past their expiry as expired, at most retention.batch_size; returns how many.';


--
-- Name: file_download_target(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.file_download_target(file_id uuid) RETURNS TABLE(content_type text, stored_bytes bigint, stored_sha256 text, storage_key text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select f.content_type, o.stored_bytes, o.stored_sha256, o.storage_key
    from app_public.files f
    join app_private.file_objects o on o.file_id = f.id
   where f.id = file_download_target.file_id and f.status = 'ready';
$$;


--
-- Name: FUNCTION file_download_target(file_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.file_download_target(file_id uuid) IS 'Content type, size, SHA-256 and storage key of a ready file; no row otherwise.';


--
-- Name: file_upload_target(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.file_upload_target(file_id uuid) RETURNS TABLE(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text, storage_key text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select f.purpose, f.content_type, f.byte_size, f.sha256, o.storage_key
    from app_public.files f
    join app_private.file_objects o on o.file_id = f.id
   where f.id = file_upload_target.file_id and f.status = 'pending' and f.upload_expires_at > now();
$$;


--
-- Name: FUNCTION file_upload_target(file_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.file_upload_target(file_id uuid) IS 'The declared type, size and SHA-256 and the storage key of a file that may be uploaded now (pending, not expired); no row otherwise.';


--
-- Name: forget_worker(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.forget_worker(worker_id text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  delete from app_private.worker_heartbeats h where h.worker_id = forget_worker.worker_id;
$$;


--
-- Name: FUNCTION forget_worker(worker_id text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.forget_worker(worker_id text) IS 'Removes a cleanly stopped worker from the heartbeat registry.';


--
-- Name: hash_password(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.hash_password(password text) RETURNS text
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select public.crypt(hash_password.password,
                      public.gen_salt('bf', (app_hidden.config_value('security.bcrypt_cost'))::int));
$$;


--
-- Name: FUNCTION hash_password(password text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.hash_password(password text) IS 'bcrypt hash of a password, with the configured cost.';


--
-- Name: issue_email_token(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.issue_email_token(email_id uuid) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_email app_private.emails;
  v_token bytea := public.gen_random_bytes(32);
begin
  select * into v_email from app_private.emails e
   where e.id = issue_email_token.email_id and e.status = 'queued'
   for update;
  if v_email.id is null or v_email.user_id is null then
    return null;
  end if;
  case v_email.kind
    when 'verify_email' then
      insert into app_private.email_verification_tokens (user_id, email_id, email, token_hash, expires_at)
      values (v_email.user_id, v_email.id, v_email.recipient, sha256(v_token),
              now() + make_interval(hours => (app_hidden.config_value('auth.email_token_hours'))::int));
    when 'password_reset' then
      update app_private.password_reset_tokens t set used_at = now()
       where t.user_id = v_email.user_id and t.used_at is null;
      insert into app_private.password_reset_tokens (user_id, email_id, token_hash, expires_at)
      values (v_email.user_id, v_email.id, sha256(v_token),
              now() + make_interval(mins => (app_hidden.config_value('auth.password_reset_minutes'))::int));
    else
      return null;
  end case;
  return encode(v_token, 'hex');
end;
$$;


--
-- Name: FUNCTION issue_email_token(email_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.issue_email_token(email_id uuid) IS 'Creates the single-use token of a queued verification or reset email; returns it (hex) once.';


--
-- Name: issue_phone_code(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.issue_phone_code(code_id uuid) RETURNS TABLE(phone_number text, code text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_code text := lpad((('x' || encode(public.gen_random_bytes(4), 'hex'))::bit(32)::bigint % 1000000)::text, 6, '0');
begin
  return query
  update app_private.phone_verification_codes p
     set code_hash = public.crypt(v_code, public.gen_salt('bf', (app_hidden.config_value('auth.phone_code_bcrypt_cost'))::int)),
         expires_at = now() + make_interval(mins => (app_hidden.config_value('auth.phone_code_minutes'))::int),
         attempts = 0
   where p.id = issue_phone_code.code_id and p.used_at is null
  returning p.phone_number, v_code;
end;
$$;


--
-- Name: FUNCTION issue_phone_code(code_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.issue_phone_code(code_id uuid) IS 'Creates the code of a phone verification request (bcrypt hash stored) and returns it once with the number.';


--
-- Name: ledger_account(text, uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.ledger_account(code text, user_id uuid, currency text) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_id uuid;
begin
  insert into app_private.ledger_accounts (code, user_id, currency)
  values (ledger_account.code, ledger_account.user_id, ledger_account.currency)
  on conflict on constraint ledger_accounts_code_user_id_currency_key do nothing
  returning id into v_id;
  if v_id is null then
    select a.id into v_id from app_private.ledger_accounts a
     where a.code = ledger_account.code and a.user_id is not distinct from ledger_account.user_id
       and a.currency = ledger_account.currency;
  end if;
  return v_id;
end;
$$;


--
-- Name: FUNCTION ledger_account(code text, user_id uuid, currency text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.ledger_account(code text, user_id uuid, currency text) IS 'The ledger account of a code, traveler (or null) and currency, created on first use.';


--
-- Name: materialise_recurring_trips(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.materialise_recurring_trips() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
declare
  v_horizon timestamptz := now() + make_interval(days => (app_hidden.config_value('trips.recurrence_days'))::int);
  v_max integer := (app_hidden.config_value('trips.recurrence_max'))::int;
  v_created integer;
begin
  perform pg_advisory_xact_lock(hashtext('app_private.materialise_recurring_trips'));
  with parents as (
    select p.id, p.departure_time, p.recurring_pattern ->> 'frequency' as frequency,
           coalesce((p.recurring_pattern ->> 'interval')::int, 1) as every,
           coalesce(p.recurring_pattern -> 'days_of_week', jsonb_build_array(extract(isodow from p.departure_time)::int)) as days,
           (p.recurring_pattern ->> 'until')::date as until,
           (select count(*) from app_public.trips c where c.parent_trip_id = p.id) as children
      from app_public.trips p
      join app_public.users u on u.id = p.traveler_id
     where p.recurring_pattern is not null and p.status <> 'cancelled'
       and u.status = 'active' and u.deleted_at is null and u.user_type in ('traveler', 'both')
  ), candidates as (
    select p.id as parent_id, p.children, d.departure
      from parents p
      cross join lateral (
        -- daily and weekly: every day after the first departure, filtered below
        select p.departure_time + make_interval(days => k) as departure
          from generate_series(1, greatest(0, ceil(extract(epoch from v_horizon - p.departure_time) / 86400)::int)) k
         where p.frequency = 'daily' and k % p.every = 0
            or p.frequency = 'weekly'
               and p.days @> to_jsonb(extract(isodow from p.departure_time + make_interval(days => k))::int)
               and ((date_trunc('week', p.departure_time + make_interval(days => k))::date
                     - date_trunc('week', p.departure_time)::date) / 7) % p.every = 0
        union all
        -- monthly: the same day of the month (the month's last day where it is shorter)
        select p.departure_time + make_interval(months => m * p.every)
          from generate_series(1, greatest(0, ceil(extract(epoch from v_horizon - p.departure_time) / 86400 / 28)::int)) m
         where p.frequency = 'monthly'
      ) d
     where d.departure > now() and d.departure <= v_horizon
       and (p.until is null or d.departure::date <= p.until)
       and not exists (select 1 from app_public.trips x
                        where x.parent_trip_id = p.id and x.departure_time = d.departure)
  ), numbered as (
    select c.*, row_number() over (partition by c.parent_id order by c.departure) as rn from candidates c
  )
  insert into app_public.trips (
    traveler_id, title, description, trip_type, origin_address, origin_point, origin_airport,
    destination_address, destination_point, destination_airport, departure_time, arrival_time,
    capacity_weight_kg, available_weight_kg, capacity_volume_l, available_volume_l, capacity_items, available_items,
    currency, base_price, price_per_kg, price_per_km, express_multiplier, fragile_multiplier,
    no_fragile, no_electronics, max_item_value, prohibited_categories, parent_trip_id,
    visibility, auto_accept, auto_accept_price)
  select p.traveler_id, p.title, p.description, p.trip_type, p.origin_address, p.origin_point, p.origin_airport,
         p.destination_address, p.destination_point, p.destination_airport,
         n.departure, n.departure + (p.arrival_time - p.departure_time),
         p.capacity_weight_kg, p.capacity_weight_kg, p.capacity_volume_l, p.capacity_volume_l,
         p.capacity_items, p.capacity_items,
         p.currency, p.base_price, p.price_per_kg, p.price_per_km, p.express_multiplier, p.fragile_multiplier,
         p.no_fragile, p.no_electronics, p.max_item_value, p.prohibited_categories, p.id,
         p.visibility, p.auto_accept, p.auto_accept_price
    from numbered n
    join app_public.trips p on p.id = n.parent_id
   where n.rn <= v_max - n.children
  on conflict (parent_trip_id, departure_time) do nothing;
  get diagnostics v_created = row_count;
  return v_created;
end;
$$;


--
-- Name: FUNCTION materialise_recurring_trips(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.materialise_recurring_trips() IS 'Creates the trips of recurring trips up to trips.recurrence_days ahead (at most trips.recurrence_max per recurring trip); idempotent. Returns how many it created.';


--
-- Name: new_backup_codes(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.new_backup_codes(user_id uuid) RETURNS text[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_codes text[];
begin
  select array_agg(encode(public.gen_random_bytes(5), 'hex')) into v_codes
    from generate_series(1, (app_hidden.config_value('auth.backup_codes'))::int);
  update app_private.user_two_factor_auth t
     set backup_code_hashes = array(
       select public.crypt(c, public.gen_salt('bf', (app_hidden.config_value('auth.backup_code_bcrypt_cost'))::int))
         from unnest(v_codes) as c)
   where t.user_id = new_backup_codes.user_id;
  return array(select substr(c, 1, 5) || '-' || substr(c, 6) from unnest(v_codes) as c);
end;
$$;


--
-- Name: FUNCTION new_backup_codes(user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.new_backup_codes(user_id uuid) IS 'Replaces the backup codes of the user and returns the new ones.';


--
-- Name: user_two_factor_auth; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_two_factor_auth (
    user_id uuid NOT NULL,
    enabled boolean DEFAULT false NOT NULL,
    backup_code_hashes text[] DEFAULT '{}'::text[] NOT NULL,
    last_used_step bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    enabled_at timestamp with time zone,
    secret_encrypted bytea,
    secret_key_id text,
    CONSTRAINT user_two_factor_auth_check CHECK ((enabled = (enabled_at IS NOT NULL))),
    CONSTRAINT user_two_factor_auth_secret_key_id_check CHECK ((secret_key_id ~ '^[0-9a-f]{16}$'::text)),
    CONSTRAINT user_two_factor_auth_secret_sealed CHECK ((((secret_encrypted IS NULL) = (secret_key_id IS NULL)) AND (enabled OR (secret_encrypted IS NOT NULL))))
);

ALTER TABLE ONLY app_private.user_two_factor_auth FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.user_two_factor_auth IS 'TOTP secret (RFC 6238, encrypted under a key the server holds), bcrypt hashes of unused backup codes and the last accepted step of each user.';


--
-- Name: COLUMN user_two_factor_auth.secret_encrypted; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.user_two_factor_auth.secret_encrypted IS 'The TOTP secret, pgp_sym_encrypt_bytea (AES-256) under the server''s TOTP_ENCRYPTION_KEY; null while the account must enrol again.';


--
-- Name: COLUMN user_two_factor_auth.secret_key_id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.user_two_factor_auth.secret_key_id IS 'Fingerprint (first 8 bytes of SHA-256, hex) of the key the secret is encrypted with.';


--
-- Name: CONSTRAINT user_two_factor_auth_check ON user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_two_factor_auth_check ON app_private.user_two_factor_auth IS 'enabled_at: enabled two-factor authentication has its start time, and only then';


--
-- Name: CONSTRAINT user_two_factor_auth_secret_key_id_check ON user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_two_factor_auth_secret_key_id_check ON app_private.user_two_factor_auth IS 'secret_key_id must be 16 hexadecimal digits';


--
-- Name: CONSTRAINT user_two_factor_auth_secret_sealed ON user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_two_factor_auth_secret_sealed ON app_private.user_two_factor_auth IS 'secret_encrypted and secret_key_id: an encrypted secret names its key, and enabled two-factor authentication has a secret';


--
-- Name: open_totp_secret(app_private.user_two_factor_auth); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.open_totp_secret(two_factor app_private.user_two_factor_auth) RETURNS bytea
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_which text;
  v_key text;
begin
  foreach v_which in array array['current', 'previous'] loop
    v_key := app_private.totp_key(v_which);
    if v_key is not null and app_private.totp_key_id(v_key) = (open_totp_secret.two_factor).secret_key_id then
      return public.pgp_sym_decrypt_bytea((open_totp_secret.two_factor).secret_encrypted, v_key);
    end if;
  end loop;
  return null;
end;
$$;


--
-- Name: FUNCTION open_totp_secret(two_factor app_private.user_two_factor_auth); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.open_totp_secret(two_factor app_private.user_two_factor_auth) IS 'Decrypts a user''s TOTP secret with the key of this transaction that sealed it; null when none did.';


--
-- Name: payment_to_capture(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.payment_to_capture(delivery_id uuid) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce((
    select jsonb_build_object(
             'action', case when p.status = 'succeeded' then 'done'
                            when p.status = 'requires_capture' and r.stripe_id is not null
                                 and d.status in ('picked_up', 'in_transit', 'delivery_scheduled', 'delivered') then 'capture'
                            else 'skip' end,
             'reason', format('payment %s, delivery %s', p.status, d.status),
             'stripe_id', r.stripe_id,
             'idempotency_key', 'pi-capture:' || d.id)
      from app_public.deliveries d
      join app_public.payment_intents p on p.delivery_id = d.id
      left join app_private.stripe_refs r on r.payment_intent_id = p.id and r.kind = 'payment_intent'
     where d.id = payment_to_capture.delivery_id),
    jsonb_build_object('action', 'skip', 'reason', 'no payment'));
$$;


--
-- Name: FUNCTION payment_to_capture(delivery_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.payment_to_capture(delivery_id uuid) IS 'payments__capture: whether the delivery''s payment is to be captured now, its Stripe id and idempotency key.';


--
-- Name: post_ledger_transaction(text, text, uuid, text, jsonb, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.post_ledger_transaction(kind text, idempotency_key text, delivery_id uuid, currency text, entries jsonb, description text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_id uuid;
  v_entry jsonb;
begin
  insert into app_private.ledger_transactions (kind, idempotency_key, delivery_id, description)
  values (post_ledger_transaction.kind, post_ledger_transaction.idempotency_key, post_ledger_transaction.delivery_id,
          post_ledger_transaction.description)
  on conflict on constraint ledger_transactions_idempotency_key_key do nothing
  returning id into v_id;
  if v_id is null then
    return null;
  end if;
  for v_entry in select e from jsonb_array_elements(post_ledger_transaction.entries) e loop
    if (v_entry ->> 'amount')::bigint <> 0 then
      insert into app_private.ledger_entries (transaction_id, account_id, currency, amount)
      values (v_id, app_private.ledger_account(v_entry ->> 'code', (v_entry ->> 'user_id')::uuid,
                                               post_ledger_transaction.currency),
              post_ledger_transaction.currency, (v_entry ->> 'amount')::bigint);
    end if;
  end loop;
  return v_id;
end;
$$;


--
-- Name: FUNCTION post_ledger_transaction(kind text, idempotency_key text, delivery_id uuid, currency text, entries jsonb, description text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.post_ledger_transaction(kind text, idempotency_key text, delivery_id uuid, currency text, entries jsonb, description text) IS 'Posts a balanced ledger transaction once per idempotency key (null when already posted).';


--
-- Name: prepare_payment_intent(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prepare_payment_intent(delivery_id uuid) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
  v_amounts record;
  v_stripe_id text;
begin
  select * into v_delivery from app_public.deliveries d where d.id = prepare_payment_intent.delivery_id for update;
  if v_delivery.id is null then
    return jsonb_build_object('action', 'skip', 'reason', 'no such delivery');
  end if;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id;
  if v_intent.id is null then
    if v_delivery.status not in ('accepted', 'pickup_scheduled') then
      return jsonb_build_object('action', 'skip', 'reason', format('delivery is %s', v_delivery.status));
    end if;
    select * into v_amounts from app_hidden.charge_amounts(v_delivery.final_price);
    insert into app_public.payment_intents (delivery_id, customer_id, traveler_id, traveler_amount, platform_fee,
                                            processing_fee, credits_applied, amount, currency, idempotency_key)
    values (v_delivery.id, v_delivery.customer_id, v_delivery.traveler_id, v_delivery.final_price,
            v_amounts.platform_fee, v_amounts.processing_fee, v_amounts.credits_applied, v_amounts.amount,
            v_delivery.currency, 'pi-create:' || v_delivery.id)
    returning * into v_intent;
    insert into app_public.escrow_accounts (payment_intent_id, delivery_id, customer_id, traveler_id, amount, currency)
    values (v_intent.id, v_delivery.id, v_delivery.customer_id, v_delivery.traveler_id, v_intent.traveler_amount,
            v_intent.currency);
  end if;
  select r.stripe_id into v_stripe_id from app_private.stripe_refs r
   where r.payment_intent_id = v_intent.id and r.kind = 'payment_intent';
  return jsonb_build_object(
    'action', case when v_stripe_id is not null then 'done'
                   when v_intent.status = 'canceled' then 'skip'
                   else 'create' end,
    'payment_intent_id', v_intent.id,
    'stripe_id', v_stripe_id,
    'amount', v_intent.amount,
    'currency', lower(v_intent.currency),
    'idempotency_key', v_intent.idempotency_key,
    'transfer_group', 'dlv_' || v_delivery.id,
    'description', v_delivery.delivery_number);
end;
$$;


--
-- Name: FUNCTION prepare_payment_intent(delivery_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.prepare_payment_intent(delivery_id uuid) IS 'payments__create_intent: creates the delivery''s payment and pending escrow rows once, and says whether to create the Stripe PaymentIntent.';


--
-- Name: process_stripe_event(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.process_stripe_event(event_id text) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_event app_private.stripe_events;
  v_outcome text;
begin
  select * into v_event from app_private.stripe_events s where s.id = process_stripe_event.event_id for update;
  if v_event.id is null then
    return 'unknown event';
  end if;
  if v_event.processed_at is not null then
    return 'already processed';
  end if;
  v_outcome := case
    when v_event.type in ('payment_intent.amount_capturable_updated', 'payment_intent.succeeded',
                          'payment_intent.canceled', 'payment_intent.payment_failed')
      then app_private.apply_payment_intent(v_event.body -> 'data' -> 'object',
                                            to_timestamp((v_event.body ->> 'created')::double precision))
    else 'ignored' end;
  update app_private.stripe_events s set processed_at = now(), outcome = left(v_outcome, 200)
   where s.id = v_event.id;
  return v_outcome;
end;
$$;


--
-- Name: FUNCTION process_stripe_event(event_id text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.process_stripe_event(event_id text) IS 'stripe__process_event: applies a stored Stripe event''s effect and marks it processed, once.';


--
-- Name: prune_account_tokens(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_account_tokens() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with batch as (
    select (app_hidden.config_value('retention.batch_size'))::int as size
  ), email_tokens as (
    delete from app_private.email_verification_tokens t
     where t.id in (select e.id from app_private.email_verification_tokens e
                     where e.used_at is not null or e.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), reset_tokens as (
    delete from app_private.password_reset_tokens t
     where t.id in (select r.id from app_private.password_reset_tokens r
                     where r.used_at is not null or r.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), phone_codes as (
    delete from app_private.phone_verification_codes p
     where p.id in (select c.id from app_private.phone_verification_codes c
                     where c.used_at is not null or coalesce(c.expires_at, c.created_at) < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), challenges as (
    delete from app_private.mfa_challenges m
     where m.id in (select c.id from app_private.mfa_challenges c
                     where c.used_at is not null or c.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), setups as (
    delete from app_private.two_factor_setups s
     where s.id in (select t.id from app_private.two_factor_setups t
                     where t.created_at + interval '1 hour' < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), hits as (
    delete from app_private.rate_limit_hits h
     where h.id in (select r.id from app_private.rate_limit_hits r where r.created_at < now() - interval '1 day'
                     limit (select size from batch))
    returning 1
  )
  select ((select count(*) from email_tokens) + (select count(*) from reset_tokens) + (select count(*) from phone_codes)
          + (select count(*) from challenges) + (select count(*) from setups) + (select count(*) from hits))::integer;
$$;


--
-- Name: FUNCTION prune_account_tokens(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.prune_account_tokens() IS 'Deletes used or long-expired email, reset and phone tokens, two-factor challenges and setup records, and stale rate-limit hits, at most retention.batch_size of each; returns how many.';


--
-- Name: prune_api_request_budgets(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_api_request_budgets() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with gone as (
    delete from app_private.api_request_budgets b where b.window_start < date_trunc('hour', now()) returning 1
  )
  select count(*)::integer from gone;
$$;


--
-- Name: FUNCTION prune_api_request_budgets(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.prune_api_request_budgets() IS 'Deletes request budgets of past hours; returns how many.';


--
-- Name: prune_sessions(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_sessions() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with settings as (
    select now() - make_interval(days => (app_hidden.config_value('retention.sessions_days'))::int) as cutoff,
           (app_hidden.config_value('retention.batch_size'))::int as batch_size
  ), pruned as (
    delete from app_private.sessions s
     where s.id in (select e.id from app_private.sessions e, settings
                     where least(e.revoked_at, e.expires_at) < settings.cutoff
                     limit (select batch_size from settings))
    returning 1
  ), attempts as (
    delete from app_private.login_attempts a
     where a.id in (select o.id from app_private.login_attempts o, settings
                     where o.created_at < settings.cutoff
                     limit (select batch_size from settings))
    returning 1
  )
  select ((select count(*) from pruned) + (select count(*) from attempts))::integer;
$$;


--
-- Name: FUNCTION prune_sessions(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.prune_sessions() IS 'Deletes sessions that ended and login attempts older than the retention period, at most retention.batch_size of each; returns how many.';


--
-- Name: reactivate_account(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.reactivate_account(user_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  update app_public.users u
     set status = case when c.email_verified_at is not null then 'active' else 'pending' end::app_public.user_status,
         deactivated_at = null
    from app_public.user_contacts c
   where u.id = reactivate_account.user_id and c.user_id = u.id
     and u.status = 'deactivated' and u.deleted_at is null;
$$;


--
-- Name: FUNCTION reactivate_account(user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.reactivate_account(user_id uuid) IS 'Returns a deactivated, undeleted account to active (or pending without a verified email).';


--
-- Name: record_email_attempt(uuid, text, boolean); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_email_attempt(email_id uuid, error text, final_attempt boolean) RETURNS app_private.email_status
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  update app_private.emails e
     set attempts = e.attempts + 1,
         status = case when record_email_attempt.error is null then 'sent'
                       when record_email_attempt.final_attempt then 'failed'
                       else 'queued' end::app_private.email_status,
         sent_at = case when record_email_attempt.error is null then now() end,
         last_error = record_email_attempt.error
   where e.id = record_email_attempt.email_id and e.status = 'queued'
  returning e.status;
$$;


--
-- Name: FUNCTION record_email_attempt(email_id uuid, error text, final_attempt boolean); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_email_attempt(email_id uuid, error text, final_attempt boolean) IS 'Records the result of sending a queued email.';


--
-- Name: record_escrow_release(uuid, jsonb, app_public.release_condition); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_escrow app_public.escrow_accounts;
begin
  update app_public.escrow_accounts e
     set status = 'released', released_amount = e.amount - e.refunded_amount, released_at = now(),
         release_condition = record_escrow_release.condition
   where e.id = record_escrow_release.escrow_id and e.status = 'held'
  returning * into v_escrow;
  if v_escrow.id is null then
    return false;
  end if;
  insert into app_private.stripe_refs (stripe_id, kind, escrow_id)
  values (record_escrow_release.transfer ->> 'id', 'transfer', v_escrow.id)
  on conflict do nothing;
  perform app_private.post_ledger_transaction('release', 'release:' || v_escrow.id, v_escrow.delivery_id,
    v_escrow.currency,
    jsonb_build_array(
      jsonb_build_object('code', 'escrow_liability', 'amount', v_escrow.released_amount),
      jsonb_build_object('code', 'traveler_payable', 'user_id', v_escrow.traveler_id, 'amount', -v_escrow.released_amount)),
    format('Release of the escrow of delivery %s', v_escrow.delivery_id));
  return true;
end;
$$;


--
-- Name: FUNCTION record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition) IS 'Records an escrow''s transfer to the traveler: released once, ledger Dr escrow liability / Cr traveler payable.';


--
-- Name: record_login_failure(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_login_failure(user_id uuid) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_count integer;
begin
  update app_private.user_secrets s set failed_login_count = s.failed_login_count + 1
   where s.user_id = record_login_failure.user_id
  returning s.failed_login_count into v_count;
  if v_count < (app_hidden.config_value('security.max_login_attempts'))::int then
    return false;
  end if;
  update app_private.user_secrets s
     set failed_login_count = 0,
         locked_until = now() + make_interval(mins => (app_hidden.config_value('security.lockout_minutes'))::int)
   where s.user_id = record_login_failure.user_id;
  insert into app_private.emails (user_id, recipient, subject, body)
  select c.user_id, c.email, 'Your account was locked',
         format(E'Hello %s,\n\nAfter several failed sign-in attempts your account is locked for %s minutes. '
                'If this was not you, reset your password once the lock ends.',
                u.first_name, app_hidden.config_value('security.lockout_minutes'))
    from app_public.user_contacts c join app_public.users u on u.id = c.user_id
   where c.user_id = record_login_failure.user_id;
  return true;
end;
$$;


--
-- Name: FUNCTION record_login_failure(user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_login_failure(user_id uuid) IS 'Counts a failed login; locks the account (and emails its owner) at the threshold. True when it locked.';


--
-- Name: record_match_candidates(uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_match_candidates(request_id uuid, trip_id uuid) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_emailed integer;
begin
  if num_nulls(record_match_candidates.request_id, record_match_candidates.trip_id) <> 1 then
    raise exception 'Give exactly one of request_id and trip_id' using errcode = 'INVAL';
  end if;

  insert into app_public.request_matches as rm (request_id, trip_id, score, detour_km, quoted_price, factors)
  select m.request_id, m.trip_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(record_match_candidates.request_id, record_match_candidates.trip_id) m
  on conflict on constraint request_matches_pair_key do update
     set score = excluded.score, detour_km = excluded.detour_km, quoted_price = excluded.quoted_price,
         factors = excluded.factors
   where (rm.score, rm.detour_km, rm.quoted_price, rm.factors)
         is distinct from (excluded.score, excluded.detour_km, excluded.quoted_price, excluded.factors);

  with marked as (
    update app_public.request_matches rm
       set notified_at = now()
     where rm.notified_at is null
       and (rm.request_id = record_match_candidates.request_id or rm.trip_id = record_match_candidates.trip_id)
    returning rm.request_id, rm.trip_id, rm.score
  ), messages as (
    -- A new trip tells the request's customer; a new request tells the trip's traveler. Cities and titles only:
    -- exact addresses stay with the customer until an offer is accepted.
    select case when record_match_candidates.trip_id is not null then r.customer_id else t.traveler_id end as user_id,
           case when record_match_candidates.trip_id is not null
                then 'A trip fits your delivery request'
                else 'A delivery request fits your trip' end as subject,
           case when record_match_candidates.trip_id is not null
                then format(E'The trip "%s" (leaving %s UTC) fits your request "%s" from %s to %s (match score %s).\n\nSee matchingTrips for your request to make contact.',
                            t.title, to_char(t.departure_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), r.title,
                            r.pickup_city, r.delivery_city, m.score)
                else format(E'A delivery request "%s" from %s to %s fits your trip "%s" (match score %s).\n\nSee matchingRequests for your trip to make an offer.',
                            r.title, r.pickup_city, r.delivery_city, t.title, m.score) end as body
      from marked m
      join app_public.delivery_requests r on r.id = m.request_id
      join app_public.trips t on t.id = m.trip_id
  )
  insert into app_private.emails (user_id, recipient, subject, body)
  select msg.user_id, c.email, msg.subject, msg.body
    from messages msg
    join app_public.users u on u.id = msg.user_id and u.deleted_at is null
    join app_public.user_contacts c on c.user_id = msg.user_id;
  get diagnostics v_emailed = row_count;
  return v_emailed;
end;
$$;


--
-- Name: FUNCTION record_match_candidates(request_id uuid, trip_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_match_candidates(request_id uuid, trip_id uuid) IS 'Records the current best matches of a new request or trip in request_matches and emails the other side once per pair.';


--
-- Name: record_payment_intent(uuid, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_payment_intent(delivery_id uuid, intent jsonb) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_intent_id uuid;
begin
  select p.id into v_intent_id from app_public.payment_intents p where p.delivery_id = record_payment_intent.delivery_id;
  if v_intent_id is null then
    raise exception 'Delivery % has no payment to record', record_payment_intent.delivery_id using errcode = 'NTFND';
  end if;
  insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id, client_secret)
  values (record_payment_intent.intent ->> 'id', 'payment_intent', v_intent_id,
          record_payment_intent.intent ->> 'client_secret')
  on conflict do nothing;
  return app_private.apply_payment_intent(record_payment_intent.intent, now());
end;
$$;


--
-- Name: FUNCTION record_payment_intent(delivery_id uuid, intent jsonb); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_payment_intent(delivery_id uuid, intent jsonb) IS 'Records the Stripe PaymentIntent created for a delivery''s payment, then applies its state.';


--
-- Name: record_stripe_event(text, text, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_stripe_event(event_id text, event_type text, body jsonb) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  insert into app_private.stripe_events (id, type, body)
  values (record_stripe_event.event_id, record_stripe_event.event_type, record_stripe_event.body)
  on conflict on constraint stripe_events_pkey do nothing;
  if not found then
    return false;                                   -- a replayed event enqueues nothing
  end if;
  perform graphile_worker.add_job('stripe__process_event', json_build_object('id', record_stripe_event.event_id),
    job_key := 'stripe__process_event:' || record_stripe_event.event_id, max_attempts := 25);
  return true;
end;
$$;


--
-- Name: FUNCTION record_stripe_event(event_id text, event_type text, body jsonb); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_stripe_event(event_id text, event_type text, body jsonb) IS 'Stores a verified Stripe event once and enqueues its processing; false for an id already received.';


--
-- Name: trip_weather; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.trip_weather (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trip_id uuid NOT NULL,
    weather jsonb NOT NULL,
    alerts jsonb DEFAULT '[]'::jsonb NOT NULL,
    provider text NOT NULL,
    fetched_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trip_weather_alerts_check CHECK ((jsonb_typeof(alerts) = 'array'::text)),
    CONSTRAINT trip_weather_check CHECK ((expires_at > fetched_at)),
    CONSTRAINT trip_weather_provider_check CHECK (((length(provider) >= 1) AND (length(provider) <= 50))),
    CONSTRAINT trip_weather_weather_check CHECK ((jsonb_typeof(weather) = 'object'::text))
);

ALTER TABLE ONLY app_public.trip_weather FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.trip_weather IS '@behavior -insert -update -delete
Cached weather forecast of a trip (departure and arrival), refreshed by the worker for trips leaving soon. Alerts are advice: they never block a trip. Visible to whoever sees the trip.';


--
-- Name: COLUMN trip_weather.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.id IS 'Identifier of the forecast.';


--
-- Name: COLUMN trip_weather.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.trip_id IS 'The trip the forecast is for.';


--
-- Name: COLUMN trip_weather.weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.weather IS 'Forecast: {origin: {date, condition, temperature_c, wind_kph, precipitation_mm}, destination: {…}}.';


--
-- Name: COLUMN trip_weather.alerts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.alerts IS 'Warnings derived from the forecast: [{at: origin|destination, kind, message}].';


--
-- Name: COLUMN trip_weather.provider; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.provider IS 'Which weather provider answered.';


--
-- Name: COLUMN trip_weather.fetched_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.fetched_at IS 'When the forecast was fetched.';


--
-- Name: COLUMN trip_weather.expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.expires_at IS 'When the forecast is stale and fetched again.';


--
-- Name: COLUMN trip_weather.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_weather.created_at IS 'When the first forecast of the trip was stored.';


--
-- Name: CONSTRAINT trip_weather_alerts_check ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_alerts_check ON app_public.trip_weather IS 'alerts must be a JSON array';


--
-- Name: CONSTRAINT trip_weather_check ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_check ON app_public.trip_weather IS 'expires_at must lie after fetched_at';


--
-- Name: CONSTRAINT trip_weather_provider_check ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_provider_check ON app_public.trip_weather IS 'provider must have 1 to 50 characters';


--
-- Name: CONSTRAINT trip_weather_weather_check ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_weather_check ON app_public.trip_weather IS 'weather must be a JSON object';


--
-- Name: record_trip_weather(uuid, jsonb, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_trip_weather(trip_id uuid, weather jsonb, provider text) RETURNS app_public.trip_weather
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_end text;
  v_row app_public.trip_weather;
  v_previous jsonb;
begin
  foreach v_end in array array['origin', 'destination'] loop
    if jsonb_typeof(record_trip_weather.weather -> v_end) is distinct from 'object'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'condition') is distinct from 'string'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'temperature_c') is distinct from 'number'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'wind_kph') is distinct from 'number'
       or jsonb_typeof(record_trip_weather.weather -> v_end -> 'precipitation_mm') is distinct from 'number' then
      raise exception 'The % forecast needs condition, temperature_c, wind_kph and precipitation_mm', v_end
        using errcode = 'INVAL';
    end if;
  end loop;
  if not exists (select 1 from app_public.trips t where t.id = record_trip_weather.trip_id) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  select w.alerts into v_previous from app_public.trip_weather w where w.trip_id = record_trip_weather.trip_id;
  insert into app_public.trip_weather (trip_id, weather, alerts, provider, fetched_at, expires_at)
  values (record_trip_weather.trip_id, record_trip_weather.weather,
          app_private.weather_alerts('origin', record_trip_weather.weather -> 'origin')
            || app_private.weather_alerts('destination', record_trip_weather.weather -> 'destination'),
          record_trip_weather.provider, now(),
          now() + make_interval(hours => (app_hidden.config_value('trips.weather_ttl_hours'))::int))
  on conflict on constraint trip_weather_trip_id_key do update
     set weather = excluded.weather, alerts = excluded.alerts, provider = excluded.provider,
         fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
  returning * into v_row;
  if jsonb_array_length(v_row.alerts) > 0 and not (coalesce(v_previous, '[]') @> v_row.alerts) then
    perform app_hidden.queue_email(t.traveler_id, 'Weather alert for your trip',
      format(E'The forecast for "%s" warns: %s. Your trip is not affected in the app; plan accordingly.\n', t.title,
             (select string_agg(a ->> 'message', '; ') from jsonb_array_elements(v_row.alerts) a)))
      from app_public.trips t where t.id = v_row.trip_id;
  end if;
  return v_row;
end;
$$;


--
-- Name: FUNCTION record_trip_weather(trip_id uuid, weather jsonb, provider text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.record_trip_weather(trip_id uuid, weather jsonb, provider text) IS 'Stores (or replaces) a trip''s forecast with its alerts, valid for trips.weather_ttl_hours. INVAL for a malformed forecast, NTFND for an unknown trip.';


--
-- Name: refresh_stale_verification_levels(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refresh_stale_verification_levels() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid;
  v_count integer := 0;
begin
  for v_user_id in
    select u.id from app_public.users u
     where u.verification_level = 'fully_verified'
       and not exists (select 1 from app_public.user_verification_documents d
                        where d.user_id = u.id and app_hidden.counts_as_proof_of_address(d))
     limit (app_hidden.config_value('retention.batch_size'))::int
  loop
    perform app_hidden.refresh_verification_level(v_user_id);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;


--
-- Name: FUNCTION refresh_stale_verification_levels(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.refresh_stale_verification_levels() IS 'Recomputes the level of fully verified users whose proof of address no longer counts, at most retention.batch_size; returns how many.';


--
-- Name: reject_file_upload(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.reject_file_upload(file_id uuid, reason text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_public.files f
     set status = 'rejected', rejected_reason = left(reject_file_upload.reason, 500)
   where f.id = reject_file_upload.file_id and f.status = 'pending';
  return found;
end;
$$;


--
-- Name: FUNCTION reject_file_upload(file_id uuid, reason text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.reject_file_upload(file_id uuid, reason text) IS 'Marks a pending file rejected with the reason (a malware finding); false when it is no longer pending.';


--
-- Name: remove_unattached_files(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.remove_unattached_files() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with gone as (
    delete from app_public.files f
     where f.id in (select u.id from app_public.files u
                     where u.status = 'ready' and u.attached_at is null
                       and u.ready_at < now() - make_interval(days => (app_hidden.config_value('files.unattached_days'))::int)
                     order by u.ready_at
                     limit (app_hidden.config_value('retention.batch_size'))::int
                     for update skip locked)
    returning 1)
  select count(*)::int from gone;
$$;


--
-- Name: FUNCTION remove_unattached_files(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.remove_unattached_files() IS 'Deletes up to retention.batch_size ready files never attached within files.unattached_days; returns how many.';


--
-- Name: revoke_user_sessions(uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.revoke_user_sessions(user_id uuid, except_session_id uuid DEFAULT NULL::uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with revoked as (
    update app_private.sessions s set revoked_at = now()
     where s.user_id = revoke_user_sessions.user_id and s.revoked_at is null
       and s.id is distinct from revoke_user_sessions.except_session_id
    returning 1
  )
  select count(*)::integer from revoked;
$$;


--
-- Name: FUNCTION revoke_user_sessions(user_id uuid, except_session_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.revoke_user_sessions(user_id uuid, except_session_id uuid) IS 'Revokes every live session of the user but the one given.';


--
-- Name: seal_totp_secret(uuid, bytea); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.seal_totp_secret(user_id uuid, secret bytea) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_key text := app_private.totp_key('current');
begin
  if v_key is null then
    raise exception 'No TOTP encryption key in this transaction (the server sets TOTP_ENCRYPTION_KEY per request)';
  end if;
  insert into app_private.user_two_factor_auth (user_id, secret_encrypted, secret_key_id)
  values (seal_totp_secret.user_id, public.pgp_sym_encrypt_bytea(seal_totp_secret.secret, v_key, 'cipher-algo=aes256'),
          app_private.totp_key_id(v_key))
  on conflict on constraint user_two_factor_auth_pkey
  do update set secret_encrypted = excluded.secret_encrypted, secret_key_id = excluded.secret_key_id;
end;
$$;


--
-- Name: FUNCTION seal_totp_secret(user_id uuid, secret bytea); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.seal_totp_secret(user_id uuid, secret bytea) IS 'Encrypts and stores a user''s TOTP secret under the current key.';


--
-- Name: session_claims(uuid, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.session_claims(session_id uuid, expires_at timestamp with time zone) RETURNS app_public.jwt_token
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select row(
    'app_user',
    session_claims.session_id,
    floor(extract(epoch from least(session_claims.expires_at,
      now() + make_interval(mins => (app_hidden.config_value('auth.access_token_minutes'))::int))))::bigint
  )::app_public.jwt_token;
$$;


--
-- Name: FUNCTION session_claims(session_id uuid, expires_at timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.session_claims(session_id uuid, expires_at timestamp with time zone) IS 'Access token claims for a session.';


--
-- Name: start_escrow_hold(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.start_escrow_hold(delivery_id uuid) RETURNS boolean
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with held as (
    update app_public.escrow_accounts e
       set hold_until = d.delivered_at
                        + make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
      from app_public.deliveries d
     where d.id = start_escrow_hold.delivery_id and e.delivery_id = d.id
       and d.delivered_at is not null and e.status = 'held' and e.hold_until is null
    returning e.id)
  select exists (select 1 from held);
$$;


--
-- Name: FUNCTION start_escrow_hold(delivery_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.start_escrow_hold(delivery_id uuid) IS 'payments__hold: sets the held escrow''s hold_until to delivery + deliveries.dispute_window_hours, once.';


--
-- Name: start_mfa_challenge(uuid, text, app_public.device_type, app_public.platform, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.start_mfa_challenge(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) RETURNS app_public.auth_result
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_token bytea := public.gen_random_bytes(32);
begin
  insert into app_private.mfa_challenges (user_id, token_hash, device_id, device_type, platform, app_version, expires_at)
  values (start_mfa_challenge.user_id, sha256(v_token), start_mfa_challenge.device_id, start_mfa_challenge.device_type,
          start_mfa_challenge.platform, start_mfa_challenge.app_version,
          now() + make_interval(mins => (app_hidden.config_value('auth.mfa_challenge_minutes'))::int));
  return row(null, null, encode(v_token, 'hex'))::app_public.auth_result;
end;
$$;


--
-- Name: FUNCTION start_mfa_challenge(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.start_mfa_challenge(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) IS 'Issues a two-factor login challenge, returned once and stored as SHA-256.';


--
-- Name: start_session(uuid, text, app_public.device_type, app_public.platform, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.start_session(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) RETURNS app_public.auth_result
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_token bytea := public.gen_random_bytes(32);
  v_session app_private.sessions;
begin
  insert into app_private.sessions (user_id, expires_at, ip, device_id, device_type, platform, app_version,
                                    refresh_token_hash)
  values (start_session.user_id,
          now() + make_interval(days => (app_hidden.config_value('auth.refresh_token_days'))::int),
          app_hidden.current_ip(), start_session.device_id, start_session.device_type, start_session.platform,
          start_session.app_version, sha256(v_token))
  returning * into v_session;

  update app_private.sessions s set revoked_at = now()
   where s.id in (
     select l.id from app_private.sessions l
      where l.user_id = start_session.user_id and l.revoked_at is null and l.expires_at > now()
        and l.id <> v_session.id
      order by l.last_active_at desc, l.created_at desc
     offset greatest((app_hidden.config_value('auth.max_active_sessions'))::int - 1, 0));

  return row(app_private.session_claims(v_session.id, v_session.expires_at), encode(v_token, 'hex'), null)::app_public.auth_result;
end;
$$;


--
-- Name: FUNCTION start_session(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.start_session(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) IS 'Starts a device session (evicting the least recently active beyond the limit) and returns its tokens.';


--
-- Name: take_api_request(text, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.take_api_request(subject text, max_requests integer) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  insert into app_private.api_request_budgets as b (subject, window_start, requests)
  values (take_api_request.subject, date_trunc('hour', now()), 1)
  on conflict (subject) do update
    set requests = case when b.window_start = excluded.window_start then b.requests + 1 else 1 end,
        window_start = excluded.window_start
  returning case when b.requests > take_api_request.max_requests
                 then greatest(1, ceil(extract(epoch from b.window_start + interval '1 hour' - now())))::integer
                 else 0 end;
$$;


--
-- Name: FUNCTION take_api_request(subject text, max_requests integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.take_api_request(subject text, max_requests integer) IS 'Counts a request of subject in the current hour; 0 when within max_requests, else seconds until the budget resets.';


--
-- Name: tg_delivery_requests__enqueue_matching(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tg_delivery_requests__enqueue_matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform graphile_worker.add_job('matching__record_candidates', json_build_object('request_id', NEW.id),
    job_key := 'matching:request:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_delivery_requests__enqueue_matching(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.tg_delivery_requests__enqueue_matching() IS 'Enqueues candidate recording for a new delivery request.';


--
-- Name: tg_emails__enqueue_send(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tg_emails__enqueue_send() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform graphile_worker.add_job('emails__send', json_build_object('id', NEW.id),
    job_key := 'emails__send:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_emails__enqueue_send(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.tg_emails__enqueue_send() IS 'Enqueues delivery of a newly queued email.';


--
-- Name: tg_ledger__assert_balanced(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tg_ledger__assert_balanced() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_transaction_id uuid := (to_jsonb(NEW) ->> case when TG_TABLE_NAME = 'ledger_entries' then 'transaction_id' else 'id' end)::uuid;
  v_unbalanced text;
begin
  if not exists (select 1 from app_private.ledger_entries e where e.transaction_id = v_transaction_id) then
    raise exception 'Ledger transaction % has no entries', v_transaction_id using errcode = 'INVAL';
  end if;
  select string_agg(format('%s %s', s.total, s.currency), ', ') into v_unbalanced
    from (select e.currency, sum(e.amount) as total from app_private.ledger_entries e
           where e.transaction_id = v_transaction_id group by e.currency) s
   where s.total <> 0;
  if v_unbalanced is not null then
    raise exception 'Ledger transaction % does not balance (off by %)', v_transaction_id, v_unbalanced
      using errcode = 'INVAL';
  end if;
  return null;
end;
$$;


--
-- Name: FUNCTION tg_ledger__assert_balanced(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.tg_ledger__assert_balanced() IS 'Refuses, at commit, a ledger transaction without entries or whose entries do not sum to zero per currency.';


--
-- Name: tg_trips__enqueue_matching(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tg_trips__enqueue_matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform graphile_worker.add_job('matching__record_candidates', json_build_object('trip_id', NEW.id),
    job_key := 'matching:trip:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_trips__enqueue_matching(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.tg_trips__enqueue_matching() IS 'Enqueues candidate recording for a new trip.';


--
-- Name: totp_code(bytea, bigint, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.totp_code(secret bytea, step bigint, digits integer DEFAULT 6) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_mac bytea := public.hmac(int8send(totp_code.step), totp_code.secret, 'sha1');
  v_offset integer := get_byte(v_mac, 19) & 15;
  v_binary bigint;
begin
  v_binary := ((get_byte(v_mac, v_offset) & 127)::bigint << 24) | (get_byte(v_mac, v_offset + 1)::bigint << 16)
            | (get_byte(v_mac, v_offset + 2)::bigint << 8) | get_byte(v_mac, v_offset + 3)::bigint;
  return lpad((v_binary % (10::bigint ^ totp_code.digits)::bigint)::text, totp_code.digits, '0');
end;
$$;


--
-- Name: FUNCTION totp_code(secret bytea, step bigint, digits integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.totp_code(secret bytea, step bigint, digits integer) IS 'RFC 6238 TOTP code (HMAC-SHA-1) of a secret for a 30-second step.';


--
-- Name: totp_key(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.totp_key(which text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select nullif(current_setting(case totp_key.which when 'previous' then 'app.totp_key_previous' else 'app.totp_key' end,
                                true), '');
$$;


--
-- Name: FUNCTION totp_key(which text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.totp_key(which text) IS 'The current or previous TOTP encryption key of this transaction (set by the server), or null.';


--
-- Name: totp_key_id(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.totp_key_id(key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select encode(substr(sha256(convert_to(totp_key_id.key, 'UTF8')), 1, 8), 'hex');
$$;


--
-- Name: FUNCTION totp_key_id(key text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.totp_key_id(key text) IS 'Fingerprint of a TOTP encryption key (hex of the first 8 bytes of its SHA-256).';


--
-- Name: touch_session(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.touch_session(session_id uuid) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  update app_private.sessions s
     set last_active_at = now()
   where s.id = touch_session.session_id
     and s.revoked_at is null and s.expires_at > now()
     and s.last_active_at < now() - interval '1 minute';
  return found or exists (
    select 1 from app_private.sessions s
     where s.id = touch_session.session_id and s.revoked_at is null and s.expires_at > now());
end;
$$;


--
-- Name: FUNCTION touch_session(session_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.touch_session(session_id uuid) IS 'Whether the session is live; records its activity.';


--
-- Name: trips_needing_weather(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.trips_needing_weather(max_trips integer DEFAULT 100) RETURNS TABLE(trip_id uuid, origin_lng double precision, origin_lat double precision, destination_lng double precision, destination_lat double precision, departure_date date, arrival_date date)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
  select t.id, public.st_x(t.origin_point::geometry), public.st_y(t.origin_point::geometry),
         public.st_x(t.destination_point::geometry), public.st_y(t.destination_point::geometry),
         t.departure_time::date, t.arrival_time::date
    from app_public.trips t
    left join app_public.trip_weather w on w.trip_id = t.id
   where t.status in ('upcoming', 'delayed')
     and t.departure_time > now()
     and t.departure_time <= now() + make_interval(days => (app_hidden.config_value('trips.weather_horizon_days'))::int)
     and (w.id is null or w.expires_at <= now())
   order by t.departure_time, t.id
   limit trips_needing_weather.max_trips;
$$;


--
-- Name: FUNCTION trips_needing_weather(max_trips integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.trips_needing_weather(max_trips integer) IS 'Trips departing within trips.weather_horizon_days whose forecast is missing or expired, soonest first, with their end points and dates (UTC).';


--
-- Name: uri_encode(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.uri_encode(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce(string_agg(case when chr(b) ~ '[A-Za-z0-9._~-]' then chr(b) else '%' || upper(lpad(to_hex(b), 2, '0')) end,
                             '' order by i), '')
    from (select i, get_byte(convert_to(uri_encode.value, 'UTF8'), i) as b
            from generate_series(0, octet_length(convert_to(uri_encode.value, 'UTF8')) - 1) as i) as bytes;
$$;


--
-- Name: FUNCTION uri_encode(value text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.uri_encode(value text) IS 'Percent-encodes a string for a URI component.';


--
-- Name: use_backup_code(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.use_backup_code(user_id uuid, code text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_row app_private.user_two_factor_auth;
  v_normalised text := lower(replace(coalesce(code, ''), '-', ''));
  v_hash text;
begin
  select * into v_row from app_private.user_two_factor_auth t
   where t.user_id = use_backup_code.user_id and t.enabled for update;
  if not found or v_normalised !~ '^[0-9a-f]{10}$' then
    return false;
  end if;
  foreach v_hash in array v_row.backup_code_hashes loop
    if public.crypt(v_normalised, v_hash) = v_hash then
      update app_private.user_two_factor_auth t set backup_code_hashes = array_remove(t.backup_code_hashes, v_hash)
       where t.user_id = use_backup_code.user_id;
      return true;
    end if;
  end loop;
  return false;
end;
$_$;


--
-- Name: FUNCTION use_backup_code(user_id uuid, code text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.use_backup_code(user_id uuid, code text) IS 'Accepts an unused backup code once.';


--
-- Name: use_totp_code(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.use_totp_code(user_id uuid, code text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_row app_private.user_two_factor_auth;
  v_secret bytea;
  v_now bigint := floor(extract(epoch from now()) / 30)::bigint;
  v_window integer := (app_hidden.config_value('auth.totp_window_steps'))::int;
  v_step bigint;
begin
  select * into v_row from app_private.user_two_factor_auth t where t.user_id = use_totp_code.user_id for update;
  if not found or code is null or code !~ '^[0-9]{6}$' then
    return false;
  end if;
  v_secret := app_private.open_totp_secret(v_row);
  if v_secret is null then
    return false;
  end if;
  v_step := v_now - v_window;
  while v_step <= v_now + v_window loop
    if v_step > coalesce(v_row.last_used_step, -1) and app_private.totp_code(v_secret, v_step) = code then
      update app_private.user_two_factor_auth t set last_used_step = v_step where t.user_id = use_totp_code.user_id;
      if v_row.secret_key_id is distinct from app_private.totp_key_id(app_private.totp_key('current')) then
        perform app_private.seal_totp_secret(use_totp_code.user_id, v_secret);
      end if;
      return true;
    end if;
    v_step := v_step + 1;
  end loop;
  return false;
end;
$_$;


--
-- Name: FUNCTION use_totp_code(user_id uuid, code text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.use_totp_code(user_id uuid, code text) IS 'Accepts a TOTP code once per step (±window) and records its step.';


--
-- Name: weather_alerts(text, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.weather_alerts(at_end text, forecast jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with limits as (select app_hidden.config_value('trips.weather_alert_thresholds') as l)
  select coalesce(jsonb_agg(jsonb_build_object('at', weather_alerts.at_end, 'kind', a.kind, 'message', a.message)
                            order by a.kind), '[]'::jsonb)
    from limits, lateral (values
      ('severe_condition', format('%s expected at the %s', forecast ->> 'condition', at_end),
       (l -> 'conditions') ? (forecast ->> 'condition')),
      ('high_wind', format('Wind of %s km/h expected at the %s', forecast ->> 'wind_kph', at_end),
       (forecast ->> 'wind_kph')::numeric >= (l ->> 'wind_kph')::numeric),
      ('heavy_precipitation', format('%s mm of precipitation expected at the %s', forecast ->> 'precipitation_mm', at_end),
       (forecast ->> 'precipitation_mm')::numeric >= (l ->> 'precipitation_mm')::numeric),
      ('extreme_temperature', format('%s °C expected at the %s', forecast ->> 'temperature_c', at_end),
       (forecast ->> 'temperature_c')::numeric not between (l ->> 'min_temperature_c')::numeric
                                                        and (l ->> 'max_temperature_c')::numeric)
    ) as a(kind, message, raised)
   where a.raised;
$$;


--
-- Name: FUNCTION weather_alerts(at_end text, forecast jsonb); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.weather_alerts(at_end text, forecast jsonb) IS 'Alerts ({at, kind, message}) a forecast of one end of a trip raises under trips.weather_alert_thresholds.';


--
-- Name: accept_offer(uuid, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.accept_offer(offer_id uuid, version integer) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'accept offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(accept_offer.offer_id);
begin
  if app_hidden.offer_party_of(v_offer, v_user_id) <> v_offer.awaiting_party then
    raise exception 'It is the other side''s turn: only they can accept this version' using errcode = 'DNIED';
  end if;
  return app_hidden.accept_offer_version(accept_offer.offer_id, accept_offer.version, v_user_id);
end;
$$;


--
-- Name: FUNCTION accept_offer(offer_id uuid, version integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.accept_offer(offer_id uuid, version integer) IS '@resultFieldName delivery
The side whose turn it is accepts the current version of an offer: creates the delivery, reserves the trip''s capacity and declines the request''s other offers, in one transaction. Errors: LOGIN, NTFND, DNIED (not your turn; blocks, verification or rating filters), STALE (not the current version), BADST (offer or request closed, trip not live), EXPRD, CAPAC (no capacity left), LIMIT (live deliveries).';


--
-- Name: user_favorites; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_favorites (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_favorites_not_self CHECK ((user_id <> traveler_id))
);

ALTER TABLE ONLY app_public.user_favorites FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_favorites IS '@behavior -insert -update -delete
Travelers a customer marked as favorites (a matching bonus): visible only to their owner.';


--
-- Name: COLUMN user_favorites.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_favorites.id IS 'Identifier of the favorite.';


--
-- Name: COLUMN user_favorites.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_favorites.user_id IS 'The customer who keeps the favorite.';


--
-- Name: COLUMN user_favorites.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_favorites.traveler_id IS 'The favorite traveler.';


--
-- Name: COLUMN user_favorites.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_favorites.created_at IS 'When the traveler was added.';


--
-- Name: CONSTRAINT user_favorites_not_self ON user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_favorites_not_self ON app_public.user_favorites IS 'traveler_id: you cannot favorite yourself';


--
-- Name: add_favorite_traveler(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.add_favorite_traveler(traveler_id uuid) RETURNS app_public.user_favorites
    LANGUAGE plpgsql STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('keep favorites');
  v_type app_public.user_type;
  v_favorite app_public.user_favorites;
begin
  select u.user_type into v_type from app_public.users u where u.id = add_favorite_traveler.traveler_id;
  if v_type is null then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  if v_type = 'customer' and add_favorite_traveler.traveler_id <> v_user_id then
    raise exception 'Only travelers can be favorites' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_blocks b
              where b.blocker_id = v_user_id and b.blocked_id = add_favorite_traveler.traveler_id) then
    raise exception 'Unblock this user first' using errcode = 'BADST';
  end if;
  insert into app_public.user_favorites (user_id, traveler_id)
  values (v_user_id, add_favorite_traveler.traveler_id)
  on conflict on constraint user_favorites_pair_key do nothing
  returning * into v_favorite;
  if v_favorite.id is null then
    select f.* into v_favorite from app_public.user_favorites f
     where f.user_id = v_user_id and f.traveler_id = add_favorite_traveler.traveler_id;
  end if;
  return v_favorite;
end;
$$;


--
-- Name: FUNCTION add_favorite_traveler(traveler_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.add_favorite_traveler(traveler_id uuid) IS '@resultFieldName userFavorite
Adds a traveler to the signed-in user''s favorites (adding twice keeps one). Errors: LOGIN, NTFND, INVAL (not a traveler, or yourself), BADST (blocked by you).';


--
-- Name: user_blocks; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_blocks (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    blocker_id uuid NOT NULL,
    blocked_id uuid NOT NULL,
    reason app_public.block_reason DEFAULT 'other'::app_public.block_reason NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_blocks_not_self CHECK ((blocker_id <> blocked_id))
);

ALTER TABLE ONLY app_public.user_blocks FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_blocks IS '@behavior -insert -update -delete
Users a user has blocked: private to the blocker. Blocked pairs are hidden from each other and never matched.';


--
-- Name: COLUMN user_blocks.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_blocks.id IS 'Identifier of the block.';


--
-- Name: COLUMN user_blocks.blocker_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_blocks.blocker_id IS 'The user who blocked.';


--
-- Name: COLUMN user_blocks.blocked_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_blocks.blocked_id IS 'The user who is blocked.';


--
-- Name: COLUMN user_blocks.reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_blocks.reason IS 'Why (seen only by the blocker).';


--
-- Name: COLUMN user_blocks.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_blocks.created_at IS 'When the block was made.';


--
-- Name: CONSTRAINT user_blocks_not_self ON user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_blocks_not_self ON app_public.user_blocks IS 'blocked_id: you cannot block yourself';


--
-- Name: block_user(uuid, app_public.block_reason); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.block_user(user_id uuid, reason app_public.block_reason DEFAULT 'other'::app_public.block_reason) RETURNS app_public.user_blocks
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('block users');
  v_block app_public.user_blocks;
begin
  if not exists (select 1 from app_public.users u where u.id = block_user.user_id) then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  insert into app_public.user_blocks (blocker_id, blocked_id, reason)
  values (v_user_id, block_user.user_id, coalesce(block_user.reason, 'other'))
  on conflict on constraint user_blocks_pair_key do nothing
  returning * into v_block;
  if v_block.id is null then
    select b.* into v_block from app_public.user_blocks b
     where b.blocker_id = v_user_id and b.blocked_id = block_user.user_id;
  end if;
  delete from app_public.user_favorites f where f.user_id = v_user_id and f.traveler_id = block_user.user_id;
  return v_block;
end;
$$;


--
-- Name: FUNCTION block_user(user_id uuid, reason app_public.block_reason); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.block_user(user_id uuid, reason app_public.block_reason) IS '@resultFieldName userBlock
Blocks a user: the two are hidden from each other (trips, the request marketplace) and never matched, and the pending offers between them are declined. Blocking twice keeps the first block. Errors: LOGIN, NTFND, INVAL (yourself).';


--
-- Name: cancel_delivery(uuid, app_public.delivery_cancel_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text DEFAULT NULL::text) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('cancel deliveries');
  v_delivery app_public.deliveries;
  v_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
begin
  select * into v_delivery from app_public.deliveries d where d.id = cancel_delivery.delivery_id for update;
  if v_delivery.id is null or (v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) and not v_admin) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if cancel_delivery.reason is null
     or (cancel_delivery.reason in ('trip_cancelled', 'payment_failed', 'admin_decision') and not v_admin)
     or cancel_delivery.reason in ('item_not_as_described', 'cannot_inspect', 'prohibited_item') then
    raise exception 'Give a reason for cancelling (refused items go through refusePickup)' using errcode = 'INVAL';
  end if;
  -- A party cancels before pickup; afterwards only an admin can (the transition table says so).
  return app_hidden.cancel_delivery_as(v_delivery.id,
    case when v_user_id in (v_delivery.customer_id, v_delivery.traveler_id) and v_delivery.status in ('accepted', 'pickup_scheduled')
         then 'user' when v_admin then 'admin' else 'user' end::app_public.transition_source,
    v_user_id, cancel_delivery.reason, cancel_delivery.note);
end;
$$;


--
-- Name: FUNCTION cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text) IS '@resultFieldName delivery
Cancels a delivery: either party until pickup, an admin with deliveries.write at any live step. Releases the trip''s capacity; the request reopens unless the customer cancelled. Errors: LOGIN, NTFND, INVAL (no or reserved reason), BADST (picked up or ended: only an admin, or a dispute).';


--
-- Name: cancel_delivery_request(uuid, app_public.request_cancel_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text DEFAULT NULL::text) RETURNS app_public.delivery_requests
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('cancel delivery requests');
  v_note text := nullif(trim(cancel_delivery_request.note), '');
  v_request app_public.delivery_requests;
begin
  if cancel_delivery_request.reason is null then
    raise exception 'reason: say why the request is cancelled' using errcode = 'INVAL';
  end if;
  select r.* into v_request from app_public.delivery_requests r
   where r.id = cancel_delivery_request.request_id and r.customer_id = v_user_id
     for update;
  if v_request.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  -- Until pickup the customer may walk away: an accepted request takes its delivery down with it (customer-caused,
  -- which also ends the request as cancelled). Afterwards only a dispute remains.
  if v_request.status = 'accepted' then
    perform app_hidden.on_request_cancelled(v_request.id, v_user_id, cancel_delivery_request.reason);
    update app_public.delivery_requests r
       set cancellation_reason = cancel_delivery_request.reason, cancellation_note = v_note
     where r.id = v_request.id
    returning r.* into v_request;
    return v_request;
  end if;
  if v_request.status not in ('pending', 'matched') then
    raise exception 'A % request cannot be cancelled', v_request.status using errcode = 'BADST';
  end if;
  if v_request.expires_at <= now() then
    raise exception 'This request has already expired' using errcode = 'EXPRD';
  end if;
  update app_public.delivery_requests r
     set status = 'cancelled', cancellation_reason = cancel_delivery_request.reason, cancellation_note = v_note,
         cancelled_at = now()
   where r.id = v_request.id
  returning r.* into v_request;
  perform app_hidden.on_request_cancelled(v_request.id, v_user_id, cancel_delivery_request.reason);
  return (select r from app_public.delivery_requests r where r.id = v_request.id);
end;
$$;


--
-- Name: FUNCTION cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text) IS '@resultFieldName deliveryRequest
Cancels one of your open delivery requests, with a reason and an optional note (≤1000 characters). Errors: LOGIN, INVAL, NTFND, BADST (no longer open), EXPRD (already expired).';


--
-- Name: cancel_trip(uuid, app_public.trip_cancel_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text DEFAULT NULL::text) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('cancel trips');
  v_is_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
  v_trip app_public.trips;
begin
  if cancel_trip.reason is null then
    raise exception 'Say why the trip is cancelled' using errcode = 'INVAL';
  end if;
  if v_is_admin then
    select t.* into v_trip from app_public.trips t where t.id = cancel_trip.trip_id for update;
    if v_trip.id is null then
      raise exception 'Trip not found' using errcode = 'NTFND';
    end if;
  else
    v_trip := app_hidden.own_trip_for_update(cancel_trip.trip_id, v_user_id);
  end if;
  if v_trip.status not in ('upcoming', 'delayed', 'active') then
    raise exception 'A % trip cannot be cancelled', v_trip.status using errcode = 'BADST';
  end if;
  if not v_is_admin then
    if v_trip.status = 'active' then
      raise exception 'A trip under way can only be cancelled by support' using errcode = 'DNIED';
    end if;
    -- Anything picked up and not cancelled since (on board, delivered or disputed) keeps the trip.
    if exists (select 1 from app_public.deliveries d
                where d.trip_id = v_trip.id and d.picked_up_at is not null and d.status <> 'cancelled') then
      raise exception 'Items were already picked up on this trip; contact support' using errcode = 'BADST';
    end if;
  end if;

  -- Its deliveries are cancelled (trip_cancelled, caused by the traveler or decided by an admin), which releases
  -- their capacity and reopens their requests; live offers on the trip are withdrawn.
  perform app_hidden.on_trip_cancelled(v_trip.id, v_user_id, v_is_admin);

  update app_public.trips t
     set status = 'cancelled', cancellation_reason = cancel_trip.reason,
         cancellation_note = nullif(trim(cancel_trip.note), ''), cancelled_by = v_user_id, cancelled_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text) IS '@resultFieldName trip
Cancels a trip: the traveler cancels an upcoming or delayed trip on which nothing was picked up; admins with deliveries.write may also cancel an active one. Held capacity is released. A cancelled recurring trip creates no further trips. Errors: LOGIN, DNIED, NTFND, BADST, INVAL (no reason; a note longer than 1000 characters).';


--
-- Name: change_password(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.change_password(current_password text, new_password text) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('change your password');
  v_email text;
  v_names text[];
begin
  if not app_private.check_password(v_user_id, change_password.current_password) then
    raise exception 'The current password is wrong' using errcode = 'CREDS';
  end if;
  select c.email, array[u.first_name, c.last_name] into v_email, v_names
    from app_public.users u join app_public.user_contacts c on c.user_id = u.id
   where u.id = v_user_id;
  perform app_hidden.assert_password_policy(change_password.new_password, v_email, v_names);
  if change_password.new_password = change_password.current_password then
    raise exception 'Choose a password different from the current one' using errcode = 'WEAKP';
  end if;
  update app_private.user_secrets s
     set password_hash = app_private.hash_password(change_password.new_password), updated_at = now()
   where s.user_id = v_user_id;
  perform app_private.revoke_user_sessions(v_user_id, app_hidden.current_session_id());
  return true;
end;
$$;


--
-- Name: FUNCTION change_password(current_password text, new_password text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.change_password(current_password text, new_password text) IS '@resultFieldName success
Changes the signed-in user''s password and signs out every other device. Errors: LOGIN, CREDS (wrong current password), WEAKP (policy).';


--
-- Name: complete_trip(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.complete_trip(trip_id uuid) RETURNS app_public.trips
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'complete trips');
  v_trip app_public.trips;
begin
  v_trip := app_hidden.own_trip_for_update(complete_trip.trip_id, v_user_id);
  if v_trip.status <> 'active' then
    raise exception 'Only an active trip can be completed (this one is %)', v_trip.status using errcode = 'BADST';
  end if;
  if exists (select 1 from app_public.deliveries d
              where d.trip_id = v_trip.id and d.status in ('accepted', 'pickup_scheduled')) then
    raise exception 'A delivery of this trip still awaits pickup' using errcode = 'BADST';
  end if;
  update app_public.trips t set status = 'completed', completed_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION complete_trip(trip_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.complete_trip(trip_id uuid) IS '@resultFieldName trip
Completes an active trip of the signed-in traveler once no delivery awaits pickup, and counts it in the traveler''s statistics. Errors: LOGIN, DNIED, NTFND, BADST.';


--
-- Name: confirm_delivery(uuid, uuid, uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.confirm_delivery(delivery_id uuid, delivery_photo_id uuid DEFAULT NULL::uuid, signature_id uuid DEFAULT NULL::uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_delivery.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the drop-off');
  update app_public.deliveries d set delivery_photo_id = coalesce(confirm_delivery.delivery_photo_id, d.delivery_photo_id),
         signature_id = coalesce(confirm_delivery.signature_id, d.signature_id)
   where d.id = v_delivery.id;
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'delivered', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was delivered',
    format(E'%s was handed over. Confirm receipt and review the traveler in the app.\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION confirm_delivery(delivery_id uuid, delivery_photo_id uuid, signature_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.confirm_delivery(delivery_id uuid, delivery_photo_id uuid, signature_id uuid) IS '@resultFieldName delivery
The traveler confirms handing the item over (until the QR handover requires a scan); the item''s trip capacity is consumed for good. A photo and the recipient''s signature (ready delivery_evidence files of the traveler''s) may come with it. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up, or a file not uploaded yet), INVAL (delivery_photo_id, signature_id: not the traveler''s file or not delivery evidence).';


--
-- Name: confirm_phone_verification(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.confirm_phone_verification(code text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'verify a phone number');
  v_row app_private.phone_verification_codes;
  v_max integer := (app_hidden.config_value('auth.phone_code_attempts'))::int;
begin
  if confirm_phone_verification.code is null or confirm_phone_verification.code !~ '^[0-9]{6}$' then
    raise exception 'The code has 6 digits' using errcode = 'INVAL';
  end if;
  select * into v_row from app_private.phone_verification_codes p
   where p.user_id = v_user_id and p.used_at is null and p.code_hash is not null
   order by p.created_at desc
   limit 1
   for update;
  if v_row.id is null or v_row.expires_at <= now() then
    raise exception 'There is no valid code; ask for a new one' using errcode = 'EXPRD';
  end if;
  if public.crypt(confirm_phone_verification.code, v_row.code_hash) <> v_row.code_hash then
    -- Returned, not raised, so the attempt is counted; the last allowed miss uses the code up.
    update app_private.phone_verification_codes p
       set attempts = p.attempts + 1,
           used_at = case when p.attempts + 1 >= v_max then now() end
     where p.id = v_row.id;
    return false;
  end if;

  update app_private.phone_verification_codes p set used_at = now() where p.id = v_row.id;
  update app_public.user_contacts c set phone_number = v_row.phone_number, phone_verified_at = now()
   where c.user_id = v_user_id;
  perform app_hidden.refresh_verification_level(v_user_id);
  return true;
end;
$_$;


--
-- Name: FUNCTION confirm_phone_verification(code text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.confirm_phone_verification(code text) IS '@resultFieldName success
Confirms the phone number with the texted code: true when it matched (the number is now verified), false when it did not (5 misses use the code up). Errors: LOGIN, DNIED, INVAL (not 6 digits), EXPRD (no live code), EXIST (the number was verified on another account meanwhile).';


--
-- Name: confirm_pickup(uuid, uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.confirm_pickup(delivery_id uuid, pickup_photo_id uuid DEFAULT NULL::uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the pickup');
  update app_public.deliveries d set pickup_photo_id = coalesce(confirm_pickup.pickup_photo_id, d.pickup_photo_id)
   where d.id = v_delivery.id;
  -- The item is on board; its capacity stays reserved until delivery consumes it (or a cancellation releases it).
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'picked_up', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was picked up',
    format(E'The traveler has your item (%s).\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION confirm_pickup(delivery_id uuid, pickup_photo_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.confirm_pickup(delivery_id uuid, pickup_photo_id uuid) IS '@resultFieldName delivery
The traveler confirms taking the item (until the QR handover requires a scan), optionally with a photo of it (a ready pickup_evidence file of theirs). Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not awaiting pickup, or the photo not uploaded yet), INVAL (pickup_photo_id: not the traveler''s file or not a pickup photo).';


--
-- Name: confirm_receipt(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.confirm_receipt(delivery_id uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm receipt');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_receipt.delivery_id, v_user_id);
begin
  if v_delivery.customer_id <> v_user_id then
    raise exception 'Only the customer confirms receipt' using errcode = 'DNIED';
  end if;
  if v_delivery.status <> 'delivered' then
    raise exception 'Only a delivered item can be confirmed' using errcode = 'BADST';
  end if;
  update app_public.deliveries d set receipt_confirmed_at = coalesce(d.receipt_confirmed_at, now())
   where d.id = v_delivery.id
  returning d.* into v_delivery;
  return v_delivery;
end;
$$;


--
-- Name: FUNCTION confirm_receipt(delivery_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.confirm_receipt(delivery_id uuid) IS '@resultFieldName delivery
The customer confirms receiving the item, which ends the payment hold early. Errors: LOGIN, NTFND, DNIED (not the customer), BADST (not delivered).';


--
-- Name: confirm_two_factor(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.confirm_two_factor(code text) RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and not t.enabled) then
    raise exception 'Start with setupTwoFactor' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  update app_private.user_two_factor_auth t set enabled = true, enabled_at = now() where t.user_id = v_user_id;
  update app_private.sessions s set mfa_verified = true where s.id = app_hidden.current_session_id();
  return app_private.new_backup_codes(v_user_id);
end;
$$;


--
-- Name: FUNCTION confirm_two_factor(code text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.confirm_two_factor(code text) IS '@resultFieldName backupCodes
Turns two-factor authentication on with a code from the authenticator app and returns the backup codes, shown once. BADTK when the code is wrong, BADST without a pending setup.';


--
-- Name: counter_offer(uuid, bigint, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.counter_offer(offer_id uuid, price bigint, message text DEFAULT NULL::text, pickup_time timestamp with time zone DEFAULT NULL::timestamp with time zone, delivery_time timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'negotiate offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(counter_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
  v_request app_public.delivery_requests;
  v_version integer;
begin
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % and can no longer be countered', v_offer.status using errcode = 'BADST';
  end if;
  if v_offer.awaiting_party <> v_party then
    raise exception 'It is the other side''s turn to answer this offer' using errcode = 'DNIED';
  end if;
  if v_offer.valid_until <= now() then
    raise exception 'This offer has expired' using errcode = 'EXPRD';
  end if;
  select * into v_request from app_public.delivery_requests r where r.id = v_offer.request_id;
  perform app_hidden.assert_request_open(v_request);
  perform app_hidden.assert_offer_price(v_request, counter_offer.price);
  v_version := v_offer.current_version + 1;
  if v_version > (app_hidden.config_value('offers.max_versions'))::int then
    raise exception 'This negotiation reached % versions; accept or decline it', v_offer.current_version
      using errcode = 'LIMIT';
  end if;

  insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, pickup_time,
                                         delivery_time, message, valid_until)
  values (v_offer.id, v_version, v_party, v_user_id, counter_offer.price,
          coalesce(counter_offer.pickup_time, v_offer.pickup_time), coalesce(counter_offer.delivery_time, v_offer.delivery_time),
          nullif(trim(counter_offer.message), ''), app_hidden.offer_valid_until(v_request));
  update app_public.delivery_offers o
     set current_version = v.version, price = v.price, pickup_time = v.pickup_time, delivery_time = v.delivery_time,
         valid_until = v.valid_until,
         awaiting_party = case v_party when 'customer' then 'traveler' else 'customer' end::app_public.offer_party
    from app_public.offer_versions v
   where o.id = v_offer.id and v.offer_id = v_offer.id and v.version = v_version
  returning o.* into v_offer;
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.queue_email(
      case v_party when 'customer' then v_offer.traveler_id else v_offer.customer_id end,
      'A counter-offer is waiting for you',
      format(E'The price for "%s" is now %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION counter_offer(offer_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.counter_offer(offer_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) IS '@resultFieldName deliveryOffer
The side whose turn it is proposes a new price (and times): a new immutable version that the other side must answer; older versions can no longer be accepted. At most 10 versions. Errors: LOGIN, NTFND (not your offer), DNIED (not your turn), BADST (offer or request closed), EXPRD, INVAL (price), LIMIT (versions).';


--
-- Name: create_delivery_request(app_public.delivery_request_details); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.create_delivery_request(details app_public.delivery_request_details) RETURNS app_public.delivery_requests
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create delivery requests');
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('customer', 'both')) then
    raise exception 'Only customers create delivery requests; switch your account to customer or both'
      using errcode = 'DNIED';
  end if;
  -- The matching job is enqueued by the _900_enqueue_matching trigger (db/functions/matching).
  return app_hidden.insert_delivery_request(v_user_id, create_delivery_request.details);
end;
$$;


--
-- Name: FUNCTION create_delivery_request(details app_public.delivery_request_details); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.create_delivery_request(details app_public.delivery_request_details) IS '@resultFieldName deliveryRequest
Posts a delivery request (pending) for the signed-in customer, with the platform''s estimated price. Defaults: urgency standard, quantity 1, declared value 0, currency platform.default_currency, expiry now + requests.expiry_days (at most requests.max_expiry_days). Refused: total weight over limits.max_delivery_weight_kg, value over limits.max_delivery_value, pickup to drop-off over limits.max_delivery_distance_km, hazardous items, unordered or past windows, partial dimensions, max price outside limits.min_request_price–max_request_price, auto-accept price over the max price. Errors: LOGIN, DNIED (not active, not email_verified, or a traveler-only account), INVAL (a rule above), LIMIT (limits.max_open_requests open requests).';


--
-- Name: create_trip(text, app_public.trip_type, text, public.geography, text, public.geography, timestamp with time zone, timestamp with time zone, numeric, numeric, integer, bigint, bigint, bigint, text, numeric, numeric, text, text, text, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint DEFAULT 0, price_per_kg bigint DEFAULT 0, price_per_km bigint DEFAULT 0, currency text DEFAULT NULL::text, express_multiplier numeric DEFAULT 1.5, fragile_multiplier numeric DEFAULT 1.2, description text DEFAULT NULL::text, origin_airport text DEFAULT NULL::text, destination_airport text DEFAULT NULL::text, no_fragile boolean DEFAULT false, no_electronics boolean DEFAULT false, max_item_value bigint DEFAULT NULL::bigint, prohibited_categories text[] DEFAULT '{}'::text[], visibility app_public.trip_visibility DEFAULT 'public'::app_public.trip_visibility, auto_accept boolean DEFAULT false, auto_accept_price bigint DEFAULT NULL::bigint, recurring_pattern jsonb DEFAULT NULL::jsonb) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_user app_public.users;
  v_trip app_public.trips;
begin
  select u.* into v_user from app_public.users u where u.id = v_user_id;
  if v_user.user_type not in ('traveler', 'both') then
    raise exception 'Only travelers can create trips; switch your account to traveler or both' using errcode = 'DNIED';
  end if;
  perform app_hidden.assert_trip_limits(
    create_trip.departure_time, create_trip.arrival_time, create_trip.departure_time,
    upper(coalesce(create_trip.currency, app_hidden.config_value('platform.default_currency') #>> '{}')),
    create_trip.base_price, create_trip.price_per_kg, create_trip.price_per_km, create_trip.auto_accept_price,
    create_trip.max_item_value);
  perform app_hidden.assert_trip_options(create_trip.auto_accept, create_trip.recurring_pattern,
                                         v_user.verification_level);

  insert into app_public.trips (
    traveler_id, title, description, trip_type, origin_address, origin_point, origin_airport,
    destination_address, destination_point, destination_airport, departure_time, arrival_time,
    capacity_weight_kg, available_weight_kg, capacity_volume_l, available_volume_l, capacity_items, available_items,
    currency, base_price, price_per_kg, price_per_km, express_multiplier, fragile_multiplier,
    no_fragile, no_electronics, max_item_value, prohibited_categories, recurring_pattern,
    visibility, auto_accept, auto_accept_price)
  values (
    v_user_id, trim(create_trip.title), nullif(trim(create_trip.description), ''), create_trip.trip_type,
    trim(create_trip.origin_address), create_trip.origin_point, upper(create_trip.origin_airport),
    trim(create_trip.destination_address), create_trip.destination_point, upper(create_trip.destination_airport),
    create_trip.departure_time, create_trip.arrival_time,
    create_trip.capacity_weight_kg, create_trip.capacity_weight_kg,
    create_trip.capacity_volume_l, create_trip.capacity_volume_l,
    create_trip.capacity_items, create_trip.capacity_items,
    upper(coalesce(create_trip.currency, app_hidden.config_value('platform.default_currency') #>> '{}')),
    coalesce(create_trip.base_price, 0), coalesce(create_trip.price_per_kg, 0), coalesce(create_trip.price_per_km, 0),
    coalesce(create_trip.express_multiplier, 1.5), coalesce(create_trip.fragile_multiplier, 1.2),
    coalesce(create_trip.no_fragile, false), coalesce(create_trip.no_electronics, false), create_trip.max_item_value,
    coalesce(create_trip.prohibited_categories, '{}'), create_trip.recurring_pattern,
    coalesce(create_trip.visibility, 'public'), coalesce(create_trip.auto_accept, false), create_trip.auto_accept_price)
  returning * into v_trip;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, currency text, express_multiplier numeric, fragile_multiplier numeric, description text, origin_airport text, destination_airport text, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, currency text, express_multiplier numeric, fragile_multiplier numeric, description text, origin_airport text, destination_airport text, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) IS '@resultFieldName trip
Offers a new trip as the signed-in traveler (active, email verified, user type traveler or both). The departure must lie in the future; all capacity starts available; prices are minor units in currency (default platform.default_currency), and at least one of them must be positive. Auto-accept needs a fully verified account. Errors: LOGIN, DNIED, INVAL naming the field (a value out of range: title 3–255, capacity ≤ 100 kg / 500 L / 1–50 items, multipliers, arrival before departure, unknown category, pattern shape; a price over trips.max_price, a departure more than trips.max_departure_days ahead, a trip longer than trips.max_duration_hours, an unsupported currency, max_item_value over limits.max_delivery_value).';


--
-- Name: create_trip_from_template(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_template app_public.trip_templates;
  v_data jsonb;
  v_trip app_public.trips;
begin
  select tt.* into v_template from app_public.trip_templates tt
   where tt.id = create_trip_from_template.template_id and tt.user_id = v_user_id
   for update;
  if v_template.id is null then
    raise exception 'Template not found' using errcode = 'NTFND';
  end if;
  if create_trip_from_template.departure_time is null then
    raise exception 'Give the departure of the trip' using errcode = 'INVAL';
  end if;
  v_data := v_template.trip_data;
  v_trip := app_public.create_trip(
    title => v_data ->> 'title', description => v_data ->> 'description',
    trip_type => (v_data ->> 'trip_type')::app_public.trip_type,
    origin_address => v_data ->> 'origin_address',
    origin_point => public.st_geomfromgeojson(v_data -> 'origin_point')::geography,
    origin_airport => v_data ->> 'origin_airport', destination_address => v_data ->> 'destination_address',
    destination_point => public.st_geomfromgeojson(v_data -> 'destination_point')::geography,
    destination_airport => v_data ->> 'destination_airport',
    departure_time => create_trip_from_template.departure_time,
    arrival_time => coalesce(create_trip_from_template.arrival_time,
                             create_trip_from_template.departure_time
                               + make_interval(mins => (v_data ->> 'duration_minutes')::int)),
    capacity_weight_kg => (v_data ->> 'capacity_weight_kg')::numeric,
    capacity_volume_l => (v_data ->> 'capacity_volume_l')::numeric,
    capacity_items => (v_data ->> 'capacity_items')::int, currency => v_data ->> 'currency',
    base_price => (v_data ->> 'base_price')::bigint, price_per_kg => (v_data ->> 'price_per_kg')::bigint,
    price_per_km => (v_data ->> 'price_per_km')::bigint,
    express_multiplier => (v_data ->> 'express_multiplier')::numeric,
    fragile_multiplier => (v_data ->> 'fragile_multiplier')::numeric,
    no_fragile => (v_data ->> 'no_fragile')::boolean, no_electronics => (v_data ->> 'no_electronics')::boolean,
    max_item_value => (v_data ->> 'max_item_value')::bigint,
    prohibited_categories => array(select jsonb_array_elements_text(coalesce(v_data -> 'prohibited_categories', '[]'))),
    visibility => (v_data ->> 'visibility')::app_public.trip_visibility,
    auto_accept => (v_data ->> 'auto_accept')::boolean,
    auto_accept_price => (v_data ->> 'auto_accept_price')::bigint,
    recurring_pattern => null);
  update app_public.trip_templates tt set usage_count = tt.usage_count + 1, last_used_at = now()
   where tt.id = v_template.id;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) IS '@resultFieldName trip
Creates a trip from one of the signed-in traveler''s templates at a new departure (the arrival follows the template''s duration unless given), under the same rules as createTrip. Errors: LOGIN, DNIED, NTFND, INVAL.';


--
-- Name: users; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    first_name text NOT NULL,
    display_name text NOT NULL,
    user_type app_public.user_type DEFAULT 'customer'::app_public.user_type NOT NULL,
    status app_public.user_status DEFAULT 'pending'::app_public.user_status NOT NULL,
    verification_level app_public.verification_level DEFAULT 'unverified'::app_public.verification_level NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    bio text,
    referred_by_user_id uuid,
    suspended_until timestamp with time zone,
    deactivated_at timestamp with time zone,
    deleted_at timestamp with time zone,
    picture_id uuid,
    CONSTRAINT users_bio_check CHECK ((length(bio) <= 500)),
    CONSTRAINT users_first_name_check CHECK (((length(first_name) >= 1) AND (length(first_name) <= 100)))
);

ALTER TABLE ONLY app_public.users FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.users IS '@behavior -insert -delete
A person on the platform: the public profile. Contact details live in user_contacts, secrets server-side.';


--
-- Name: COLUMN users.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.id IS 'Identifier of the user.';


--
-- Name: COLUMN users.first_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.first_name IS 'First name, shown to other users.';


--
-- Name: COLUMN users.display_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.display_name IS 'Name shown to other users: first name and last initial (kept by a trigger).';


--
-- Name: COLUMN users.user_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.user_type IS 'Whether the user sends items, carries them, or both.';


--
-- Name: COLUMN users.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.status IS 'Account lifecycle state.';


--
-- Name: COLUMN users.verification_level; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.verification_level IS 'Highest verified identity level; set only by the platform.';


--
-- Name: COLUMN users.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.created_at IS 'When the account was created.';


--
-- Name: COLUMN users.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.updated_at IS 'When the profile last changed.';


--
-- Name: COLUMN users.bio; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.bio IS 'A short self-description, at most 500 characters.';


--
-- Name: COLUMN users.referred_by_user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.referred_by_user_id IS 'The user whose referral code this user signed up with.';


--
-- Name: COLUMN users.suspended_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.suspended_until IS 'End of the current suspension, if any.';


--
-- Name: COLUMN users.deactivated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.deactivated_at IS 'When the user deactivated the account (signing in within 30 days undoes it).';


--
-- Name: COLUMN users.deleted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.deleted_at IS 'When the user deleted the account; personal data is anonymised after a retention period.';


--
-- Name: COLUMN users.picture_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.picture_id IS 'The profile picture: a ready avatar file of the user''s own.';


--
-- Name: CONSTRAINT users_bio_check ON users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT users_bio_check ON app_public.users IS 'bio may have at most 500 characters';


--
-- Name: CONSTRAINT users_first_name_check ON users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT users_first_name_check ON app_public.users IS 'first_name must have 1 to 100 characters';


--
-- Name: current_user(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public."current_user"() RETURNS app_public.users
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select u.* from app_public.users u where u.id = app_public.current_user_id();
$$;


--
-- Name: FUNCTION "current_user"(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public."current_user"() IS 'The signed-in user, or null.';


--
-- Name: current_user_id(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select s.user_id
    from app_private.sessions s
   where s.id = app_hidden.current_session_id()
     and s.revoked_at is null
     and s.expires_at > now();
$$;


--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.current_user_id() IS 'Id of the signed-in user, or null when the session is missing, expired or revoked.';


--
-- Name: current_user_permissions(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.current_user_permissions() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select coalesce((
    select array_agg(distinct granted order by granted)
      from app_private.admin_users a,
           unnest(app_hidden.admin_role_permissions(a.role) || a.permissions) as granted
     where a.user_id = app_public.current_user_id() and a.is_active and app_hidden.admin_session_ok()
  ), '{}');
$$;


--
-- Name: FUNCTION current_user_permissions(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.current_user_permissions() IS 'Admin permissions the signed-in user holds in this session; empty for everyone else.';


--
-- Name: deactivate_account(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.deactivate_account(password text, reason text) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('deactivate your account');
  v_reason text := trim(deactivate_account.reason);
  v_status app_public.user_status;
begin
  if length(v_reason) not between 1 and 1000 then
    raise exception 'Give a reason of at most 1000 characters' using errcode = 'INVAL';
  end if;
  if not app_private.check_password(v_user_id, deactivate_account.password) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  select u.status into v_status from app_public.users u where u.id = v_user_id for update;
  if v_status not in ('pending', 'active') then
    raise exception 'A % account cannot be deactivated', v_status using errcode = 'BADST';
  end if;
  update app_public.users u set status = 'deactivated', deactivated_at = now() where u.id = v_user_id;
  insert into app_private.account_closures (user_id, kind, reason) values (v_user_id, 'deactivated', v_reason);
  perform app_private.revoke_user_sessions(v_user_id);
  return true;
end;
$$;


--
-- Name: FUNCTION deactivate_account(password text, reason text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.deactivate_account(password text, reason text) IS '@resultFieldName success
Deactivates the signed-in user''s account and signs out every device; signing in within 30 days reactivates it. Needs the password and a reason. Errors: LOGIN, INVAL, CREDS (wrong password), BADST (suspended or banned).';


--
-- Name: decline_offer(uuid, app_public.offer_decline_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text DEFAULT NULL::text) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('decline offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(decline_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if decline_offer.reason is null
     or decline_offer.reason in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked') then
    raise exception 'Give a reason for declining (the platform''s own reasons are not available)' using errcode = 'INVAL';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  -- The customer may decline at any time; the traveler declines only a customer's proposal (else: withdraw).
  if v_party = 'traveler' and v_offer.awaiting_party <> 'traveler' then
    raise exception 'Withdraw your own offer instead of declining it' using errcode = 'DNIED';
  end if;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = decline_offer.reason, closing_note = nullif(trim(decline_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text) IS '@resultFieldName deliveryOffer
Ends an offer thread: the customer at any time, the traveler when answering the customer''s proposal. Errors: LOGIN, NTFND, DNIED (traveler on their own proposal: withdraw instead), BADST (not pending), INVAL (no reason, or a platform reason).';


--
-- Name: delete_account(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.delete_account(password text, reason text) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('delete your account');
  v_reason text := trim(delete_account.reason);
  v_open text;
  v_request_id uuid;
  v_trip_id uuid;
begin
  if length(v_reason) not between 1 and 1000 then
    raise exception 'Give a reason of at most 1000 characters' using errcode = 'INVAL';
  end if;
  if not app_private.check_password(v_user_id, delete_account.password) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  -- No key update: offers and deliveries reference the user (their foreign keys take key-share locks), so a full
  -- row lock here would deadlock with an offer accepted at this moment.
  perform 1 from app_public.users u where u.id = v_user_id for no key update;
  -- The requests and trips an offer could still reach are locked before the check, in the order every offer path
  -- locks (request, then trip): an offer submitted meanwhile (auto-accepted into a delivery at once) either commits
  -- first and is listed below, or waits and then finds its request or trip cancelled.
  perform 1 from app_public.delivery_requests r
   where r.customer_id = v_user_id and r.status in ('pending', 'matched') order by r.id for update;
  perform 1 from app_public.trips t
   where t.traveler_id = v_user_id and t.status in ('upcoming', 'delayed') order by t.id for update;
  select string_agg(item, '; ' order by item) into v_open from app_hidden.account_open_items(v_user_id) as item;
  if v_open is not null then
    raise exception 'The account cannot be deleted yet: close %', v_open using errcode = 'BADST';
  end if;

  -- Nothing is open, so no offer waits on these: they go quietly, through the same hooks as a cancellation.
  for v_request_id in
    update app_public.delivery_requests r
       set status = 'cancelled', cancellation_reason = 'no_longer_needed', cancelled_at = now(),
           cancellation_note = 'The account was deleted'
     where r.customer_id = v_user_id and r.status in ('pending', 'matched')
    returning r.id
  loop
    perform app_hidden.on_request_cancelled(v_request_id, v_user_id, 'no_longer_needed');
  end loop;
  for v_trip_id in
    update app_public.trips t
       set status = 'cancelled', cancellation_reason = 'other', cancellation_note = 'The account was deleted',
           cancelled_by = v_user_id, cancelled_at = now()
     where t.traveler_id = v_user_id and t.status in ('upcoming', 'delayed')
    returning t.id
  loop
    perform app_hidden.on_trip_cancelled(v_trip_id, v_user_id, false);
  end loop;

  update app_public.users u
     set status = 'deactivated', deactivated_at = coalesce(u.deactivated_at, now()), deleted_at = now(),
         bio = null, picture_id = null
   where u.id = v_user_id;
  delete from app_public.user_addresses a where a.user_id = v_user_id;
  delete from app_public.user_favorites f where f.user_id = v_user_id or f.traveler_id = v_user_id;
  update app_public.user_verification_documents d set status = 'expired'
   where d.user_id = v_user_id and d.status in ('pending', 'under_review');
  insert into app_private.account_closures (user_id, kind, reason) values (v_user_id, 'deleted', v_reason);
  perform app_private.revoke_user_sessions(v_user_id);
  return true;
end;
$$;


--
-- Name: FUNCTION delete_account(password text, reason text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.delete_account(password text, reason text) IS '@resultFieldName success
Deletes the signed-in user''s account: it disappears at once, every device is signed out, and personal data is anonymised after 30 days (payments, reviews and disputes are kept). Needs the password and a reason. Errors: LOGIN, INVAL, CREDS (wrong password), BADST (something is still open: a live delivery or one that may still be disputed, a pending offer, an admin role; the message lists each). Open delivery requests and upcoming trips are cancelled with the account.';


--
-- Name: delivery_contacts(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.delivery_contacts(delivery_id uuid) RETURNS app_public.delivery_contact
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'see delivery contacts');
  v_delivery app_public.deliveries;
  v_until timestamptz;
  v_result app_public.delivery_contact;
begin
  select * into v_delivery from app_public.deliveries d where d.id = delivery_contacts.delivery_id;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if v_delivery.status = 'cancelled' then
    raise exception 'The delivery was cancelled' using errcode = 'BADST';
  end if;
  v_until := app_hidden.contacts_until(v_delivery.delivered_at);
  if not app_hidden.contacts_open(v_delivery.status, v_delivery.delivered_at) then
    raise exception 'Contacts of a delivery are shown until % hours after it', 
      app_hidden.config_value('deliveries.contacts_after_hours') using errcode = 'EXPRD';
  end if;
  select u.first_name || coalesce(' ' || c.last_name, ''),
         case when c.phone_verified_at is not null then c.phone_number end,
         r.pickup_address, r.pickup_contact_name, r.pickup_contact_phone, r.pickup_instructions,
         r.delivery_address, r.delivery_contact_name, r.delivery_contact_phone, r.delivery_instructions,
         v_until
    into v_result
    from app_public.delivery_requests r,
         app_public.users u
         join app_public.user_contacts c on c.user_id = u.id
   where r.id = v_delivery.request_id
     and u.id = case v_user_id when v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end;
  return v_result;
end;
$$;


--
-- Name: FUNCTION delivery_contacts(delivery_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.delivery_contacts(delivery_id uuid) IS 'The other party''s name and verified phone and the exact addresses and contacts of a delivery, for its parties from acceptance until 48 hours after delivery. Errors: LOGIN, NTFND (not a party), BADST (cancelled), EXPRD (too long after delivery).';


--
-- Name: disable_two_factor(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.disable_two_factor(password text, code text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not coalesce(app_private.check_password(v_user_id, password), false) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  if not (app_private.use_totp_code(v_user_id, code) or app_private.use_backup_code(v_user_id, code)) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  delete from app_private.user_two_factor_auth t where t.user_id = v_user_id;
  return true;
end;
$$;


--
-- Name: FUNCTION disable_two_factor(password text, code text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.disable_two_factor(password text, code text) IS '@resultFieldName success
Turns two-factor authentication off; needs the password (CREDS when wrong) and a TOTP or backup code (BADTK when wrong).';


--
-- Name: duplicate_delivery_request(uuid, timestamp with time zone, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone DEFAULT NULL::timestamp with time zone, pickup_window_end timestamp with time zone DEFAULT NULL::timestamp with time zone, delivery_window_start timestamp with time zone DEFAULT NULL::timestamp with time zone, delivery_window_end timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.delivery_requests
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create delivery requests');
  v_source app_public.delivery_requests;
  d app_public.delivery_request_details;
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('customer', 'both')) then
    raise exception 'Only customers create delivery requests; switch your account to customer or both'
      using errcode = 'DNIED';
  end if;
  select r.* into v_source from app_public.delivery_requests r
   where r.id = duplicate_delivery_request.request_id and r.customer_id = v_user_id;
  if v_source.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  d := app_hidden.delivery_request_details_of(v_source);
  d.expires_at := null;
  if num_nonnulls(duplicate_delivery_request.pickup_window_start, duplicate_delivery_request.pickup_window_end,
                  duplicate_delivery_request.delivery_window_start, duplicate_delivery_request.delivery_window_end) > 0 then
    d.pickup_window_start := duplicate_delivery_request.pickup_window_start;
    d.pickup_window_end := duplicate_delivery_request.pickup_window_end;
    d.delivery_window_start := duplicate_delivery_request.delivery_window_start;
    d.delivery_window_end := duplicate_delivery_request.delivery_window_end;
  end if;
  return app_hidden.insert_delivery_request(v_user_id, d);
end;
$$;


--
-- Name: FUNCTION duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone, pickup_window_end timestamp with time zone, delivery_window_start timestamp with time zone, delivery_window_end timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone, pickup_window_end timestamp with time zone, delivery_window_start timestamp with time zone, delivery_window_end timestamp with time zone) IS '@resultFieldName deliveryRequest
Creates a new pending request from one of yours (any state), optionally with new time windows (giving any replaces all four); checked like createDeliveryRequest. Errors: LOGIN, DNIED, NTFND, INVAL (e.g. the copied windows have passed), LIMIT.';


--
-- Name: duplicate_trip(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_source app_public.trips;
begin
  select t.* into v_source from app_public.trips t where t.id = duplicate_trip.trip_id;
  if v_source.id is null
     or (v_source.traveler_id <> v_user_id and v_source.visibility <> 'public'
         and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if v_source.traveler_id <> v_user_id then
    raise exception 'Only the traveler may duplicate this trip' using errcode = 'DNIED';
  end if;
  if duplicate_trip.departure_time is null then
    raise exception 'Give the departure of the copy' using errcode = 'INVAL';
  end if;
  return app_public.create_trip(
    title => v_source.title, description => v_source.description, trip_type => v_source.trip_type,
    origin_address => v_source.origin_address, origin_point => v_source.origin_point,
    origin_airport => v_source.origin_airport, destination_address => v_source.destination_address,
    destination_point => v_source.destination_point, destination_airport => v_source.destination_airport,
    departure_time => duplicate_trip.departure_time,
    arrival_time => coalesce(duplicate_trip.arrival_time,
                             duplicate_trip.departure_time + (v_source.arrival_time - v_source.departure_time)),
    capacity_weight_kg => v_source.capacity_weight_kg, capacity_volume_l => v_source.capacity_volume_l,
    capacity_items => v_source.capacity_items, currency => v_source.currency, base_price => v_source.base_price,
    price_per_kg => v_source.price_per_kg, price_per_km => v_source.price_per_km,
    express_multiplier => v_source.express_multiplier, fragile_multiplier => v_source.fragile_multiplier,
    no_fragile => v_source.no_fragile, no_electronics => v_source.no_electronics,
    max_item_value => v_source.max_item_value, prohibited_categories => v_source.prohibited_categories,
    visibility => v_source.visibility, auto_accept => v_source.auto_accept,
    auto_accept_price => v_source.auto_accept_price, recurring_pattern => null);
end;
$$;


--
-- Name: FUNCTION duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) IS '@resultFieldName trip
Copies one of the signed-in traveler''s trips to a new departure (the arrival keeps the original duration unless given). The copy is upcoming, with all capacity free and no recurrence. Errors: LOGIN, DNIED, NTFND, INVAL.';


--
-- Name: forgot_password(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.forgot_password(email text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_email text := lower(trim(forgot_password.email));
  v_user_id uuid;
begin
  if v_email is null or length(v_email) > 254 then
    return true;
  end if;
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email::citext and u.deleted_at is null and u.status <> 'banned';
  if app_hidden.rate_limit_take('password_reset', v_email,
       (app_hidden.config_value('security.rate_reset_hour'))::int, interval '1 hour')
     and v_user_id is not null then
    insert into app_private.emails (user_id, recipient, subject, body, kind)
    values (v_user_id, v_email, 'Choose a new password',
            format(E'Hello,\n\nsomeone asked to reset the password of your P2P Delivery account. Choose a new one '
                   'within %s minutes with this link:\n\n%s/reset-password?token={{token}}\n\n'
                   'If it was not you, ignore this message: your password stays as it is.\n',
                   app_hidden.config_value('auth.password_reset_minutes'),
                   app_hidden.config_value('platform.app_url') #>> '{}'),
            'password_reset');
  end if;
  return true;
end;
$$;


--
-- Name: FUNCTION forgot_password(email text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.forgot_password(email text) IS '@resultFieldName success
Emails a password reset link (valid 1 hour) if the address belongs to an account; at most 3 per hour. Always returns true, so it reveals nothing about the address.';


--
-- Name: user_reports; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_reports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    reporter_id uuid NOT NULL,
    reported_user_id uuid NOT NULL,
    delivery_id uuid,
    delivery_request_id uuid,
    category app_public.user_report_category NOT NULL,
    description text NOT NULL,
    status app_public.report_status DEFAULT 'pending'::app_public.report_status NOT NULL,
    priority app_public.report_priority DEFAULT 'medium'::app_public.report_priority NOT NULL,
    resolution_action app_public.report_resolution_action,
    resolution_notes text,
    handled_by uuid,
    handled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_reports_check CHECK (((status = 'pending'::app_public.report_status) = (handled_at IS NULL))),
    CONSTRAINT user_reports_check1 CHECK (((status <> ALL (ARRAY['resolved'::app_public.report_status, 'dismissed'::app_public.report_status])) OR (resolution_action IS NOT NULL))),
    CONSTRAINT user_reports_description_check CHECK (((length(description) >= 10) AND (length(description) <= 2000))),
    CONSTRAINT user_reports_not_self CHECK ((reporter_id <> reported_user_id)),
    CONSTRAINT user_reports_resolution_notes_check CHECK (((length(resolution_notes) >= 1) AND (length(resolution_notes) <= 2000)))
);

ALTER TABLE ONLY app_public.user_reports FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_reports IS '@behavior -insert -update -delete
Reports about users, handled by moderators: visible to the reporter and to admins with content.moderate or users.read.';


--
-- Name: COLUMN user_reports.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.id IS 'Identifier of the report.';


--
-- Name: COLUMN user_reports.reporter_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.reporter_id IS 'The user who reported.';


--
-- Name: COLUMN user_reports.reported_user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.reported_user_id IS 'The user reported.';


--
-- Name: COLUMN user_reports.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.delivery_id IS 'The delivery the report is about, if any.';


--
-- Name: COLUMN user_reports.delivery_request_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.delivery_request_id IS 'The delivery request the report is about, if any.';


--
-- Name: COLUMN user_reports.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.category IS 'What the report is about.';


--
-- Name: COLUMN user_reports.description; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.description IS 'What happened (10–2000 characters).';


--
-- Name: COLUMN user_reports.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.status IS 'Moderation state.';


--
-- Name: COLUMN user_reports.priority; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.priority IS 'How urgent the report is (derived from the category).';


--
-- Name: COLUMN user_reports.resolution_action; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.resolution_action IS 'What moderators did.';


--
-- Name: COLUMN user_reports.resolution_notes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.resolution_notes IS 'Moderators'' notes.';


--
-- Name: COLUMN user_reports.handled_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.handled_by IS 'Moderator who last handled the report.';


--
-- Name: COLUMN user_reports.handled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.handled_at IS 'When the report was last handled.';


--
-- Name: COLUMN user_reports.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.created_at IS 'When the report was made.';


--
-- Name: COLUMN user_reports.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_reports.updated_at IS 'When the report last changed.';


--
-- Name: CONSTRAINT user_reports_check ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_check ON app_public.user_reports IS 'handled_at: a pending report is not handled yet, any other is';


--
-- Name: CONSTRAINT user_reports_check1 ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_check1 ON app_public.user_reports IS 'resolution_action: a resolved or dismissed report says what was done';


--
-- Name: CONSTRAINT user_reports_description_check ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_description_check ON app_public.user_reports IS 'description must have 10 to 2000 characters';


--
-- Name: CONSTRAINT user_reports_not_self ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_not_self ON app_public.user_reports IS 'reported_user_id: you cannot report yourself';


--
-- Name: CONSTRAINT user_reports_resolution_notes_check ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_resolution_notes_check ON app_public.user_reports IS 'resolution_notes must have 1 to 2000 characters';


--
-- Name: handle_user_report(uuid, app_public.report_status, app_public.report_resolution_action, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action DEFAULT NULL::app_public.report_resolution_action, resolution_notes text DEFAULT NULL::text) RETURNS app_public.user_reports
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_admin_id uuid := app_hidden.require_session('moderate reports');
  v_report app_public.user_reports;
  v_action app_public.report_resolution_action := handle_user_report.resolution_action;
begin
  if not app_hidden.current_user_has_permission('content.moderate') then
    raise exception 'Handling reports needs the content.moderate permission' using errcode = 'DNIED';
  end if;
  if handle_user_report.status is null or handle_user_report.status = 'pending' then
    raise exception 'The new status must be reviewed, resolved or dismissed' using errcode = 'INVAL';
  end if;
  select r.* into v_report from app_public.user_reports r where r.id = handle_user_report.report_id for update;
  if v_report.id is null then
    raise exception 'Report not found' using errcode = 'NTFND';
  end if;
  if v_report.status not in ('pending', 'reviewed') or v_report.status = handle_user_report.status then
    raise exception 'A % report cannot become %', v_report.status, handle_user_report.status using errcode = 'BADST';
  end if;
  if v_report.reported_user_id = v_admin_id then
    raise exception 'Moderators do not handle reports about themselves' using errcode = 'DNIED';
  end if;
  if handle_user_report.status = 'dismissed' then
    v_action := coalesce(v_action, 'none');
  elsif handle_user_report.status = 'resolved' and v_action is null then
    raise exception 'Resolving a report needs the action taken' using errcode = 'INVAL';
  end if;

  update app_public.user_reports r
     set status = handle_user_report.status,
         resolution_action = coalesce(v_action, r.resolution_action),
         resolution_notes = coalesce(nullif(trim(handle_user_report.resolution_notes), ''), r.resolution_notes),
         handled_by = v_admin_id,
         handled_at = now()
   where r.id = v_report.id
  returning r.* into v_report;
  return v_report;
end;
$$;


--
-- Name: FUNCTION handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action, resolution_notes text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action, resolution_notes text) IS '@resultFieldName userReport
Moves a report on (admins with content.moderate): reviewed, resolved (with the action taken) or dismissed. Errors: LOGIN, DNIED, INVAL, NTFND, BADST.';


--
-- Name: invite_traveler(uuid, uuid, bigint, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.invite_traveler(request_id uuid, trip_id uuid, price bigint, message text DEFAULT NULL::text, pickup_time timestamp with time zone DEFAULT NULL::timestamp with time zone, delivery_time timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'invite travelers');
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_offer app_public.delivery_offers;
begin
  select * into v_request from app_public.delivery_requests r
   where r.id = invite_traveler.request_id and r.customer_id = v_user_id
   for update;
  if v_request.id is null then
    raise exception 'Request not found among your requests' using errcode = 'NTFND';
  end if;
  -- Only a trip the customer may see (the trips policies' rule; this function runs as the owner, past RLS), locked
  -- after the request.
  select * into v_trip from app_public.trips t where t.id = invite_traveler.trip_id for update;
  if v_trip.id is null or not app_hidden.trip_visible_to(v_trip, v_user_id) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  v_offer := app_hidden.open_offer_thread(v_request, v_trip, 'customer', v_user_id, invite_traveler.price,
    invite_traveler.message, invite_traveler.pickup_time, invite_traveler.delivery_time, null);
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.queue_email(v_trip.traveler_id, 'A customer invites you to carry an item',
      format(E'A customer asks you to carry "%s" on your trip "%s" for %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, v_trip.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION invite_traveler(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.invite_traveler(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) IS '@resultFieldName deliveryOffer
A customer invites the traveler of a trip to carry their request at a price (trip-first). Accepted at once when the trip auto-accepts at that price and its traveler is fully verified. Errors: LOGIN, DNIED, NTFND (request not yours, trip not visible), BADST, EXPRD, INVAL, CAPAC, LIMIT as for submitOffer.';


--
-- Name: login(text, text, text, app_public.device_type, app_public.platform, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.login(email text, password text, device_id text DEFAULT NULL::text, device_type app_public.device_type DEFAULT NULL::app_public.device_type, platform app_public.platform DEFAULT NULL::app_public.platform, app_version text DEFAULT NULL::text) RETURNS app_public.auth_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_email citext := left(coalesce(trim(login.email), ''), 320)::citext;
  v_ip inet := app_hidden.current_ip();
  v_user_id uuid;
  v_secrets app_private.user_secrets;
  v_ok boolean;
begin
  -- Anyone may call login (it is the way in); there is no caller to check beyond the credentials themselves.
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email
     -- A suspended account signs in to read (and to learn when the suspension ends); require_user refuses it
     -- everything that creates content (SUSPD). Banned accounts never sign in.
     and (u.status in ('pending', 'active', 'suspended')
          -- A deactivated (not deleted) account may sign in for a while; success reactivates it below.
          or (u.status = 'deactivated' and u.deleted_at is null
              and u.deactivated_at > now() - make_interval(days => (app_hidden.config_value('auth.reactivation_days'))::int)));
  if v_user_id is not null then
    select * into v_secrets from app_private.user_secrets s where s.user_id = v_user_id for update;
  end if;

  -- An unknown email still costs one bcrypt, so timing does not reveal which emails exist.
  v_ok := v_secrets.password_hash is not null and login.password is not null
      and public.crypt(login.password, v_secrets.password_hash) = v_secrets.password_hash;
  if v_secrets.password_hash is null then
    perform app_private.hash_password(coalesce(login.password, ''));
  end if;

  if v_ip is not null and (
       select count(*) from app_private.login_attempts a
        where a.ip = v_ip and a.outcome <> 'success'
          and a.created_at > now() - interval '15 minutes'
     ) >= (app_hidden.config_value('security.rate_login_15min_ip'))::int then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'rate_limited');
    return null;
  end if;

  if v_user_id is null then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (null, v_email, v_ip, 'unknown_email');
    return null;
  end if;

  if v_secrets.locked_until > now() then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'locked');
    return null;
  end if;

  if not v_ok then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'wrong_password');
    perform app_private.record_login_failure(v_user_id);
    return null;
  end if;

  insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'success');
  -- With two-factor authentication on, the streak is reset only by a correct code (verify_two_factor_login), and
  -- wrong codes count as failures too: a known password does not buy unlimited code guesses.
  if exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    return app_private.start_mfa_challenge(v_user_id, left(login.device_id, 255), login.device_type, login.platform,
                                           left(login.app_version, 64));
  end if;
  update app_private.user_secrets s set failed_login_count = 0, locked_until = null
   where s.user_id = v_user_id and (s.failed_login_count <> 0 or s.locked_until is not null);
  perform app_private.reactivate_account(v_user_id);
  return app_private.start_session(v_user_id, left(login.device_id, 255), login.device_type, login.platform,
                                   left(login.app_version, 64));
end;
$$;


--
-- Name: FUNCTION login(email text, password text, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.login(email text, password text, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) IS '@resultFieldName authResult
Signs in with email and password on a device and returns an access token and a refresh token (or, with two-factor authentication on, an mfaChallenge for verifyTwoFactorLogin), or null when they do not match, the account is temporarily locked or too many attempts came from this address (the answer does not say which).';


--
-- Name: logout(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.logout() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.require_session();
  update app_private.sessions s set revoked_at = now()
   where s.id = app_hidden.current_session_id() and s.revoked_at is null;
  return found;
end;
$$;


--
-- Name: FUNCTION logout(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.logout() IS '@resultFieldName success
Ends the current device session; its token stops working at once.';


--
-- Name: logout_all(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.logout_all() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  return app_private.revoke_user_sessions(v_user_id, null);
end;
$$;


--
-- Name: FUNCTION logout_all(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.logout_all() IS '@resultFieldName revokedCount
Ends all your device sessions, this one included; returns how many ended.';


--
-- Name: mark_trip_delayed(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone DEFAULT NULL::timestamp with time zone, arrival_time timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'update trips');
  v_trip app_public.trips;
  v_departure timestamptz;
  v_arrival timestamptz;
begin
  v_trip := app_hidden.own_trip_for_update(mark_trip_delayed.trip_id, v_user_id);
  if v_trip.status not in ('upcoming', 'delayed') then
    raise exception 'A % trip cannot be delayed', v_trip.status using errcode = 'BADST';
  end if;
  v_departure := coalesce(mark_trip_delayed.departure_time, v_trip.departure_time);
  -- A new departure alone shifts the arrival by as much, keeping the trip's duration.
  v_arrival := coalesce(mark_trip_delayed.arrival_time,
                        v_trip.arrival_time + (v_departure - v_trip.departure_time));
  perform app_hidden.assert_trip_limits(
    case when v_departure <> v_trip.departure_time then v_departure end, v_arrival, v_departure,
    null, null, null, null, null, null);
  update app_public.trips t set status = 'delayed', departure_time = v_departure, arrival_time = v_arrival
   where t.id = v_trip.id
  returning t.* into v_trip;
  perform app_hidden.notify_trip_customers(v_trip.id, 'Your traveler''s trip is delayed',
    format(E'The trip "%s" now leaves at %s UTC and arrives at %s UTC.\n', v_trip.title,
           to_char(v_trip.departure_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
           to_char(v_trip.arrival_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI')));
  return v_trip;
end;
$$;


--
-- Name: FUNCTION mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) IS '@resultFieldName trip
Marks an upcoming (or already delayed) trip of the signed-in traveler as delayed, optionally with new times; a new departure alone moves the arrival by as much. Errors: LOGIN, DNIED, NTFND, BADST, INVAL naming the field (departure in the past or too far ahead, arrival before departure or too long after it).';


--
-- Name: matching_requests(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.matching_requests(trip_id uuid) RETURNS SETOF app_public.request_match
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('see matching requests');
  v_trip app_public.trips;
begin
  select t.* into v_trip from app_public.trips t where t.id = matching_requests.trip_id;
  if v_trip.id is null
     or (v_trip.traveler_id <> v_user_id and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  return query
  select m.request_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(null, matching_requests.trip_id) m;
end;
$$;


--
-- Name: FUNCTION matching_requests(trip_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.matching_requests(trip_id uuid) IS 'The open delivery requests that fit a trip, best first: the mirror of matchingTrips (the same hard filters, factors and cuts), for the trip''s traveler and admins. Only ids, scores, detours and quotes; the masked request is in searchRequests. Empty when nothing fits. Errors: LOGIN, NTFND.';


--
-- Name: matching_trips(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.matching_trips(request_id uuid) RETURNS SETOF app_public.trip_match
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('see matching trips');
  v_customer_id uuid;
begin
  select r.customer_id into v_customer_id from app_public.delivery_requests r where r.id = matching_trips.request_id;
  if v_customer_id is null
     or (v_customer_id <> v_user_id and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  return query
  select m.trip_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(matching_trips.request_id, null) m;
end;
$$;


--
-- Name: FUNCTION matching_trips(request_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.matching_trips(request_id uuid) IS 'The trips that fit a delivery request, best first (docs/matching.md): live trips the customer may see (public; private ones they have a delivery on; friends_only ones of travelers who delivered for them) of other active, unblocked, non-blacklisted travelers meeting the request''s rating and verification requirements, with room for the item, no restriction against it, starting within matching.pickup_radius_km of the pickup and ending within matching.dropoff_radius_km of the drop-off, leaving in time and within the detour allowance. Scored by route, timing, reliability, rating, price and newcomer factors (matching.weights) plus a favorite bonus; at most matching.max_results with score ≥ matching.min_score, by score, then departure, then id. Empty when nothing fits. For the request''s customer and admins. Errors: LOGIN, NTFND.';


--
-- Name: moderate_review(uuid, app_public.moderation_status, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.moderate_review(review_id uuid, decision app_public.moderation_status, note text DEFAULT NULL::text) RETURNS app_public.reviews
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_admin_id uuid := app_hidden.require_session('moderate reviews');
  v_note text := nullif(trim(moderate_review.note), '');
  v_review app_public.reviews;
begin
  if not app_hidden.current_user_has_permission('content.moderate') then
    raise exception 'Moderating reviews needs the content.moderate permission' using errcode = 'DNIED';
  end if;
  if moderate_review.decision is null or moderate_review.decision = 'pending' or length(v_note) > 1000 then
    raise exception 'The decision is approved or rejected; a note has at most 1000 characters' using errcode = 'INVAL';
  end if;
  v_review := app_hidden.lock_review(moderate_review.review_id);
  if v_admin_id in (v_review.reviewer_id, v_review.reviewee_id) then
    raise exception 'Moderators do not decide on reviews by or about themselves' using errcode = 'DNIED';
  end if;
  update app_public.reviews v
     set status = case moderate_review.decision when 'approved' then 'active' else 'deleted' end::app_public.review_status,
         moderation_status = moderate_review.decision,
         moderation_note = coalesce(v_note, v.moderation_note),
         moderated_by = v_admin_id,
         moderated_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  update app_public.review_reports r
     set status = case moderate_review.decision when 'approved' then 'dismissed' else 'resolved' end::app_public.report_status,
         handled_by = v_admin_id,
         handled_at = now()
   where r.review_id = v_review.id and r.status in ('pending', 'reviewed');
  return v_review;
end;
$$;


--
-- Name: FUNCTION moderate_review(review_id uuid, decision app_public.moderation_status, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.moderate_review(review_id uuid, decision app_public.moderation_status, note text) IS '@resultFieldName review
Moderators (content.moderate) approve a review (published again; its open reports dismissed) or reject it (removed; its open reports resolved). Errors: LOGIN, DNIED (no permission, or a review by or about yourself), INVAL (decision pending), NTFND.';


--
-- Name: my_sessions(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_sessions() RETURNS SETOF app_public.session_info
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select s.id, s.device_id, s.device_type, s.platform, s.app_version, s.ip, s.created_at, s.last_active_at,
         s.expires_at, s.id = app_hidden.current_session_id()
    from app_private.sessions s
   where s.user_id = app_public.current_user_id()  -- the caller check: only one's own sessions
     and s.revoked_at is null and s.expires_at > now()
   order by s.last_active_at desc, s.id;
$$;


--
-- Name: FUNCTION my_sessions(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_sessions() IS 'Live device sessions of the current user, most recently active first.';


--
-- Name: quote_price(uuid, uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.quote_price(request_id uuid, trip_id uuid DEFAULT NULL::uuid) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('get a quote');
  v_admin boolean;
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
begin
  v_admin := app_hidden.current_user_has_permission('deliveries.read');
  select r.* into v_request from app_public.delivery_requests r where r.id = quote_price.request_id;
  if v_request.id is null
     or not (v_admin or v_request.customer_id = v_user_id
             or (exists (select 1 from app_public.users u
                          where u.id = v_user_id and u.user_type in ('traveler', 'both'))
                 and exists (select 1 from app_hidden.listed_delivery_requests(v_user_id) l
                              where l.id = v_request.id))) then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  if quote_price.trip_id is not null then
    select t.* into v_trip from app_public.trips t where t.id = quote_price.trip_id;
    if v_trip.id is null or not (v_admin or app_hidden.trip_visible_to(v_trip, v_user_id)) then
      raise exception 'Trip not found' using errcode = 'NTFND';
    end if;
  end if;
  return app_hidden.pair_quote(v_request, v_trip);
end;
$$;


--
-- Name: FUNCTION quote_price(request_id uuid, trip_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.quote_price(request_id uuid, trip_id uuid) IS 'The price of a delivery request in minor units of its currency (docs/matching.md, Pricing): on a trip in the same currency the trip''s rates, (basePrice + pricePerKm·km + pricePerKg·kg) × the express multiplier (express, urgent) × the fragile multiplier (fragile items), unclamped; otherwise the default pricing.* rates, clamped to pricing.min_price–max_price. km is the great-circle distance from pickup to drop-off, kg the total weight; rounded half-up. For the request''s customer, travelers who see it in the marketplace, and admins. Errors: LOGIN, NTFND (request or trip missing or not visible).';


--
-- Name: refresh_session(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.refresh_session(refresh_token text) RETURNS app_public.auth_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_hash bytea;
  v_token bytea := public.gen_random_bytes(32);
  v_session app_private.sessions;
  v_replayed uuid;
begin
  -- Anyone may call this: holding the refresh token is the credential.
  if refresh_token is null or refresh_token !~ '^[0-9a-f]{64}$' then
    return null;
  end if;
  v_hash := sha256(decode(refresh_token, 'hex'));

  select * into v_session from app_private.sessions s where s.refresh_token_hash = v_hash for update;
  if not found then
    select r.session_id into v_replayed from app_private.session_rotated_tokens r where r.token_hash = v_hash;
    if v_replayed is not null then
      update app_private.sessions s set revoked_at = now() where s.id = v_replayed and s.revoked_at is null;
    end if;
    return null;
  end if;
  if v_session.revoked_at is not null or v_session.expires_at <= now() then
    return null;
  end if;

  insert into app_private.session_rotated_tokens (token_hash, session_id) values (v_hash, v_session.id);
  update app_private.sessions s
     set refresh_token_hash = sha256(v_token), last_active_at = now(),
         expires_at = now() + make_interval(days => (app_hidden.config_value('auth.refresh_token_days'))::int),
         ip = coalesce(app_hidden.current_ip(), s.ip)
   where s.id = v_session.id
  returning * into v_session;
  return row(app_private.session_claims(v_session.id, v_session.expires_at), encode(v_token, 'hex'), null)::app_public.auth_result;
end;
$_$;


--
-- Name: FUNCTION refresh_session(refresh_token text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.refresh_session(refresh_token text) IS '@resultFieldName authResult
Exchanges a refresh token for a new access token and a new refresh token; the old one stops working. Null when the token is unknown, expired, revoked or already used — and reusing an already exchanged token ends that device session.';


--
-- Name: refuse_pickup(uuid, app_public.delivery_cancel_reason, uuid, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text DEFAULT NULL::text) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'refuse pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(refuse_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'refuse the pickup');
  if refuse_pickup.reason is null or refuse_pickup.reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item') then
    raise exception 'A pickup is refused because the item is not as described, cannot be inspected or is prohibited'
      using errcode = 'INVAL';
  end if;
  if refuse_pickup.pickup_photo_id is null then
    raise exception 'pickup_photo_id: a refused pickup needs a photo of the item' using errcode = 'INVAL';
  end if;
  -- The photo is checked as it is attached (app_hidden.tg__attach_files: the traveler's own ready refused_pickup
  -- file); the customer sees it for the dispute window.
  update app_public.deliveries d set pickup_photo_id = refuse_pickup.pickup_photo_id where d.id = v_delivery.id;
  return app_hidden.cancel_delivery_as(v_delivery.id, 'user', v_user_id, refuse_pickup.reason, refuse_pickup.note);
end;
$$;


--
-- Name: FUNCTION refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text) IS '@resultFieldName delivery
The traveler refuses to take an item that is not as described, cannot be inspected or is prohibited, with a photo (a ready refused_pickup file of the traveler''s, which the customer may see); the delivery is cancelled without a penalty to the traveler. Errors: LOGIN, NTFND, DNIED (not the traveler), INVAL (reason missing; pickup_photo_id missing, not the traveler''s file or not a refused-pickup photo), BADST (already picked up, or the photo not uploaded yet).';


--
-- Name: regenerate_backup_codes(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.regenerate_backup_codes(code text) RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  return app_private.new_backup_codes(v_user_id);
end;
$$;


--
-- Name: FUNCTION regenerate_backup_codes(code text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.regenerate_backup_codes(code text) IS '@resultFieldName backupCodes
Replaces the backup codes (the old ones stop working) after a TOTP code; returns the new ones, shown once. BADTK when the code is wrong.';


--
-- Name: register(text, text, text, text, app_public.user_type, text, boolean); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type DEFAULT 'customer'::app_public.user_type, referral_code text DEFAULT NULL::text, accept_terms boolean DEFAULT false) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_email text := trim(register.email);
  v_first_name text := trim(register.first_name);
  v_last_name text := nullif(trim(register.last_name), '');
  v_referral_code text := nullif(upper(trim(register.referral_code)), '');
  v_referrer_id uuid;
  v_ip inet := app_hidden.current_ip();
  v_password_hash text;
  v_user_id uuid;
  v_constraint text;
begin
  if not (app_hidden.config_value('platform.registration_enabled'))::boolean then
    raise exception 'Registration is closed at the moment' using errcode = 'DNIED';
  end if;
  if v_email is null or length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'Enter a valid email address' using errcode = 'INVAL';
  end if;
  if v_first_name is null or length(v_first_name) not between 1 and 100
     or length(v_last_name) not between 1 and 100 then
    raise exception 'Names must have between 1 and 100 characters' using errcode = 'INVAL';
  end if;
  if register.accept_terms is not true then
    raise exception 'Accept the terms of service and the privacy policy to sign up' using errcode = 'INVAL';
  end if;
  perform app_hidden.assert_password_policy(register.password, v_email, array[v_first_name, v_last_name]);
  if v_referral_code is not null then
    select c.user_id into v_referrer_id
      from app_public.user_contacts c join app_public.users u on u.id = c.user_id
     where c.referral_code = v_referral_code and u.deleted_at is null;
    if v_referrer_id is null then
      raise exception 'This referral code does not exist' using errcode = 'INVAL';
    end if;
  end if;
  if v_ip is not null and not app_hidden.rate_limit_take('register_ip', host(v_ip),
       (app_hidden.config_value('security.rate_register_hour_ip'))::int, interval '1 hour') then
    raise exception 'Too many sign-ups from this network; try again later' using errcode = 'LIMIT';
  end if;

  v_password_hash := app_private.hash_password(register.password);
  begin
    insert into app_public.users (first_name, display_name, user_type, referred_by_user_id)
    values (v_first_name, v_first_name, coalesce(register.user_type, 'customer'), v_referrer_id)
    returning id into v_user_id;
    insert into app_public.user_contacts (user_id, email, last_name, terms_accepted_at)
    values (v_user_id, v_email, v_last_name, now());
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'user_contacts_email_key' then
      raise;
    end if;
    -- The address is taken (also when a parallel sign-up took it a moment ago): tell its owner, answer as usual.
    insert into app_private.emails (user_id, recipient, subject, body)
    select c.user_id, c.email, 'Someone tried to sign up with your email address',
           format(E'Hello,\n\nsomeone tried to create a P2P Delivery account with this address, which already has '
                  'one. If it was you, sign in, or choose a new password at %s/forgot-password.\n'
                  'If it was not you, you can ignore this message.\n',
                  app_hidden.config_value('platform.app_url') #>> '{}')
      from app_public.user_contacts c where c.email = v_email::citext;
    return true;
  end;
  insert into app_private.user_secrets (user_id, password_hash) values (v_user_id, v_password_hash);
  perform app_hidden.queue_verification_email(v_user_id);
  return true;
end;
$_$;


--
-- Name: FUNCTION register(email text, password text, first_name text, last_name text, user_type app_public.user_type, referral_code text, accept_terms boolean); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type, referral_code text, accept_terms boolean) IS '@resultFieldName success
Creates an account (pending until the emailed link is followed) and returns true, also when the email is already registered: its owner is told by email instead, so the answer reveals nothing. Sign in with login afterwards. Errors: INVAL (bad email or name, terms not accepted, unknown referral code), WEAKP (password policy), LIMIT (too many sign-ups from this network), DNIED (registration closed).';


--
-- Name: remove_favorite_traveler(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.remove_favorite_traveler(traveler_id uuid) RETURNS boolean
    LANGUAGE plpgsql STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('keep favorites');
begin
  delete from app_public.user_favorites f
   where f.user_id = v_user_id and f.traveler_id = remove_favorite_traveler.traveler_id;
  return found;
end;
$$;


--
-- Name: FUNCTION remove_favorite_traveler(traveler_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.remove_favorite_traveler(traveler_id uuid) IS '@resultFieldName success
Removes a traveler from the signed-in user''s favorites; false when it was not one. Errors: LOGIN.';


--
-- Name: report_delivery_request(uuid, app_public.user_report_category, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.report_delivery_request(request_id uuid, category app_public.user_report_category, description text) RETURNS app_public.user_reports
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('report delivery requests');
  v_customer_id uuid;
begin
  select r.customer_id into v_customer_id
    from app_hidden.listed_delivery_requests(v_user_id) r
   where r.id = report_delivery_request.request_id;
  -- The traveler carrying it knows the request too, even though it left the marketplace.
  if v_customer_id is null then
    select d.customer_id into v_customer_id from app_public.deliveries d
     where d.request_id = report_delivery_request.request_id and d.traveler_id = v_user_id and d.status <> 'cancelled';
  end if;
  if v_customer_id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  return app_public.report_user(v_customer_id, report_delivery_request.category, report_delivery_request.description,
                                null, report_delivery_request.request_id);
end;
$$;


--
-- Name: FUNCTION report_delivery_request(request_id uuid, category app_public.user_report_category, description text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.report_delivery_request(request_id uuid, category app_public.user_report_category, description text) IS '@resultFieldName userReport
Reports a delivery request you can see in the marketplace to the moderators (a report about its customer, linked to the request). Errors: LOGIN, NTFND, INVAL (description of 10–2000 characters), BADST (you already have an open report about this customer).';


--
-- Name: review_reports; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.review_reports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    review_id uuid NOT NULL,
    reporter_id uuid NOT NULL,
    reason app_public.report_reason NOT NULL,
    details text,
    status app_public.report_status DEFAULT 'pending'::app_public.report_status NOT NULL,
    handled_by uuid,
    handled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT review_reports_details_check CHECK (((length(details) >= 1) AND (length(details) <= 1000))),
    CONSTRAINT review_reports_handled CHECK (((status = 'pending'::app_public.report_status) = (handled_at IS NULL)))
);

ALTER TABLE ONLY app_public.review_reports FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.review_reports IS '@behavior -insert -update -delete
A user''s report of a review, one per reporter and review. Visible to the reporter and moderators; created by reportReview and closed by moderateReview.';


--
-- Name: COLUMN review_reports.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.id IS 'Identifier of the report.';


--
-- Name: COLUMN review_reports.review_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.review_id IS 'The review reported.';


--
-- Name: COLUMN review_reports.reporter_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.reporter_id IS 'Who reported it.';


--
-- Name: COLUMN review_reports.reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.reason IS 'Why it was reported.';


--
-- Name: COLUMN review_reports.details; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.details IS 'What is wrong, at most 1000 characters.';


--
-- Name: COLUMN review_reports.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.status IS 'pending until a moderator decides on the review: resolved (review removed) or dismissed (review kept).';


--
-- Name: COLUMN review_reports.handled_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.handled_by IS 'Moderator who closed the report.';


--
-- Name: COLUMN review_reports.handled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.handled_at IS 'When the report was closed.';


--
-- Name: COLUMN review_reports.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.review_reports.created_at IS 'When the report was made.';


--
-- Name: CONSTRAINT review_reports_details_check ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_details_check ON app_public.review_reports IS 'details must have 1 to 1000 characters';


--
-- Name: CONSTRAINT review_reports_handled ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_handled ON app_public.review_reports IS 'handled_at: a pending report is not handled yet, any other is';


--
-- Name: report_review(uuid, app_public.report_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.report_review(review_id uuid, reason app_public.report_reason, details text DEFAULT NULL::text) RETURNS app_public.review_reports
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'report reviews');
  v_details text := nullif(trim(report_review.details), '');
  v_review app_public.reviews := app_hidden.lock_review(report_review.review_id);
  v_report app_public.review_reports;
begin
  if v_review.status <> 'active' then
    -- Hidden and removed reviews are not shown to anybody who could report them.
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if report_review.reason is null or length(v_details) > 1000 then
    raise exception 'A report needs a reason; details have at most 1000 characters' using errcode = 'INVAL';
  end if;
  if v_review.reviewer_id = v_user_id then
    raise exception 'You cannot report your own review' using errcode = 'DNIED';
  end if;
  if exists (select 1 from app_public.review_reports r
              where r.review_id = v_review.id and r.reporter_id = v_user_id) then
    raise exception 'You already reported this review' using errcode = 'BADST';
  end if;
  insert into app_public.review_reports (review_id, reporter_id, reason, details)
  values (v_review.id, v_user_id, report_review.reason, v_details)
  returning * into v_report;
  if (select count(*) from app_public.review_reports r where r.review_id = v_review.id and r.status = 'pending')
     >= (app_hidden.config_value('reviews.hide_after_reports'))::integer then
    update app_public.reviews v set status = 'hidden', moderation_status = 'pending' where v.id = v_review.id;
  end if;
  return v_report;
end;
$$;


--
-- Name: FUNCTION report_review(review_id uuid, reason app_public.report_reason, details text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.report_review(review_id uuid, reason app_public.report_reason, details text) IS '@resultFieldName reviewReport
Reports a published review to the moderators, once per user; 3 open reports (reviews.hide_after_reports) hide it until a moderator decides. Errors: LOGIN, DNIED (your own review, or an inactive account), NTFND (missing, hidden or removed), BADST (already reported by you), INVAL.';


--
-- Name: report_user(uuid, app_public.user_report_category, text, uuid, uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid DEFAULT NULL::uuid, delivery_request_id uuid DEFAULT NULL::uuid) RETURNS app_public.user_reports
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('report users');
  v_description text := trim(report_user.description);
  v_report app_public.user_reports;
begin
  if report_user.category is null or v_description is null or length(v_description) not between 10 and 2000 then
    raise exception 'A report needs a category and a description of 10 to 2000 characters' using errcode = 'INVAL';
  end if;
  if not exists (select 1 from app_public.users u where u.id = report_user.user_id) then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  -- A delivery named in a report must be one between the reporter and the reported user (RLS shows the reporter
  -- only their own deliveries).
  if report_user.delivery_id is not null
     and not exists (select 1 from app_public.deliveries d
                      where d.id = report_user.delivery_id and report_user.user_id in (d.customer_id, d.traveler_id)) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if exists (select 1 from app_public.user_reports r
              where r.reporter_id = v_user_id and r.reported_user_id = report_user.user_id
                and r.status in ('pending', 'reviewed')) then
    raise exception 'You already reported this user; moderators are looking at it' using errcode = 'BADST';
  end if;
  insert into app_public.user_reports (reporter_id, reported_user_id, category, description, delivery_id, delivery_request_id)
  values (v_user_id, report_user.user_id, report_user.category, v_description, report_user.delivery_id,
          report_user.delivery_request_id)
  returning * into v_report;
  return v_report;
end;
$$;


--
-- Name: FUNCTION report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid, delivery_request_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid, delivery_request_id uuid) IS '@resultFieldName userReport
Reports a user to the moderators, optionally about a delivery or request. Errors: LOGIN, INVAL (also yourself), NTFND (user, a delivery not between you two, or an unknown request), BADST (an open report of yours exists).';


--
-- Name: request_phone_verification(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.request_phone_verification(phone_number text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'verify a phone number');
  v_number text := regexp_replace(coalesce(request_phone_verification.phone_number, ''), '[\s().-]', '', 'g');
  v_code_id uuid;
begin
  if v_number !~ '^\+[1-9][0-9]{6,14}$' then
    raise exception 'Enter the phone number in international form, e.g. +4915112345678' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_contacts c
              where c.phone_number = v_number and c.phone_verified_at is not null and c.user_id <> v_user_id) then
    raise exception 'This phone number is verified on another account' using errcode = 'INVAL';
  end if;
  if not app_hidden.rate_limit_take('phone_code', v_user_id::text,
       (app_hidden.config_value('security.rate_phone_code_hour'))::int, interval '1 hour') then
    raise exception 'Too many codes requested; try again in an hour' using errcode = 'LIMIT';
  end if;
  -- Only the newest code counts.
  update app_private.phone_verification_codes p set used_at = now()
   where p.user_id = v_user_id and p.used_at is null;
  insert into app_private.phone_verification_codes (user_id, phone_number)
  values (v_user_id, v_number)
  returning id into v_code_id;
  perform graphile_worker.add_job('sms__send_phone_code', json_build_object('id', v_code_id),
    job_key := 'sms__send_phone_code:' || v_code_id, max_attempts := 5);
  return true;
end;
$_$;


--
-- Name: FUNCTION request_phone_verification(phone_number text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.request_phone_verification(phone_number text) IS '@resultFieldName success
Texts a 6-digit code (valid 10 minutes) to the number, to be entered with confirmPhoneVerification; a new request voids the previous code. Errors: LOGIN, DNIED (account not active), INVAL (not an E.164 number, or verified on another account), LIMIT (5 per hour).';


--
-- Name: files; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.files (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    owner_id uuid NOT NULL,
    purpose app_public.file_purpose NOT NULL,
    content_type text NOT NULL,
    byte_size bigint NOT NULL,
    sha256 text NOT NULL,
    status app_public.file_status DEFAULT 'pending'::app_public.file_status NOT NULL,
    rejected_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    upload_expires_at timestamp with time zone NOT NULL,
    ready_at timestamp with time zone,
    attached_at timestamp with time zone,
    CONSTRAINT files_byte_size_positive CHECK ((byte_size > 0)),
    CONSTRAINT files_content_type_format CHECK (((length(content_type) <= 100) AND (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'::text))),
    CONSTRAINT files_ready_at CHECK (((status = 'ready'::app_public.file_status) = (ready_at IS NOT NULL))),
    CONSTRAINT files_rejected_reason_length CHECK (((length(rejected_reason) >= 1) AND (length(rejected_reason) <= 500))),
    CONSTRAINT files_sha256_format CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY app_public.files FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.files IS 'An uploaded (or requested) file: its owner, purpose, declared type, size and SHA-256, and its state. The bytes are read and written only through signed URLs (uploadUrl, downloadUrl).';


--
-- Name: COLUMN files.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.id IS 'The file''s id, which objects it is attached to reference.';


--
-- Name: COLUMN files.owner_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.owner_id IS 'Who requested the upload.';


--
-- Name: COLUMN files.purpose; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.purpose IS 'What the file is for (accepted types and readers depend on it).';


--
-- Name: COLUMN files.content_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.content_type IS 'Declared content type, checked against the bytes'' own signature on upload.';


--
-- Name: COLUMN files.byte_size; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.byte_size IS 'Declared size in bytes; the upload must be exactly this long.';


--
-- Name: COLUMN files.sha256; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.sha256 IS 'Declared SHA-256 of the bytes (hex); the upload must match it.';


--
-- Name: COLUMN files.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.status IS 'pending until its bytes arrive, then uploaded (being scanned), ready or rejected.';


--
-- Name: COLUMN files.rejected_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.rejected_reason IS 'Why the file was rejected (a malware finding).';


--
-- Name: COLUMN files.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.created_at IS 'When the upload was requested.';


--
-- Name: COLUMN files.upload_expires_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.upload_expires_at IS 'Until when the bytes may be sent (files.upload_minutes after the request).';


--
-- Name: COLUMN files.ready_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.ready_at IS 'When the file became ready.';


--
-- Name: COLUMN files.attached_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.files.attached_at IS 'When the file was first attached to an object (a profile, a document, a delivery); ready files never attached are removed after files.unattached_days.';


--
-- Name: CONSTRAINT files_byte_size_positive ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_byte_size_positive ON app_public.files IS 'byte_size must be more than 0';


--
-- Name: CONSTRAINT files_content_type_format ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_content_type_format ON app_public.files IS 'content_type must be a media type such as image/jpeg';


--
-- Name: CONSTRAINT files_ready_at ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_ready_at ON app_public.files IS 'ready_at is set exactly when the file is ready';


--
-- Name: CONSTRAINT files_rejected_reason_length ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_rejected_reason_length ON app_public.files IS 'rejected_reason must have 1 to 500 characters';


--
-- Name: CONSTRAINT files_sha256_format ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_sha256_format ON app_public.files IS 'sha256 must be 64 hexadecimal characters';


--
-- Name: request_upload(app_public.file_purpose, text, bigint, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text) RETURNS app_public.files
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_user_id uuid := case when request_upload.purpose = 'verification_document'
                         then app_hidden.require_session('upload files')
                         else app_hidden.require_not_suspended('upload files') end;
  v_types jsonb := app_hidden.config_value('files.allowed_types') -> request_upload.purpose::text;
  v_max_bytes bigint := (app_hidden.config_value('platform.max_file_upload_mb'))::bigint * 1024 * 1024;
  v_sha256 text := lower(request_upload.sha256);
  v_file app_public.files;
begin
  if request_upload.purpose is null then
    raise exception 'purpose is required' using errcode = 'INVAL';
  end if;
  if request_upload.content_type is null or v_types is null or not v_types ? request_upload.content_type then
    raise exception 'content_type must be one of % for %', coalesce(v_types::text, '[]'), request_upload.purpose
      using errcode = 'INVAL';
  end if;
  if request_upload.byte_size is null or request_upload.byte_size <= 0 then
    raise exception 'byte_size must be more than 0' using errcode = 'INVAL';
  end if;
  if request_upload.byte_size > v_max_bytes then
    raise exception 'byte_size must be at most % bytes', v_max_bytes using errcode = 'LIMIT';
  end if;
  if v_sha256 is null or v_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'sha256 must be 64 hexadecimal characters' using errcode = 'INVAL';
  end if;

  -- One request at a time per user, so that parallel requests cannot pass the pending limit or the quota together.
  perform pg_advisory_xact_lock(hashtextextended('files:' || v_user_id::text, 0));
  if (select count(*) from app_public.files f
       where f.owner_id = v_user_id and f.status = 'pending' and f.upload_expires_at > now())
     >= (app_hidden.config_value('files.max_pending'))::int then
    raise exception 'Too many uploads are waiting for their bytes: send or let them expire first' using errcode = 'LIMIT';
  end if;
  if (select coalesce(sum(f.byte_size), 0) from app_public.files f
       where f.owner_id = v_user_id and f.status <> 'rejected'
         and (f.status <> 'pending' or f.upload_expires_at > now())) + request_upload.byte_size
     > (app_hidden.config_value('files.quota_mb'))::bigint * 1024 * 1024 then
    raise exception 'byte_size would exceed your storage quota of % MB', app_hidden.config_value('files.quota_mb')
      using errcode = 'LIMIT';
  end if;

  insert into app_public.files (owner_id, purpose, content_type, byte_size, sha256, upload_expires_at)
  values (v_user_id, request_upload.purpose, request_upload.content_type, request_upload.byte_size, v_sha256,
          now() + (app_hidden.config_value('files.upload_minutes'))::int * interval '1 minute')
  returning * into v_file;
  -- The key names no user: purpose, month and the file id.
  insert into app_private.file_objects (file_id, storage_key)
  values (v_file.id, v_file.purpose || '/' || to_char(v_file.created_at at time zone 'UTC', 'YYYY/MM') || '/' || v_file.id);
  return v_file;
end;
$_$;


--
-- Name: FUNCTION request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text) IS '@resultFieldName file
Requests the upload of a file: returns it pending, with the uploadUrl to PUT its bytes to (exactly byteSize bytes whose SHA-256 is sha256, of the declared content type) before uploadExpiresAt. Accepted types per purpose: files.allowed_types; size: platform.max_file_upload_mb. Errors: LOGIN, SUSPD, INVAL (a field named), LIMIT (size, waiting uploads, quota).';


--
-- Name: resend_verification_email(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.resend_verification_email(email text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid;
  v_email text := lower(trim(resend_verification_email.email));
begin
  if v_email is null or length(v_email) > 254 then
    return true;
  end if;
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email::citext and c.email_verified_at is null and u.deleted_at is null;
  -- The slot is taken per address whether or not an account needs the email, so the limit tells nothing either.
  if app_hidden.rate_limit_take('verify_email', v_email,
       (app_hidden.config_value('security.rate_verify_email_hour'))::int, interval '1 hour')
     and v_user_id is not null then
    perform app_hidden.queue_verification_email(v_user_id);
  end if;
  return true;
end;
$$;


--
-- Name: FUNCTION resend_verification_email(email text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.resend_verification_email(email text) IS '@resultFieldName success
Sends a new verification link if the address belongs to an account that still needs one (at most 5 per hour). Always returns true, so it reveals nothing about the address.';


--
-- Name: reset_password(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.reset_password(token text, new_password text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_token app_private.password_reset_tokens;
  v_email text;
  v_names text[];
begin
  if reset_password.token is null or reset_password.token !~ '^[0-9a-f]{64}$' then
    raise exception 'This reset link is not valid' using errcode = 'BADTK';
  end if;
  select * into v_token from app_private.password_reset_tokens t
   where t.token_hash = sha256(decode(reset_password.token, 'hex'))
   for update;
  if v_token.id is null or v_token.used_at is not null then
    raise exception 'This reset link is not valid, was already used or was replaced by a newer one' using errcode = 'BADTK';
  end if;
  if v_token.expires_at <= now() then
    raise exception 'This reset link has expired; ask for a new one' using errcode = 'EXPRD';
  end if;
  select c.email, array[u.first_name, c.last_name] into v_email, v_names
    from app_public.users u join app_public.user_contacts c on c.user_id = u.id
   where u.id = v_token.user_id and u.deleted_at is null;
  if v_email is null then
    raise exception 'This reset link is not valid' using errcode = 'BADTK';
  end if;
  perform app_hidden.assert_password_policy(reset_password.new_password, v_email, v_names);

  update app_private.password_reset_tokens t set used_at = now() where t.id = v_token.id;
  -- Proving control of the mailbox also lifts a lockout: the owner is back in charge of the account.
  update app_private.user_secrets s
     set password_hash = app_private.hash_password(reset_password.new_password),
         failed_login_count = 0, locked_until = null
   where s.user_id = v_token.user_id;
  perform app_private.revoke_user_sessions(v_token.user_id);
  insert into app_private.emails (user_id, recipient, subject, body)
  values (v_token.user_id, v_email, 'Your password was changed',
          E'Hello,\n\nthe password of your P2P Delivery account was just reset and every device was signed out.\n'
          'If it was not you, contact support at once.\n');
  return true;
end;
$_$;


--
-- Name: FUNCTION reset_password(token text, new_password text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.reset_password(token text, new_password text) IS '@resultFieldName success
Sets a new password with the token from a reset link, lifts a lockout and signs out every device. Errors: BADTK (unknown, used or replaced link), EXPRD (expired), WEAKP (password policy).';


--
-- Name: respond_to_review(uuid, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.respond_to_review(review_id uuid, response text) RETURNS app_public.reviews
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'answer reviews');
  v_response text := nullif(trim(respond_to_review.response), '');
  v_review app_public.reviews := app_hidden.lock_review(respond_to_review.review_id);
begin
  if v_user_id not in (v_review.reviewee_id, v_review.reviewer_id) then
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if v_review.reviewee_id <> v_user_id then
    raise exception 'Only the user reviewed may answer' using errcode = 'DNIED';
  end if;
  if v_response is null or length(v_response) > 500 then
    raise exception 'An answer has 1 to 500 characters' using errcode = 'INVAL';
  end if;
  if v_review.response is not null then
    raise exception 'This review has already been answered' using errcode = 'BADST';
  end if;
  if v_review.status <> 'active' then
    raise exception 'A % review cannot be answered', v_review.status using errcode = 'BADST';
  end if;
  update app_public.reviews v set response = v_response, response_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  return v_review;
end;
$$;


--
-- Name: FUNCTION respond_to_review(review_id uuid, response text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.respond_to_review(review_id uuid, response text) IS '@resultFieldName review
The user reviewed answers the review once (1–500 characters). Errors: LOGIN, DNIED (the author, or an inactive account), NTFND, INVAL, BADST (already answered, or hidden or removed).';


--
-- Name: review_verification_document(uuid, boolean, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.review_verification_document(document_id uuid, approve boolean, rejection_reason text DEFAULT NULL::text) RETURNS app_public.user_verification_documents
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_admin_id uuid := app_hidden.require_session('review documents');
  v_reason text := nullif(trim(review_verification_document.rejection_reason), '');
  v_document app_public.user_verification_documents;
begin
  if not app_hidden.current_user_has_permission('users.verify') then
    raise exception 'Reviewing documents needs the users.verify permission' using errcode = 'DNIED';
  end if;
  if review_verification_document.approve is null then
    raise exception 'Say whether the document is approved' using errcode = 'INVAL';
  end if;
  select d.* into v_document from app_public.user_verification_documents d
   where d.id = review_verification_document.document_id for update;
  if v_document.id is null then
    raise exception 'Document not found' using errcode = 'NTFND';
  end if;
  if v_document.user_id = v_admin_id then
    raise exception 'Admins do not review their own documents' using errcode = 'DNIED';
  end if;
  if v_document.status not in ('pending', 'under_review') then
    raise exception 'The document is already %', v_document.status using errcode = 'BADST';
  end if;
  if review_verification_document.approve and v_document.expires_on < current_date then
    raise exception 'The document has expired' using errcode = 'EXPRD';
  end if;
  if not review_verification_document.approve and (v_reason is null or length(v_reason) not between 10 and 1000) then
    raise exception 'A rejection needs a reason of 10 to 1000 characters' using errcode = 'INVAL';
  end if;

  update app_public.user_verification_documents d
     set status = case when review_verification_document.approve then 'approved' else 'rejected' end::app_public.verification_status,
         rejection_reason = case when review_verification_document.approve then null else v_reason end,
         verified_by = v_admin_id,
         reviewed_at = now()
   where d.id = v_document.id
  returning d.* into v_document;
  return v_document;
end;
$$;


--
-- Name: FUNCTION review_verification_document(document_id uuid, approve boolean, rejection_reason text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.review_verification_document(document_id uuid, approve boolean, rejection_reason text) IS '@resultFieldName userVerificationDocument
Approves or rejects a pending verification document (admins with users.verify). A rejection needs a reason of at least 10 characters. The owner''s verification level is recomputed. Errors: LOGIN, DNIED, NTFND, BADST (already decided), EXPRD, INVAL.';


--
-- Name: revoke_session(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.revoke_session(session_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_hidden.require_session();
  update app_private.sessions s set revoked_at = now()
   where s.id = revoke_session.session_id and s.user_id = app_public.current_user_id()
     and s.revoked_at is null and s.expires_at > now();
  if not found then
    raise exception 'No such session' using errcode = 'NTFND';
  end if;
  return true;
end;
$$;


--
-- Name: FUNCTION revoke_session(session_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.revoke_session(session_id uuid) IS '@resultFieldName success
Ends one of your device sessions; NTFND when it is not one of your live sessions.';


--
-- Name: trip_templates; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.trip_templates (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    trip_data jsonb NOT NULL,
    usage_count integer DEFAULT 0 NOT NULL,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trip_templates_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100))),
    CONSTRAINT trip_templates_trip_data_check CHECK ((jsonb_typeof(trip_data) = 'object'::text)),
    CONSTRAINT trip_templates_usage_count_check CHECK ((usage_count >= 0))
);

ALTER TABLE ONLY app_public.trip_templates FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.trip_templates IS '@behavior -insert -update
A trip saved for reuse (saveTripTemplate, createTripFromTemplate): private to its owner, who may delete it.';


--
-- Name: COLUMN trip_templates.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.id IS 'Identifier of the template.';


--
-- Name: COLUMN trip_templates.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.user_id IS 'Owner of the template.';


--
-- Name: COLUMN trip_templates.name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.name IS 'Name of the template, unique per user.';


--
-- Name: COLUMN trip_templates.trip_data; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.trip_data IS 'The trip''s fields (route, capacity, pricing, restrictions, visibility) and its duration_minutes.';


--
-- Name: COLUMN trip_templates.usage_count; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.usage_count IS 'How many trips were created from the template.';


--
-- Name: COLUMN trip_templates.last_used_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.last_used_at IS 'When a trip was last created from the template.';


--
-- Name: COLUMN trip_templates.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.created_at IS 'When the template was saved.';


--
-- Name: COLUMN trip_templates.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.trip_templates.updated_at IS 'When the template last changed.';


--
-- Name: CONSTRAINT trip_templates_name_check ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_name_check ON app_public.trip_templates IS 'name must have 1 to 100 characters';


--
-- Name: CONSTRAINT trip_templates_trip_data_check ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_trip_data_check ON app_public.trip_templates IS 'trip_data must be a JSON object';


--
-- Name: CONSTRAINT trip_templates_usage_count_check ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_usage_count_check ON app_public.trip_templates IS 'usage_count cannot be negative';


--
-- Name: save_trip_template(uuid, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.save_trip_template(trip_id uuid, name text) RETURNS app_public.trip_templates
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'save trip templates');
  v_trip app_public.trips;
  v_template app_public.trip_templates;
begin
  select t.* into v_trip from app_public.trips t where t.id = save_trip_template.trip_id;
  if v_trip.id is null or v_trip.traveler_id <> v_user_id then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if save_trip_template.name is null or length(trim(save_trip_template.name)) not between 1 and 100 then
    raise exception 'A template needs a name of 1 to 100 characters' using errcode = 'INVAL';
  end if;
  insert into app_public.trip_templates (user_id, name, trip_data)
  values (v_user_id, trim(save_trip_template.name), jsonb_build_object(
    'title', v_trip.title, 'description', v_trip.description, 'trip_type', v_trip.trip_type,
    'origin_address', v_trip.origin_address, 'origin_point', public.st_asgeojson(v_trip.origin_point)::jsonb,
    'origin_airport', v_trip.origin_airport, 'destination_address', v_trip.destination_address,
    'destination_point', public.st_asgeojson(v_trip.destination_point)::jsonb,
    'destination_airport', v_trip.destination_airport,
    'duration_minutes', round(extract(epoch from v_trip.arrival_time - v_trip.departure_time) / 60),
    'capacity_weight_kg', v_trip.capacity_weight_kg, 'capacity_volume_l', v_trip.capacity_volume_l,
    'capacity_items', v_trip.capacity_items, 'currency', v_trip.currency, 'base_price', v_trip.base_price,
    'price_per_kg', v_trip.price_per_kg, 'price_per_km', v_trip.price_per_km,
    'express_multiplier', v_trip.express_multiplier, 'fragile_multiplier', v_trip.fragile_multiplier,
    'no_fragile', v_trip.no_fragile, 'no_electronics', v_trip.no_electronics,
    'max_item_value', v_trip.max_item_value, 'prohibited_categories', to_jsonb(v_trip.prohibited_categories),
    'visibility', v_trip.visibility, 'auto_accept', v_trip.auto_accept,
    'auto_accept_price', v_trip.auto_accept_price))
  on conflict on constraint trip_templates_user_name_key
  do update set trip_data = excluded.trip_data
  returning * into v_template;
  return v_template;
end;
$$;


--
-- Name: FUNCTION save_trip_template(trip_id uuid, name text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.save_trip_template(trip_id uuid, name text) IS '@resultFieldName tripTemplate
Saves the route, capacity, pricing, restrictions, visibility and duration of one of the signed-in traveler''s trips as a named template (an existing template of that name is replaced). Errors: LOGIN, DNIED, NTFND, INVAL.';


--
-- Name: schedule_dropoff(uuid, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.schedule_dropoff(delivery_id uuid, at timestamp with time zone) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'schedule drop-offs');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(schedule_dropoff.delivery_id, v_user_id);
begin
  if schedule_dropoff.at is null or schedule_dropoff.at <= now() then
    raise exception 'Schedule the drop-off in the future' using errcode = 'INVAL';
  end if;
  update app_public.deliveries d set delivery_time = schedule_dropoff.at where d.id = v_delivery.id;
  if v_delivery.status = 'in_transit' then
    v_delivery := app_hidden.transition_delivery(v_delivery.id, 'delivery_scheduled', 'user', v_user_id);
  elsif v_delivery.status <> 'delivery_scheduled' then
    raise exception 'The drop-off of a % delivery cannot be scheduled', v_delivery.status using errcode = 'BADST';
  end if;
  return (select d from app_public.deliveries d where d.id = v_delivery.id);
end;
$$;


--
-- Name: FUNCTION schedule_dropoff(delivery_id uuid, at timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.schedule_dropoff(delivery_id uuid, at timestamp with time zone) IS '@resultFieldName delivery
Either party sets (or moves) the drop-off time of an item in transit. Errors: LOGIN, NTFND, INVAL (not in the future), BADST (not in transit).';


--
-- Name: schedule_pickup(uuid, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.schedule_pickup(delivery_id uuid, at timestamp with time zone) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'schedule pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(schedule_pickup.delivery_id, v_user_id);
begin
  if schedule_pickup.at is null or schedule_pickup.at <= now() then
    raise exception 'Schedule the pickup in the future' using errcode = 'INVAL';
  end if;
  if v_delivery.delivery_time is not null and schedule_pickup.at >= v_delivery.delivery_time then
    raise exception 'The pickup must come before the drop-off time' using errcode = 'INVAL';
  end if;
  update app_public.deliveries d set pickup_time = schedule_pickup.at where d.id = v_delivery.id;
  if v_delivery.status = 'accepted' then
    v_delivery := app_hidden.transition_delivery(v_delivery.id, 'pickup_scheduled', 'user', v_user_id);
  elsif v_delivery.status <> 'pickup_scheduled' then
    raise exception 'The pickup of a % delivery cannot be scheduled', v_delivery.status using errcode = 'BADST';
  end if;
  perform app_hidden.queue_email(
    case v_user_id when v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
    'Pickup scheduled', format(E'The pickup of %s is scheduled for %s UTC.\n', v_delivery.delivery_number,
                               to_char(schedule_pickup.at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')));
  return (select d from app_public.deliveries d where d.id = v_delivery.id);
end;
$$;


--
-- Name: FUNCTION schedule_pickup(delivery_id uuid, at timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.schedule_pickup(delivery_id uuid, at timestamp with time zone) IS '@resultFieldName delivery
Either party sets (or moves) the pickup time of an accepted delivery. Errors: LOGIN, NTFND, INVAL (not in the future, or after the drop-off), BADST (already picked up or ended).';


--
-- Name: search_requests(public.geography, numeric, public.geography, app_public.item_category, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.search_requests(near public.geography, radius_km numeric DEFAULT NULL::numeric, destination public.geography DEFAULT NULL::public.geography, category app_public.item_category DEFAULT NULL::app_public.item_category, window_from timestamp with time zone DEFAULT NULL::timestamp with time zone, window_to timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS SETOF app_public.request_listing
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'browse delivery requests');
  v_radius_m float8;
  v_margin_m constant float8 := 1000;
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('traveler', 'both')) then
    raise exception 'Only travelers browse delivery requests; switch your account to traveler or both'
      using errcode = 'DNIED';
  end if;
  if search_requests.near is null then
    raise exception 'Give the point to search near' using errcode = 'INVAL';
  end if;
  v_radius_m := 1000 * coalesce(search_requests.radius_km, (app_hidden.config_value('requests.search_radius_km'))::numeric);
  if v_radius_m <= 0 or v_radius_m > 1000 * (app_hidden.config_value('requests.max_search_radius_km'))::numeric then
    raise exception 'The radius must be more than 0 and at most % km', app_hidden.config_value('requests.max_search_radius_km')
      using errcode = 'INVAL';
  end if;
  if search_requests.window_from >= search_requests.window_to then
    raise exception 'The window must start before it ends' using errcode = 'INVAL';
  end if;

  return query
  with candidates as (
    select r.id, r.title, r.category, r.urgency, r.quantity, r.total_weight, r.total_volume_l, r.is_fragile,
           r.pickup_city, r.pickup_country, app_hidden.snapped_point(r.pickup_point)::geography(point, 4326) as pickup_point,
           r.pickup_window_start, r.pickup_window_end,
           r.delivery_city, r.delivery_country, app_hidden.snapped_point(r.delivery_point)::geography(point, 4326) as delivery_point,
           r.delivery_window_start, r.delivery_window_end, r.max_price, r.currency, r.expires_at,
           r.customer_id
      from app_hidden.listed_delivery_requests(v_user_id) r
     where st_dwithin(r.pickup_point, search_requests.near, v_radius_m + v_margin_m)
       and (search_requests.destination is null
            or st_dwithin(r.delivery_point, search_requests.destination, v_radius_m + v_margin_m))
       and (search_requests.category is null or r.category = search_requests.category)
       -- Requests without a pickup window are flexible and match any window.
       and (r.pickup_window_start is null
            or tstzrange(r.pickup_window_start, r.pickup_window_end)
               && tstzrange(search_requests.window_from, search_requests.window_to))
  )
  select c.id, c.title, c.category, c.urgency, c.quantity, c.total_weight, c.total_volume_l, c.is_fragile,
         c.pickup_city, c.pickup_country, c.pickup_point, c.pickup_window_start, c.pickup_window_end,
         c.delivery_city, c.delivery_country, c.delivery_point, c.delivery_window_start, c.delivery_window_end,
         round((st_distance(c.pickup_point, search_requests.near) / 1000)::numeric, 1),
         c.max_price, c.currency, c.expires_at, u.display_name,
         case when s.is_public then s.average_rating end
    from candidates c
    join app_public.users u on u.id = c.customer_id
    left join app_public.user_statistics s on s.user_id = c.customer_id
   where st_dwithin(c.pickup_point, search_requests.near, v_radius_m)
     and (search_requests.destination is null or st_dwithin(c.delivery_point, search_requests.destination, v_radius_m))
   order by st_distance(c.pickup_point, search_requests.near), c.expires_at, c.id;
end;
$$;


--
-- Name: FUNCTION search_requests(near public.geography, radius_km numeric, destination public.geography, category app_public.item_category, window_from timestamp with time zone, window_to timestamp with time zone); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.search_requests(near public.geography, radius_km numeric, destination public.geography, category app_public.item_category, window_from timestamp with time zone, window_to timestamp with time zone) IS 'The marketplace for travelers: open, unexpired delivery requests whose pickup lies within radiusKm (default requests.search_radius_km, at most requests.max_search_radius_km) of near, optionally with the drop-off within radiusKm of destination, of one category, and with a pickup window overlapping windowFrom–windowTo (requests without a window always match). Never your own requests, requests across a block in either direction, requests that blacklist you, or requests of inactive customers. Places are masked: cities and points snapped to 0.01°. Ordered by distance, then expiry, then id. Errors: LOGIN, DNIED (not an active, email-verified traveler), INVAL.';


--
-- Name: search_trips(public.geography, public.geography, double precision, timestamp with time zone, timestamp with time zone, numeric, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.search_trips(origin public.geography DEFAULT NULL::public.geography, destination public.geography DEFAULT NULL::public.geography, radius_km double precision DEFAULT 25, departure_from timestamp with time zone DEFAULT NULL::timestamp with time zone, departure_to timestamp with time zone DEFAULT NULL::timestamp with time zone, min_weight_kg numeric DEFAULT NULL::numeric, query text DEFAULT NULL::text) RETURNS SETOF app_public.trips
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_user_id uuid := app_hidden.require_session('search trips');
  v_radius_m double precision := coalesce(search_trips.radius_km, 25) * 1000;
  v_pattern text;
  v_sql text;
begin
  if v_radius_m <= 0 or v_radius_m > 500000 then
    raise exception 'radius_km must be more than 0 and at most 500' using errcode = 'INVAL';
  end if;
  if search_trips.departure_to < search_trips.departure_from then
    raise exception 'departure_to lies before departure_from' using errcode = 'INVAL';
  end if;
  if length(search_trips.query) > 200 then
    raise exception 'The search text is longer than 200 characters' using errcode = 'INVAL';
  end if;
  if nullif(trim(search_trips.query), '') is not null then
    -- matched literally: LIKE's wildcards and its escape character are escaped
    v_pattern := '%' || replace(replace(replace(trim(search_trips.query), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;

  -- Dynamic SQL: only the filters asked for appear, and the statement is planned with the actual values, so the
  -- spatial and text filters always use their indexes (a cached generic plan of "$1 is null or st_dwithin(…)"
  -- could not).
  v_sql := case when app_hidden.current_user_has_permission('deliveries.read') then 'select t.* from app_public.trips t'
                else 'select t.* from app_hidden.trips_visible_to($8) t' end
        || ' where t.status in (''upcoming'', ''delayed'') and t.departure_time >= $1';
  if search_trips.departure_to is not null then
    v_sql := v_sql || ' and t.departure_time <= $2';
  end if;
  if search_trips.origin is not null then
    v_sql := v_sql || ' and public.st_dwithin(t.origin_point, $3, $5)';
  end if;
  if search_trips.destination is not null then
    v_sql := v_sql || ' and public.st_dwithin(t.destination_point, $4, $5)';
  end if;
  if search_trips.min_weight_kg is not null then
    v_sql := v_sql || ' and t.available_weight_kg >= $6';
  end if;
  if v_pattern is not null then
    -- exactly the expression of idx_trips_text, so the trigram index serves the ILIKE
    v_sql := v_sql || $sql$ and (coalesce(t.title, '') || ' ' || coalesce(t.description, '') || ' '$sql$
                   || $sql$ || coalesce(t.origin_address, '') || ' ' || coalesce(t.destination_address, '')) ilike $7$sql$;
  end if;
  v_sql := v_sql || ' order by t.departure_time, t.id limit $9';
  return query execute v_sql
    using greatest(coalesce(search_trips.departure_from, now()), now()), search_trips.departure_to,
          search_trips.origin, search_trips.destination, v_radius_m, search_trips.min_weight_kg, v_pattern, v_user_id,
          (app_hidden.config_value('trips.search_max_results'))::int;
end;
$_$;


--
-- Name: FUNCTION search_trips(origin public.geography, destination public.geography, radius_km double precision, departure_from timestamp with time zone, departure_to timestamp with time zone, min_weight_kg numeric, query text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.search_trips(origin public.geography, destination public.geography, radius_km double precision, departure_from timestamp with time zone, departure_to timestamp with time zone, min_weight_kg numeric, query text) IS 'Upcoming and delayed trips visible to the signed-in user that depart within the window (never in the past), start within radius_km (default 25, at most 500) of origin and end within radius_km of destination (each when given), have at least min_weight_kg free and contain the text query (title, description, addresses), soonest first: at most trips.search_max_results (100) trips, so page further with departureFrom. Errors: LOGIN, INVAL.';


--
-- Name: search_users(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.search_users(q text) RETURNS SETOF app_public.users
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('search for people');
  v_every_account boolean := app_hidden.current_user_has_permission('users.read');
  v_q text := trim(search_users.q);
begin
  if v_q is null or length(v_q) not between 2 and 100 then
    raise exception 'Search with 2 to 100 characters' using errcode = 'INVAL';
  end if;
  return query
  select u.* from app_public.users u
   where (u.first_name || ' ' || u.display_name) ilike '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
     and u.id <> v_user_id
     and ((u.status = 'active' and u.deleted_at is null) or v_every_account)
     and not exists (select 1 from app_hidden.users_blocked_with(v_user_id) b where b = u.id)
   order by public.similarity(u.first_name || ' ' || u.display_name, v_q) desc, u.display_name, u.id
   limit 20;
end;
$$;


--
-- Name: FUNCTION search_users(q text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.search_users(q text) IS 'Up to 20 active users whose name contains q (2–100 characters), best matches first; blocked users either way are left out. Errors: LOGIN, INVAL.';


--
-- Name: user_addresses; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_addresses (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    address_type app_public.address_type DEFAULT 'home'::app_public.address_type NOT NULL,
    label text,
    street text NOT NULL,
    city text NOT NULL,
    postal_code text,
    country text NOT NULL,
    point public.geography(Point,4326),
    is_default boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_addresses_city_check CHECK (((length(city) >= 1) AND (length(city) <= 100))),
    CONSTRAINT user_addresses_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT user_addresses_label_check CHECK (((length(label) >= 1) AND (length(label) <= 50))),
    CONSTRAINT user_addresses_postal_code_check CHECK (((length(postal_code) >= 1) AND (length(postal_code) <= 20))),
    CONSTRAINT user_addresses_street_check CHECK (((length(street) >= 1) AND (length(street) <= 255)))
);

ALTER TABLE ONLY app_public.user_addresses FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_addresses IS 'Saved addresses of a user, visible only to the user (and admins with users.read). Exactly one is the default.';


--
-- Name: COLUMN user_addresses.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.id IS 'Identifier of the address.';


--
-- Name: COLUMN user_addresses.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.user_id IS '@hasDefault
Owner of the address (set from the signed-in user).';


--
-- Name: COLUMN user_addresses.address_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.address_type IS 'home, work or other.';


--
-- Name: COLUMN user_addresses.label; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.label IS 'Optional name the user gives the address.';


--
-- Name: COLUMN user_addresses.street; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.street IS 'Street and number.';


--
-- Name: COLUMN user_addresses.city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.city IS 'City.';


--
-- Name: COLUMN user_addresses.postal_code; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.postal_code IS 'Postal code, if the country has one.';


--
-- Name: COLUMN user_addresses.country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.country IS 'Country as an upper-case ISO 3166-1 alpha-2 code, e.g. DE.';


--
-- Name: COLUMN user_addresses.point; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.point IS '@behavior -orderBy -filterBy
Location of the address (GeoJSON point, WGS 84).';


--
-- Name: COLUMN user_addresses.is_default; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.is_default IS 'Whether this is the default address; change it with setDefaultAddress.';


--
-- Name: COLUMN user_addresses.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.created_at IS 'When the address was saved.';


--
-- Name: COLUMN user_addresses.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_addresses.updated_at IS 'When the address last changed.';


--
-- Name: CONSTRAINT user_addresses_city_check ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_city_check ON app_public.user_addresses IS 'city must have 1 to 100 characters';


--
-- Name: CONSTRAINT user_addresses_country_check ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_country_check ON app_public.user_addresses IS 'country must be a two-letter country code (ISO 3166-1)';


--
-- Name: CONSTRAINT user_addresses_label_check ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_label_check ON app_public.user_addresses IS 'label must have 1 to 50 characters';


--
-- Name: CONSTRAINT user_addresses_postal_code_check ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_postal_code_check ON app_public.user_addresses IS 'postal_code must have 1 to 20 characters';


--
-- Name: CONSTRAINT user_addresses_street_check ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_street_check ON app_public.user_addresses IS 'street must have 1 to 255 characters';


--
-- Name: set_default_address(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.set_default_address(address_id uuid) RETURNS app_public.user_addresses
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('manage your addresses');
  v_address app_public.user_addresses;
begin
  -- Lock all of the user's addresses so concurrent switches serialise.
  perform 1 from app_public.user_addresses a where a.user_id = v_user_id order by a.id for update;
  if not exists (select 1 from app_public.user_addresses a
                  where a.id = set_default_address.address_id and a.user_id = v_user_id) then
    raise exception 'Address not found' using errcode = 'NTFND';
  end if;
  update app_public.user_addresses a set is_default = false
   where a.user_id = v_user_id and a.is_default and a.id <> set_default_address.address_id;
  update app_public.user_addresses a set is_default = true
   where a.id = set_default_address.address_id
  returning a.* into v_address;
  return v_address;
end;
$$;


--
-- Name: FUNCTION set_default_address(address_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.set_default_address(address_id uuid) IS '@resultFieldName userAddress
Makes one of the signed-in user''s addresses the default (the previous default stops being one). Errors: LOGIN, NTFND.';


--
-- Name: setup_two_factor(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.setup_two_factor() RETURNS app_public.two_factor_setup
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session();
  v_secret bytea := public.gen_random_bytes(20);
  v_email citext;
  v_issuer text := app_hidden.config_value('auth.totp_issuer') #>> '{}';
begin
  perform 1 from app_private.user_secrets s where s.user_id = v_user_id for update;  -- one setup at a time
  if exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is already on' using errcode = 'BADST';
  end if;
  if (select count(*) from app_private.two_factor_setups s
       where s.user_id = v_user_id and s.created_at > now() - interval '1 hour')
     >= (app_hidden.config_value('security.rate_2fa_setup_hour'))::int then
    raise exception 'Too many two-factor setups; try again later' using errcode = 'LIMIT';
  end if;
  insert into app_private.two_factor_setups (user_id) values (v_user_id);
  perform app_private.seal_totp_secret(v_user_id, v_secret);
  -- A setup started again forgets the previous one's codes and steps.
  update app_private.user_two_factor_auth t set backup_code_hashes = '{}', last_used_step = null, created_at = now()
   where t.user_id = v_user_id;
  select c.email into v_email from app_public.user_contacts c where c.user_id = v_user_id;
  return row(
    app_private.base32_encode(v_secret),
    format('otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30',
           app_private.uri_encode(v_issuer), app_private.uri_encode(v_email::text), app_private.base32_encode(v_secret),
           app_private.uri_encode(v_issuer))
  )::app_public.two_factor_setup;
end;
$$;


--
-- Name: FUNCTION setup_two_factor(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.setup_two_factor() IS '@resultFieldName setup
Starts turning on two-factor authentication: returns a new TOTP secret and its otpauth:// URI, shown once. Confirm with confirmTwoFactor. BADST when it is already on, LIMIT after too many setups in an hour.';


--
-- Name: start_document_review(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.start_document_review(document_id uuid) RETURNS app_public.user_verification_documents
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_admin_id uuid := app_hidden.require_session('review documents');
  v_document app_public.user_verification_documents;
begin
  if not app_hidden.current_user_has_permission('users.verify') then
    raise exception 'Reviewing documents needs the users.verify permission' using errcode = 'DNIED';
  end if;
  select d.* into v_document from app_public.user_verification_documents d
   where d.id = start_document_review.document_id for update;
  if v_document.id is null then
    raise exception 'Document not found' using errcode = 'NTFND';
  end if;
  if v_document.user_id = v_admin_id then
    raise exception 'Admins do not review their own documents' using errcode = 'DNIED';
  end if;
  if v_document.status <> 'pending' then
    raise exception 'The document is already %', v_document.status using errcode = 'BADST';
  end if;
  update app_public.user_verification_documents d set status = 'under_review', verified_by = v_admin_id
   where d.id = v_document.id
  returning d.* into v_document;
  return v_document;
end;
$$;


--
-- Name: FUNCTION start_document_review(document_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.start_document_review(document_id uuid) IS '@resultFieldName userVerificationDocument
Marks a pending verification document as under review by the calling admin (users.verify). Errors: LOGIN, DNIED, NTFND, BADST.';


--
-- Name: start_transit(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.start_transit(delivery_id uuid) RETURNS app_public.deliveries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'update deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(start_transit.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'start the transit');
  return app_hidden.transition_delivery(v_delivery.id, 'in_transit', 'user', v_user_id);
end;
$$;


--
-- Name: FUNCTION start_transit(delivery_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.start_transit(delivery_id uuid) IS '@resultFieldName delivery
The traveler reports the picked-up item on its way. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up).';


--
-- Name: start_trip(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.start_trip(trip_id uuid) RETURNS app_public.trips
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'start trips');
  v_trip app_public.trips;
  v_window interval := make_interval(hours => (app_hidden.config_value('trips.start_window_hours'))::int);
begin
  v_trip := app_hidden.own_trip_for_update(start_trip.trip_id, v_user_id);
  if v_trip.status not in ('upcoming', 'delayed') then
    raise exception 'A % trip cannot be started', v_trip.status using errcode = 'BADST';
  end if;
  if now() < v_trip.departure_time - v_window then
    raise exception 'A trip can be started at most % before its departure', v_window using errcode = 'BADST';
  end if;
  update app_public.trips t set status = 'active', started_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION start_trip(trip_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.start_trip(trip_id uuid) IS '@resultFieldName trip
Starts an upcoming or delayed trip of the signed-in traveler, at most trips.start_window_hours (24) before departure. Errors: LOGIN, DNIED, NTFND, BADST (wrong state or too early).';


--
-- Name: submit_offer(uuid, uuid, bigint, text, timestamp with time zone, timestamp with time zone, text[]); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.submit_offer(request_id uuid, trip_id uuid, price bigint, message text DEFAULT NULL::text, pickup_time timestamp with time zone DEFAULT NULL::timestamp with time zone, delivery_time timestamp with time zone DEFAULT NULL::timestamp with time zone, guarantees text[] DEFAULT NULL::text[]) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('phone_verified', 'make offers');
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_offer app_public.delivery_offers;
begin
  select * into v_request from app_public.delivery_requests r where r.id = submit_offer.request_id for update;
  if v_request.id is null then
    raise exception 'Request not found' using errcode = 'NTFND';
  end if;
  select * into v_trip from app_public.trips t
   where t.id = submit_offer.trip_id and t.traveler_id = v_user_id
   for update;
  if v_trip.id is null then
    raise exception 'Trip not found among your trips' using errcode = 'NTFND';
  end if;
  v_offer := app_hidden.open_offer_thread(v_request, v_trip, 'traveler', v_user_id, submit_offer.price,
    submit_offer.message, submit_offer.pickup_time, submit_offer.delivery_time, submit_offer.guarantees);
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.queue_email(v_request.customer_id, 'New offer on your request',
      format(E'A traveler offers to carry "%s" for %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION submit_offer(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.submit_offer(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) IS '@resultFieldName deliveryOffer
A traveler offers to carry a request on one of their trips, valid 24 hours (never past the request''s expiry). Accepted at once when the price is at or under the request''s auto-accept price. Errors: LOGIN, DNIED (not phone-verified, own request, blocked, blacklisted, rating or verification filter), NTFND (request, or trip not yours), BADST (request closed, trip not live, a live offer exists), EXPRD (request expired), INVAL (price ≤ 0 or above max_price, trip restrictions), CAPAC (trip too small), LIMIT (3 offers per request, live deliveries).';


--
-- Name: submit_review(uuid, integer, integer, integer, integer, integer, text, boolean); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.submit_review(delivery_id uuid, overall_rating integer, communication_rating integer DEFAULT NULL::integer, punctuality_rating integer DEFAULT NULL::integer, care_rating integer DEFAULT NULL::integer, accuracy_rating integer DEFAULT NULL::integer, comment text DEFAULT NULL::text, is_anonymous boolean DEFAULT false) RETURNS app_public.reviews
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'review deliveries');
  v_comment text := nullif(trim(submit_review.comment), '');
  v_delivery app_public.deliveries;
  v_review app_public.reviews;
begin
  perform app_hidden.assert_review_input(submit_review.overall_rating, submit_review.communication_rating,
    submit_review.punctuality_rating, submit_review.care_rating, submit_review.accuracy_rating, v_comment);
  -- Locked so that the two parties' reviews and a dispute opening are serialised per delivery.
  v_delivery := app_hidden.lock_delivery_for_party(submit_review.delivery_id, v_user_id);
  if v_delivery.delivered_at is null or v_delivery.status not in ('delivered', 'disputed') then
    raise exception 'Only a delivered delivery can be reviewed' using errcode = 'BADST';
  end if;
  if now() > v_delivery.delivered_at
             + make_interval(days => (app_hidden.config_value('reviews.window_days'))::integer) then
    raise exception 'The time to review this delivery has passed' using errcode = 'EXPRD';
  end if;
  if exists (select 1 from app_public.reviews v
              where v.delivery_id = v_delivery.id and v.reviewer_id = v_user_id) then
    raise exception 'You already reviewed this delivery; edit your review instead' using errcode = 'BADST';
  end if;
  insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating,
                                  communication_rating, punctuality_rating, care_rating, accuracy_rating, comment,
                                  is_anonymous)
  values (v_delivery.id, v_user_id,
          case when v_user_id = v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
          case when v_user_id = v_delivery.customer_id then 'customer' else 'traveler' end::app_public.offer_party,
          submit_review.overall_rating, submit_review.communication_rating, submit_review.punctuality_rating,
          submit_review.care_rating, submit_review.accuracy_rating, v_comment,
          coalesce(submit_review.is_anonymous, false))
  returning * into v_review;
  return v_review;
end;
$$;


--
-- Name: FUNCTION submit_review(delivery_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.submit_review(delivery_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) IS '@resultFieldName review
Reviews the other party of a delivered delivery you took part in: an overall rating (1–5), optional communication, punctuality, care and accuracy ratings (1–5), a comment (at most 1000 characters) and whether to stay anonymous to other users. Once per party, within 30 days (reviews.window_days) of delivery. Errors: LOGIN, DNIED (inactive account), NTFND (not your delivery), BADST (not delivered, or already reviewed), EXPRD (too late), INVAL.';


--
-- Name: submit_verification_document(app_public.document_type, uuid, uuid, uuid, date); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid DEFAULT NULL::uuid, selfie_image_id uuid DEFAULT NULL::uuid, expires_on date DEFAULT NULL::date) RETURNS app_public.user_verification_documents
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('submit documents');
  v_is_identity boolean := submit_verification_document.document_type in ('passport', 'driving_license', 'national_id');
  v_document app_public.user_verification_documents;
begin
  -- A suspended account may verify itself: proving who one is is often how a suspension ends.
  if (select u.status from app_public.users u where u.id = v_user_id) not in ('active', 'suspended') then
    raise exception 'Verify your email before submitting documents' using errcode = 'BADST';
  end if;
  if submit_verification_document.document_type is null then
    raise exception 'document_type: a document type is required' using errcode = 'INVAL';
  end if;
  if submit_verification_document.front_image_id is null then
    raise exception 'front_image_id: a document needs its front image' using errcode = 'INVAL';
  end if;
  if submit_verification_document.document_type = 'driving_license' and submit_verification_document.back_image_id is null then
    raise exception 'back_image_id: a driving licence needs an image of its back' using errcode = 'INVAL';
  end if;
  if v_is_identity and submit_verification_document.selfie_image_id is null then
    raise exception 'selfie_image_id: an identity document needs a selfie holding it' using errcode = 'INVAL';
  end if;
  if v_is_identity and submit_verification_document.expires_on is null then
    raise exception 'An identity document needs its expiry date' using errcode = 'INVAL';
  end if;
  if submit_verification_document.expires_on < current_date then
    raise exception 'The document has already expired' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_verification_documents d
              where d.user_id = v_user_id and d.document_type = submit_verification_document.document_type
                and d.status in ('pending', 'under_review', 'approved')) then
    raise exception 'A document of this type is already waiting for review or approved' using errcode = 'BADST';
  end if;

  insert into app_public.user_verification_documents
    (user_id, document_type, front_image_id, back_image_id, selfie_image_id, expires_on)
  values (v_user_id, submit_verification_document.document_type, submit_verification_document.front_image_id,
          submit_verification_document.back_image_id, submit_verification_document.selfie_image_id,
          submit_verification_document.expires_on)
  returning * into v_document;
  return v_document;
end;
$$;


--
-- Name: FUNCTION submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid, selfie_image_id uuid, expires_on date); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid, selfie_image_id uuid, expires_on date) IS '@resultFieldName userVerificationDocument
Submits an identity or address document for review (ready verification_document files of the user''s: requestUpload, then the upload; the images are checked as they are attached). A driving licence needs the back; passports, licences and ID cards need a selfie and the expiry date. Errors: LOGIN, BADST (account not active, a live document of this type exists, or an image not uploaded yet), INVAL (a field named: a missing image, a file not the user''s or not a verification document), LIMIT (too many uploads of this type in 30 days).';


--
-- Name: unblock_user(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.unblock_user(user_id uuid) RETURNS boolean
    LANGUAGE plpgsql STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('unblock users');
begin
  delete from app_public.user_blocks b where b.blocker_id = v_user_id and b.blocked_id = unblock_user.user_id;
  return found;
end;
$$;


--
-- Name: FUNCTION unblock_user(user_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.unblock_user(user_id uuid) IS '@resultFieldName success
Removes a block the signed-in user made; false when there was none. Errors: LOGIN.';


--
-- Name: update_delivery_request(uuid, app_public.delivery_request_details); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_delivery_request(request_id uuid, details app_public.delivery_request_details) RETURNS app_public.delivery_requests
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'edit delivery requests');
  v_old app_public.delivery_requests;
  v_request app_public.delivery_requests;
  d app_public.delivery_request_details;
begin
  select r.* into v_old from app_public.delivery_requests r
   where r.id = update_delivery_request.request_id and r.customer_id = v_user_id
     for update;
  if v_old.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  if v_old.status not in ('pending', 'matched') then
    raise exception 'A % request can no longer be edited', v_old.status using errcode = 'BADST';
  end if;
  if v_old.expires_at <= now() then
    raise exception 'This request has expired' using errcode = 'EXPRD';
  end if;
  d := app_hidden.checked_delivery_request_details(update_delivery_request.details, v_user_id, v_old.created_at, false);

  update app_public.delivery_requests r
     set title = d.title, description = d.description, category = d.category, urgency = d.urgency,
         item_name = d.item_name, quantity = d.quantity, weight_kg = d.weight_kg, length_cm = d.length_cm,
         width_cm = d.width_cm, height_cm = d.height_cm, declared_value = d.declared_value, currency = d.currency,
         is_fragile = d.is_fragile, is_perishable = d.is_perishable, is_hazardous = d.is_hazardous,
         requires_signature = d.requires_signature,
         pickup_address = d.pickup_address, pickup_point = d.pickup_point, pickup_city = d.pickup_city,
         pickup_country = d.pickup_country, pickup_contact_name = d.pickup_contact_name,
         pickup_contact_phone = d.pickup_contact_phone, pickup_instructions = d.pickup_instructions,
         pickup_window_start = d.pickup_window_start, pickup_window_end = d.pickup_window_end,
         delivery_address = d.delivery_address, delivery_point = d.delivery_point, delivery_city = d.delivery_city,
         delivery_country = d.delivery_country, delivery_contact_name = d.delivery_contact_name,
         delivery_contact_phone = d.delivery_contact_phone, delivery_instructions = d.delivery_instructions,
         delivery_window_start = d.delivery_window_start, delivery_window_end = d.delivery_window_end,
         max_price = d.max_price, auto_accept_price = d.auto_accept_price,
         estimated_price = app_hidden.delivery_request_estimate(d),
         preferred_travelers = d.preferred_travelers, blacklisted_travelers = d.blacklisted_travelers,
         min_traveler_rating = d.min_traveler_rating, verification_required = d.verification_required,
         background_check_required = d.background_check_required,
         expires_at = coalesce(d.expires_at, r.expires_at)
   where r.id = v_old.id
  returning r.* into v_request;

  -- Live offers were made for the old terms: a changed item, place or window voids them all (request_changed), a
  -- lower max_price declines those above it, and travelers now blacklisted lose theirs.
  perform app_hidden.on_request_changed(v_request.id,
    (v_old.category, v_old.item_name, v_old.quantity, v_old.weight_kg, v_old.length_cm, v_old.width_cm, v_old.height_cm,
     v_old.declared_value, v_old.currency, v_old.is_fragile, v_old.is_perishable, v_old.requires_signature,
     v_old.pickup_address, v_old.pickup_point::text, v_old.pickup_window_start, v_old.pickup_window_end,
     v_old.delivery_address, v_old.delivery_point::text, v_old.delivery_window_start, v_old.delivery_window_end)
    is distinct from
    (v_request.category, v_request.item_name, v_request.quantity, v_request.weight_kg, v_request.length_cm,
     v_request.width_cm, v_request.height_cm, v_request.declared_value, v_request.currency, v_request.is_fragile,
     v_request.is_perishable, v_request.requires_signature, v_request.pickup_address, v_request.pickup_point::text,
     v_request.pickup_window_start, v_request.pickup_window_end, v_request.delivery_address,
     v_request.delivery_point::text, v_request.delivery_window_start, v_request.delivery_window_end),
    v_request.max_price, v_request.blacklisted_travelers);
  return (select r from app_public.delivery_requests r where r.id = v_request.id);
end;
$$;


--
-- Name: FUNCTION update_delivery_request(request_id uuid, details app_public.delivery_request_details); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_delivery_request(request_id uuid, details app_public.delivery_request_details) IS '@resultFieldName deliveryRequest
Replaces the details of one of your open (pending or matched) delivery requests; checked like createDeliveryRequest, estimate recomputed, a null expiresAt keeps the expiry. Errors: LOGIN, DNIED, NTFND, BADST (no longer open), EXPRD (past its expiry), INVAL.';


--
-- Name: user_preferences; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_preferences (
    user_id uuid NOT NULL,
    privacy jsonb DEFAULT '{"show_last_name": false, "show_statistics": true}'::jsonb NOT NULL,
    location jsonb DEFAULT '{"tracking_level": "approximate", "delete_after_delivery": true}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_preferences_location_shape CHECK (((jsonb_typeof(location) = 'object'::text) AND ((location - ARRAY['tracking_level'::text, 'delete_after_delivery'::text]) = '{}'::jsonb) AND ((location ->> 'tracking_level'::text) = ANY (ARRAY['precise'::text, 'approximate'::text, 'minimal'::text])) AND (jsonb_typeof((location -> 'delete_after_delivery'::text)) = 'boolean'::text))),
    CONSTRAINT user_preferences_privacy_shape CHECK (((jsonb_typeof(privacy) = 'object'::text) AND ((privacy - ARRAY['show_last_name'::text, 'show_statistics'::text]) = '{}'::jsonb) AND (jsonb_typeof((privacy -> 'show_last_name'::text)) = 'boolean'::text) AND (jsonb_typeof((privacy -> 'show_statistics'::text)) = 'boolean'::text)))
);

ALTER TABLE ONLY app_public.user_preferences FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_preferences; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_preferences IS '@behavior -insert -delete -update
Privacy and location preferences of a user (1:1, created with the user); change them with updatePreferences.';


--
-- Name: COLUMN user_preferences.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_preferences.user_id IS 'The user these preferences belong to.';


--
-- Name: COLUMN user_preferences.privacy; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_preferences.privacy IS 'Privacy: {show_last_name: boolean (display the full name), show_statistics: boolean (statistics public)}.';


--
-- Name: COLUMN user_preferences.location; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_preferences.location IS 'Location sharing: {tracking_level: precise|approximate|minimal, delete_after_delivery: boolean}.';


--
-- Name: COLUMN user_preferences.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_preferences.created_at IS 'When the row was created.';


--
-- Name: COLUMN user_preferences.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_preferences.updated_at IS 'When the preferences last changed.';


--
-- Name: CONSTRAINT user_preferences_location_shape ON user_preferences; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_preferences_location_shape ON app_public.user_preferences IS 'location must be {tracking_level: precise, approximate or minimal; delete_after_delivery: true or false}';


--
-- Name: CONSTRAINT user_preferences_privacy_shape ON user_preferences; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_preferences_privacy_shape ON app_public.user_preferences IS 'privacy must be {show_last_name: true or false; show_statistics: true or false}';


--
-- Name: update_preferences(jsonb, jsonb); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_preferences(privacy jsonb DEFAULT NULL::jsonb, location jsonb DEFAULT NULL::jsonb) RETURNS app_public.user_preferences
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('change your preferences');
  v_preferences app_public.user_preferences;
begin
  if update_preferences.privacy is not null and (
       jsonb_typeof(update_preferences.privacy) <> 'object'
       or exists (select 1 from jsonb_each(update_preferences.privacy) e
                   where e.key not in ('show_last_name', 'show_statistics') or jsonb_typeof(e.value) <> 'boolean')) then
    raise exception 'privacy accepts show_last_name and show_statistics, both booleans' using errcode = 'INVAL';
  end if;
  if update_preferences.location is not null and (
       jsonb_typeof(update_preferences.location) <> 'object'
       or exists (select 1 from jsonb_each(update_preferences.location) e
                   where not ((e.key = 'tracking_level' and e.value in ('"precise"', '"approximate"', '"minimal"'))
                              or (e.key = 'delete_after_delivery' and jsonb_typeof(e.value) = 'boolean')))) then
    raise exception 'location accepts tracking_level (precise, approximate or minimal) and delete_after_delivery (boolean)'
      using errcode = 'INVAL';
  end if;
  update app_public.user_preferences p
     set privacy = p.privacy || coalesce(update_preferences.privacy, '{}'),
         location = p.location || coalesce(update_preferences.location, '{}')
   where p.user_id = v_user_id
  returning p.* into v_preferences;
  return v_preferences;
end;
$$;


--
-- Name: FUNCTION update_preferences(privacy jsonb, location jsonb); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_preferences(privacy jsonb, location jsonb) IS '@resultFieldName userPreference
Changes some of the signed-in user''s preferences; keys left out stay. privacy: {show_last_name, show_statistics} booleans; location: {tracking_level: precise|approximate|minimal, delete_after_delivery: boolean}. Errors: LOGIN, INVAL.';


--
-- Name: update_profile(text, text, text, uuid, app_public.user_type, date); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_profile(first_name text DEFAULT NULL::text, last_name text DEFAULT NULL::text, bio text DEFAULT NULL::text, picture_id uuid DEFAULT NULL::uuid, user_type app_public.user_type DEFAULT NULL::app_public.user_type, date_of_birth date DEFAULT NULL::date) RETURNS app_public.users
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('change your profile');
  v_first_name text := trim(update_profile.first_name);
  v_last_name text := trim(update_profile.last_name);
  v_bio text := trim(update_profile.bio);
  v_user app_public.users;
begin
  if v_first_name is not null and length(v_first_name) not between 1 and 100 then
    raise exception 'The first name must have between 1 and 100 characters' using errcode = 'INVAL';
  end if;
  if length(v_last_name) > 100 then
    raise exception 'The last name must have at most 100 characters' using errcode = 'INVAL';
  end if;
  if length(v_bio) > 500 then
    raise exception 'The bio must have at most 500 characters' using errcode = 'INVAL';
  end if;

  if update_profile.date_of_birth is not null then
    perform app_hidden.assert_date_of_birth(update_profile.date_of_birth);
  end if;

  if v_last_name is not null or update_profile.date_of_birth is not null then
    update app_public.user_contacts c
       set last_name = case when v_last_name is null then c.last_name else nullif(v_last_name, '') end,
           date_of_birth = coalesce(update_profile.date_of_birth, c.date_of_birth)
     where c.user_id = v_user_id;
  end if;
  update app_public.users u
     set first_name = coalesce(v_first_name, u.first_name),
         bio = case when v_bio is null then u.bio else nullif(v_bio, '') end,
         picture_id = coalesce(update_profile.picture_id, u.picture_id),
         user_type = coalesce(update_profile.user_type, u.user_type)
   where u.id = v_user_id
  returning u.* into v_user;
  return v_user;
end;
$$;


--
-- Name: FUNCTION update_profile(first_name text, last_name text, bio text, picture_id uuid, user_type app_public.user_type, date_of_birth date); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_profile(first_name text, last_name text, bio text, picture_id uuid, user_type app_public.user_type, date_of_birth date) IS '@resultFieldName user
Changes the signed-in user''s profile: names, bio, picture, whether they send or carry items, and the date of birth (private; users must be at least 18). Omitted fields stay; an empty string clears the last name or bio. The picture is a ready avatar file of the user''s (updateUser with pictureId null removes it; a replaced picture is deleted). Errors: LOGIN, SUSPD, INVAL (a field named: picture_id not the user''s file or not an avatar), BADST (picture not uploaded yet).';


--
-- Name: update_review(uuid, integer, integer, integer, integer, integer, text, boolean); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_review(review_id uuid, overall_rating integer DEFAULT NULL::integer, communication_rating integer DEFAULT NULL::integer, punctuality_rating integer DEFAULT NULL::integer, care_rating integer DEFAULT NULL::integer, accuracy_rating integer DEFAULT NULL::integer, comment text DEFAULT NULL::text, is_anonymous boolean DEFAULT NULL::boolean) RETURNS app_public.reviews
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'edit reviews');
  v_review app_public.reviews := app_hidden.lock_review(update_review.review_id);
  v_comment text := coalesce(nullif(trim(update_review.comment), ''), v_review.comment);
begin
  if v_review.reviewer_id <> v_user_id then
    -- Others learn nothing about reviews they cannot edit.
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if v_review.status <> 'active' then
    raise exception 'A % review cannot be edited', v_review.status using errcode = 'BADST';
  end if;
  if now() > v_review.created_at + make_interval(hours => (app_hidden.config_value('reviews.edit_hours'))::integer) then
    raise exception 'The time to edit this review has passed' using errcode = 'EXPRD';
  end if;
  perform app_hidden.assert_review_input(coalesce(update_review.overall_rating, v_review.overall_rating),
    update_review.communication_rating, update_review.punctuality_rating, update_review.care_rating,
    update_review.accuracy_rating, v_comment);
  update app_public.reviews v
     set overall_rating = coalesce(update_review.overall_rating, v.overall_rating),
         communication_rating = coalesce(update_review.communication_rating, v.communication_rating),
         punctuality_rating = coalesce(update_review.punctuality_rating, v.punctuality_rating),
         care_rating = coalesce(update_review.care_rating, v.care_rating),
         accuracy_rating = coalesce(update_review.accuracy_rating, v.accuracy_rating),
         comment = v_comment,
         is_anonymous = coalesce(update_review.is_anonymous, v.is_anonymous),
         edited_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  return v_review;
end;
$$;


--
-- Name: FUNCTION update_review(review_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_review(review_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) IS '@resultFieldName review
The author edits their review within 24 hours (reviews.edit_hours) of writing it; arguments left out keep their value. Errors: LOGIN, DNIED (inactive account), NTFND (not your review), BADST (hidden or removed), EXPRD (too late), INVAL.';


--
-- Name: update_trip(uuid, text, text, app_public.trip_type, text, public.geography, text, text, public.geography, text, timestamp with time zone, timestamp with time zone, numeric, numeric, integer, bigint, bigint, bigint, numeric, numeric, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_trip(trip_id uuid, title text DEFAULT NULL::text, description text DEFAULT NULL::text, trip_type app_public.trip_type DEFAULT NULL::app_public.trip_type, origin_address text DEFAULT NULL::text, origin_point public.geography DEFAULT NULL::public.geography, origin_airport text DEFAULT NULL::text, destination_address text DEFAULT NULL::text, destination_point public.geography DEFAULT NULL::public.geography, destination_airport text DEFAULT NULL::text, departure_time timestamp with time zone DEFAULT NULL::timestamp with time zone, arrival_time timestamp with time zone DEFAULT NULL::timestamp with time zone, capacity_weight_kg numeric DEFAULT NULL::numeric, capacity_volume_l numeric DEFAULT NULL::numeric, capacity_items integer DEFAULT NULL::integer, base_price bigint DEFAULT NULL::bigint, price_per_kg bigint DEFAULT NULL::bigint, price_per_km bigint DEFAULT NULL::bigint, express_multiplier numeric DEFAULT NULL::numeric, fragile_multiplier numeric DEFAULT NULL::numeric, no_fragile boolean DEFAULT NULL::boolean, no_electronics boolean DEFAULT NULL::boolean, max_item_value bigint DEFAULT NULL::bigint, prohibited_categories text[] DEFAULT NULL::text[], visibility app_public.trip_visibility DEFAULT NULL::app_public.trip_visibility, auto_accept boolean DEFAULT NULL::boolean, auto_accept_price bigint DEFAULT NULL::bigint, recurring_pattern jsonb DEFAULT NULL::jsonb) RETURNS app_public.trips
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'update trips');
  v_level app_public.verification_level;
  v_trip app_public.trips;
  v_departure timestamptz;
  v_arrival timestamptz;
  v_weight numeric;
  v_volume numeric;
  v_items integer;
  v_times_changed boolean;
  v_status app_public.trip_status;
begin
  v_trip := app_hidden.own_trip_for_update(update_trip.trip_id, v_user_id);
  if v_trip.status in ('completed', 'cancelled') then
    raise exception 'A % trip can no longer be changed', v_trip.status using errcode = 'BADST';
  end if;

  v_departure := coalesce(update_trip.departure_time, v_trip.departure_time);
  v_arrival := coalesce(update_trip.arrival_time, v_trip.arrival_time);
  v_times_changed := v_departure <> v_trip.departure_time or v_arrival <> v_trip.arrival_time;
  if v_departure <> v_trip.departure_time and v_trip.status = 'active' then
    raise exception 'The departure of a trip under way cannot change' using errcode = 'BADST';
  end if;

  v_weight := coalesce(update_trip.capacity_weight_kg, v_trip.capacity_weight_kg);
  v_volume := coalesce(update_trip.capacity_volume_l, v_trip.capacity_volume_l);
  v_items := coalesce(update_trip.capacity_items, v_trip.capacity_items);
  -- capacity − available is what deliveries hold (reserved + consumed): the new capacity must still cover it.
  if v_weight < v_trip.capacity_weight_kg - v_trip.available_weight_kg
     or v_volume < v_trip.capacity_volume_l - v_trip.available_volume_l
     or v_items < v_trip.capacity_items - v_trip.available_items then
    raise exception 'The capacity cannot drop below what deliveries already hold (% kg, % l, % items)',
      v_trip.capacity_weight_kg - v_trip.available_weight_kg, v_trip.capacity_volume_l - v_trip.available_volume_l,
      v_trip.capacity_items - v_trip.available_items
      using errcode = 'CAPAC';
  end if;

  perform app_hidden.assert_trip_limits(
    case when v_departure <> v_trip.departure_time then v_departure end,
    case when v_times_changed then v_arrival end, v_departure, v_trip.currency,
    update_trip.base_price, update_trip.price_per_kg, update_trip.price_per_km, update_trip.auto_accept_price,
    update_trip.max_item_value);
  select u.verification_level into v_level from app_public.users u where u.id = v_user_id;
  perform app_hidden.assert_trip_options(coalesce(update_trip.auto_accept, v_trip.auto_accept),
                                         update_trip.recurring_pattern, v_level);

  v_status := v_trip.status;
  if v_times_changed and v_status = 'upcoming'
     and exists (select 1 from app_public.trip_capacity_reservations r
                  where r.trip_id = v_trip.id and r.status in ('reserved', 'consumed')) then
    v_status := 'delayed';
  end if;
  -- Price changes apply to new offers only: deliveries keep the final_price agreed at acceptance.

  update app_public.trips t
     set title = coalesce(trim(update_trip.title), t.title),
         description = coalesce(nullif(trim(update_trip.description), ''), t.description),
         trip_type = coalesce(update_trip.trip_type, t.trip_type),
         origin_address = coalesce(trim(update_trip.origin_address), t.origin_address),
         origin_point = coalesce(update_trip.origin_point, t.origin_point),
         origin_airport = coalesce(upper(update_trip.origin_airport), t.origin_airport),
         destination_address = coalesce(trim(update_trip.destination_address), t.destination_address),
         destination_point = coalesce(update_trip.destination_point, t.destination_point),
         destination_airport = coalesce(upper(update_trip.destination_airport), t.destination_airport),
         departure_time = v_departure,
         arrival_time = v_arrival,
         available_weight_kg = v_weight - (t.capacity_weight_kg - t.available_weight_kg),
         capacity_weight_kg = v_weight,
         available_volume_l = v_volume - (t.capacity_volume_l - t.available_volume_l),
         capacity_volume_l = v_volume,
         available_items = v_items - (t.capacity_items - t.available_items),
         capacity_items = v_items,
         base_price = coalesce(update_trip.base_price, t.base_price),
         price_per_kg = coalesce(update_trip.price_per_kg, t.price_per_kg),
         price_per_km = coalesce(update_trip.price_per_km, t.price_per_km),
         express_multiplier = coalesce(update_trip.express_multiplier, t.express_multiplier),
         fragile_multiplier = coalesce(update_trip.fragile_multiplier, t.fragile_multiplier),
         no_fragile = coalesce(update_trip.no_fragile, t.no_fragile),
         no_electronics = coalesce(update_trip.no_electronics, t.no_electronics),
         max_item_value = coalesce(update_trip.max_item_value, t.max_item_value),
         prohibited_categories = coalesce(update_trip.prohibited_categories, t.prohibited_categories),
         visibility = coalesce(update_trip.visibility, t.visibility),
         auto_accept = coalesce(update_trip.auto_accept, t.auto_accept),
         auto_accept_price = coalesce(update_trip.auto_accept_price, t.auto_accept_price),
         recurring_pattern = coalesce(update_trip.recurring_pattern, t.recurring_pattern),
         status = v_status
   where t.id = v_trip.id
  returning t.* into v_trip;
  if v_times_changed and v_status = 'delayed' then
    perform app_hidden.notify_trip_customers(v_trip.id, 'Your traveler''s trip has new times',
      format(E'The trip "%s" now leaves at %s UTC and arrives at %s UTC.\n', v_trip.title,
             to_char(v_trip.departure_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
             to_char(v_trip.arrival_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI')));
  end if;
  return v_trip;
end;
$$;


--
-- Name: FUNCTION update_trip(trip_id uuid, title text, description text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, origin_airport text, destination_address text, destination_point public.geography, destination_airport text, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, express_multiplier numeric, fragile_multiplier numeric, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_trip(trip_id uuid, title text, description text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, origin_airport text, destination_address text, destination_point public.geography, destination_airport text, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, express_multiplier numeric, fragile_multiplier numeric, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) IS '@resultFieldName trip
Changes the signed-in traveler''s trip; arguments left out keep their value. Not once completed or cancelled; the departure of an active trip is fixed; capacity cannot drop below what deliveries hold; new times on a trip with deliveries make it delayed. Price changes affect new offers only. Errors: LOGIN, DNIED, NTFND, BADST, INVAL naming the field (a value out of range or over a configured limit, as for createTrip; a departure in the past), CAPAC.';


--
-- Name: user_earnings; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_earnings (
    user_id uuid NOT NULL,
    currency text NOT NULL,
    total_earnings bigint DEFAULT 0 NOT NULL,
    total_spent bigint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_earnings_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT user_earnings_total_earnings_check CHECK ((total_earnings >= 0)),
    CONSTRAINT user_earnings_total_spent_check CHECK ((total_spent >= 0))
);

ALTER TABLE ONLY app_public.user_earnings FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_earnings IS '@behavior -insert -update -delete
Money totals of a user, one row per currency they earned or spent in (created by their first delivered delivery in it): visible only to the user and admins.';


--
-- Name: COLUMN user_earnings.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_earnings.user_id IS 'The user these totals belong to.';


--
-- Name: COLUMN user_earnings.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_earnings.currency IS 'ISO 4217 currency of both totals of this row.';


--
-- Name: COLUMN user_earnings.total_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_earnings.total_earnings IS 'Net earnings as a traveler in this currency, in minor units: the final prices of delivered deliveries.';


--
-- Name: COLUMN user_earnings.total_spent; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_earnings.total_spent IS 'Amount paid as a customer in this currency, in minor units: final price plus the fees charged, per delivered delivery.';


--
-- Name: COLUMN user_earnings.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_earnings.updated_at IS 'When the totals last changed.';


--
-- Name: CONSTRAINT user_earnings_currency_check ON user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_earnings_currency_check ON app_public.user_earnings IS 'currency must be three capital letters (ISO 4217)';


--
-- Name: CONSTRAINT user_earnings_total_earnings_check ON user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_earnings_total_earnings_check ON app_public.user_earnings IS 'total_earnings cannot be negative';


--
-- Name: CONSTRAINT user_earnings_total_spent_check ON user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_earnings_total_spent_check ON app_public.user_earnings IS 'total_spent cannot be negative';


--
-- Name: user_statistics; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_statistics (
    user_id uuid NOT NULL,
    total_trips integer DEFAULT 0 NOT NULL,
    total_deliveries integer DEFAULT 0 NOT NULL,
    successful_deliveries integer DEFAULT 0 NOT NULL,
    cancelled_deliveries integer DEFAULT 0 NOT NULL,
    deliveries_as_traveler integer DEFAULT 0 NOT NULL,
    successful_as_traveler integer DEFAULT 0 NOT NULL,
    cancelled_as_traveler integer DEFAULT 0 NOT NULL,
    average_rating numeric(3,2),
    total_ratings integer DEFAULT 0 NOT NULL,
    completion_rate numeric(5,4) GENERATED ALWAYS AS (
CASE
    WHEN ((successful_deliveries + cancelled_deliveries) > 0) THEN round(((successful_deliveries)::numeric / ((successful_deliveries + cancelled_deliveries))::numeric), 4)
    ELSE NULL::numeric
END) STORED,
    response_time_minutes integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    offer_answers integer DEFAULT 0 NOT NULL,
    offer_answer_seconds bigint DEFAULT 0 NOT NULL,
    is_public boolean DEFAULT false NOT NULL,
    CONSTRAINT user_statistics_average_rating_check CHECK (((average_rating >= (1)::numeric) AND (average_rating <= (5)::numeric))),
    CONSTRAINT user_statistics_cancelled_as_traveler_check CHECK ((cancelled_as_traveler >= 0)),
    CONSTRAINT user_statistics_cancelled_deliveries_check CHECK ((cancelled_deliveries >= 0)),
    CONSTRAINT user_statistics_check CHECK (((successful_deliveries + cancelled_deliveries) <= total_deliveries)),
    CONSTRAINT user_statistics_check1 CHECK ((deliveries_as_traveler <= total_deliveries)),
    CONSTRAINT user_statistics_check2 CHECK (((successful_as_traveler <= deliveries_as_traveler) AND (cancelled_as_traveler <= deliveries_as_traveler))),
    CONSTRAINT user_statistics_check3 CHECK (((total_ratings = 0) = (average_rating IS NULL))),
    CONSTRAINT user_statistics_deliveries_as_traveler_check CHECK ((deliveries_as_traveler >= 0)),
    CONSTRAINT user_statistics_offer_answer_seconds_check CHECK ((offer_answer_seconds >= 0)),
    CONSTRAINT user_statistics_offer_answers_check CHECK ((offer_answers >= 0)),
    CONSTRAINT user_statistics_response_time_minutes_check CHECK ((response_time_minutes >= 0)),
    CONSTRAINT user_statistics_successful_as_traveler_check CHECK ((successful_as_traveler >= 0)),
    CONSTRAINT user_statistics_successful_deliveries_check CHECK ((successful_deliveries >= 0)),
    CONSTRAINT user_statistics_total_deliveries_check CHECK ((total_deliveries >= 0)),
    CONSTRAINT user_statistics_total_ratings_check CHECK ((total_ratings >= 0)),
    CONSTRAINT user_statistics_total_trips_check CHECK ((total_trips >= 0))
);

ALTER TABLE ONLY app_public.user_statistics FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_statistics IS '@behavior -insert -update -delete
Activity statistics of a user (1:1, created with the user, maintained by triggers). Public when the user shows statistics; always visible to the user and admins.';


--
-- Name: COLUMN user_statistics.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.user_id IS 'The user these statistics describe.';


--
-- Name: COLUMN user_statistics.total_trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.total_trips IS 'Trips completed as a traveler.';


--
-- Name: COLUMN user_statistics.total_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.total_deliveries IS 'Deliveries taken part in, as customer or traveler, that have ended.';


--
-- Name: COLUMN user_statistics.successful_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.successful_deliveries IS 'Deliveries that ended delivered.';


--
-- Name: COLUMN user_statistics.cancelled_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.cancelled_deliveries IS 'Deliveries that ended cancelled.';


--
-- Name: COLUMN user_statistics.deliveries_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.deliveries_as_traveler IS 'Ended deliveries in which the user was the traveler.';


--
-- Name: COLUMN user_statistics.successful_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.successful_as_traveler IS 'Deliveries the user carried to the end.';


--
-- Name: COLUMN user_statistics.cancelled_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.cancelled_as_traveler IS 'Deliveries the user cancelled as the traveler.';


--
-- Name: COLUMN user_statistics.average_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.average_rating IS 'Mean overall rating received (1–5), or null without ratings.';


--
-- Name: COLUMN user_statistics.total_ratings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.total_ratings IS 'Number of ratings received.';


--
-- Name: COLUMN user_statistics.completion_rate; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.completion_rate IS 'Share of finished deliveries (delivered or cancelled) that were delivered, 0–1.';


--
-- Name: COLUMN user_statistics.response_time_minutes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.response_time_minutes IS 'Typical time the user takes to answer an offer: the mean, in whole minutes (rounded), of the time between an offer version awaiting them and their answer to it (a counter-offer, an acceptance or a decline of their own), over all their answers; null before the first. Expiry, auto-accept and declines by the platform are not answers.';


--
-- Name: COLUMN user_statistics.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.updated_at IS 'When the statistics last changed.';


--
-- Name: COLUMN user_statistics.offer_answers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.offer_answers IS 'How many offer versions awaiting the user they answered (counter-offer, acceptance or decline).';


--
-- Name: COLUMN user_statistics.offer_answer_seconds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.offer_answer_seconds IS 'Sum of the seconds between each of those versions and the user''s answer to it.';


--
-- Name: COLUMN user_statistics.is_public; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_statistics.is_public IS 'Whether every signed-in user may read these statistics: the user shows them (preferences, privacy.show_statistics) and the account is active and not deleted. Kept by triggers.';


--
-- Name: CONSTRAINT user_statistics_average_rating_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_average_rating_check ON app_public.user_statistics IS 'average_rating must be between 1 and 5';


--
-- Name: CONSTRAINT user_statistics_cancelled_as_traveler_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_cancelled_as_traveler_check ON app_public.user_statistics IS 'cancelled_as_traveler cannot be negative';


--
-- Name: CONSTRAINT user_statistics_cancelled_deliveries_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_cancelled_deliveries_check ON app_public.user_statistics IS 'cancelled_deliveries cannot be negative';


--
-- Name: CONSTRAINT user_statistics_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_check ON app_public.user_statistics IS 'successful_deliveries and cancelled_deliveries cannot exceed total_deliveries';


--
-- Name: CONSTRAINT user_statistics_check1 ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_check1 ON app_public.user_statistics IS 'deliveries_as_traveler cannot exceed total_deliveries';


--
-- Name: CONSTRAINT user_statistics_check2 ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_check2 ON app_public.user_statistics IS 'successful_as_traveler and cancelled_as_traveler cannot exceed deliveries_as_traveler';


--
-- Name: CONSTRAINT user_statistics_check3 ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_check3 ON app_public.user_statistics IS 'average_rating: a user has an average rating once rated, and only then';


--
-- Name: CONSTRAINT user_statistics_deliveries_as_traveler_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_deliveries_as_traveler_check ON app_public.user_statistics IS 'deliveries_as_traveler cannot be negative';


--
-- Name: CONSTRAINT user_statistics_offer_answer_seconds_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_offer_answer_seconds_check ON app_public.user_statistics IS 'offer_answer_seconds cannot be negative';


--
-- Name: CONSTRAINT user_statistics_offer_answers_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_offer_answers_check ON app_public.user_statistics IS 'offer_answers cannot be negative';


--
-- Name: CONSTRAINT user_statistics_response_time_minutes_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_response_time_minutes_check ON app_public.user_statistics IS 'response_time_minutes cannot be negative';


--
-- Name: CONSTRAINT user_statistics_successful_as_traveler_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_successful_as_traveler_check ON app_public.user_statistics IS 'successful_as_traveler cannot be negative';


--
-- Name: CONSTRAINT user_statistics_successful_deliveries_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_successful_deliveries_check ON app_public.user_statistics IS 'successful_deliveries cannot be negative';


--
-- Name: CONSTRAINT user_statistics_total_deliveries_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_total_deliveries_check ON app_public.user_statistics IS 'total_deliveries cannot be negative';


--
-- Name: CONSTRAINT user_statistics_total_ratings_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_total_ratings_check ON app_public.user_statistics IS 'total_ratings cannot be negative';


--
-- Name: CONSTRAINT user_statistics_total_trips_check ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_total_trips_check ON app_public.user_statistics IS 'total_trips cannot be negative';


--
-- Name: user_profiles; Type: VIEW; Schema: app_public; Owner: -
--

CREATE VIEW app_public.user_profiles WITH (security_invoker='true') AS
 SELECT u.id,
    u.display_name,
    u.picture_id,
    u.bio,
    u.user_type,
    u.verification_level,
    u.created_at,
    s.total_trips,
    s.total_deliveries,
    s.successful_deliveries,
    s.cancelled_deliveries,
    s.deliveries_as_traveler,
    s.successful_as_traveler,
    s.cancelled_as_traveler,
    s.average_rating,
    s.total_ratings,
    s.completion_rate,
        CASE
            WHEN (s.total_deliveries > 0) THEN round(((s.successful_deliveries)::numeric / (s.total_deliveries)::numeric), 4)
            ELSE NULL::numeric
        END AS success_rate,
    s.response_time_minutes
   FROM (app_public.users u
     LEFT JOIN app_public.user_statistics s ON ((s.user_id = u.id)));


--
-- Name: VIEW user_profiles; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON VIEW app_public.user_profiles IS '@primaryKey id
@foreignKey (picture_id) references app_public.files (id)|@fieldName picture|@behavior -filterBy|@backwardBehavior -*
@behavior -insert -update -delete
Public profiles with statistics and rates. Statistics are null unless the user shows them (the user and admins always see them); money totals (`earnings`, per currency) only for the user and admins.';


--
-- Name: COLUMN user_profiles.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.id IS 'Identifier of the user.';


--
-- Name: COLUMN user_profiles.display_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.display_name IS '@behavior -orderBy -filterBy
Name shown to other users.';


--
-- Name: COLUMN user_profiles.picture_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.picture_id IS '@behavior -orderBy -filterBy
The profile picture''s file.';


--
-- Name: COLUMN user_profiles.bio; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.bio IS '@behavior -orderBy -filterBy
Self-description.';


--
-- Name: COLUMN user_profiles.user_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.user_type IS '@behavior -orderBy -filterBy
customer, traveler or both.';


--
-- Name: COLUMN user_profiles.verification_level; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.verification_level IS '@behavior -orderBy -filterBy
Highest verified identity level.';


--
-- Name: COLUMN user_profiles.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.created_at IS '@behavior -orderBy -filterBy
Member since.';


--
-- Name: COLUMN user_profiles.total_trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.total_trips IS '@behavior -orderBy -filterBy
Trips completed as a traveler (null when hidden).';


--
-- Name: COLUMN user_profiles.total_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.total_deliveries IS '@behavior -orderBy -filterBy
Ended deliveries (null when hidden).';


--
-- Name: COLUMN user_profiles.successful_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.successful_deliveries IS '@behavior -orderBy -filterBy
Deliveries that ended delivered (null when hidden).';


--
-- Name: COLUMN user_profiles.cancelled_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.cancelled_deliveries IS '@behavior -orderBy -filterBy
Deliveries that ended cancelled (null when hidden).';


--
-- Name: COLUMN user_profiles.deliveries_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.deliveries_as_traveler IS '@behavior -orderBy -filterBy
Ended deliveries as the traveler (null when hidden).';


--
-- Name: COLUMN user_profiles.successful_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.successful_as_traveler IS '@behavior -orderBy -filterBy
Deliveries carried to the end (null when hidden).';


--
-- Name: COLUMN user_profiles.cancelled_as_traveler; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.cancelled_as_traveler IS '@behavior -orderBy -filterBy
Deliveries cancelled as the traveler (null when hidden).';


--
-- Name: COLUMN user_profiles.average_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.average_rating IS '@behavior -orderBy -filterBy
Mean rating received (null when hidden or unrated).';


--
-- Name: COLUMN user_profiles.total_ratings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.total_ratings IS '@behavior -orderBy -filterBy
Ratings received (null when hidden).';


--
-- Name: COLUMN user_profiles.completion_rate; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.completion_rate IS '@behavior -orderBy -filterBy
Delivered share of finished deliveries, 0–1 (null when hidden or none).';


--
-- Name: COLUMN user_profiles.success_rate; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.success_rate IS '@behavior -orderBy -filterBy
Delivered share of all ended deliveries, 0–1 (null when hidden or none).';


--
-- Name: COLUMN user_profiles.response_time_minutes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_profiles.response_time_minutes IS '@behavior -orderBy -filterBy
Mean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';


--
-- Name: user_profiles_earnings(app_public.user_profiles); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.user_profiles_earnings(profile app_public.user_profiles) RETURNS SETOF app_public.user_earnings
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select e.*
    from app_public.user_earnings e
   where e.user_id = user_profiles_earnings.profile.id
   order by e.currency;
$$;


--
-- Name: FUNCTION user_profiles_earnings(profile app_public.user_profiles); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.user_profiles_earnings(profile app_public.user_profiles) IS '@behavior -connection +list
@listSuffix omit
Money totals per currency (earned as a traveler, spent as a customer, in minor units), by currency: only on one''s own profile and for admins, empty otherwise.';


--
-- Name: user_reviews(uuid); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.user_reviews(user_id uuid) RETURNS SETOF app_public.public_review
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('read reviews');
  v_moderator boolean;
begin
  v_moderator := app_hidden.current_user_has_permission('content.moderate');
  return query
  select v.id, v.reviewee_id,
         case when not v.is_anonymous or v.reviewer_id = v_user_id or v_moderator then v.reviewer_id end,
         case when not v.is_anonymous or v.reviewer_id = v_user_id or v_moderator then u.display_name end,
         v.reviewer_role, v.overall_rating, v.communication_rating, v.punctuality_rating, v.care_rating,
         v.accuracy_rating, v.comment, v.is_anonymous, v.is_verified, v.response, v.response_at, v.edited_at,
         v.created_at
    from app_public.reviews v
    left join app_public.users u on u.id = v.reviewer_id
    -- the other party's review of the same delivery (at most one: unique per delivery and reviewer), joined through
    -- that key for each review of this user; as an EXISTS inside the OR below, the planner may hash every review
    left join app_public.reviews o on o.delivery_id = v.delivery_id and o.reviewer_id = v.reviewee_id
   where v.reviewee_id = user_reviews.user_id
     and v.status = 'active' and v.moderation_status <> 'rejected'
     and (v.reviewer_id = v_user_id or v_moderator
          or v.created_at <= now() - make_interval(days => (app_hidden.config_value('reviews.blind_reveal_days'))::integer)
          or o.id is not null)
   order by v.created_at desc, v.id;
end;
$$;


--
-- Name: FUNCTION user_reviews(user_id uuid); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.user_reviews(user_id uuid) IS 'Published reviews about a user, newest first. The author of an anonymous review is left out (NULL). A review shows once the other party has reviewed the same delivery too, or after 14 days (reviews.blind_reveal_days). Errors: LOGIN.';


--
-- Name: verify_email(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.verify_email(token text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_token app_private.email_verification_tokens;
begin
  if verify_email.token is null or verify_email.token !~ '^[0-9a-f]{64}$' then
    raise exception 'This verification link is not valid' using errcode = 'BADTK';
  end if;
  select * into v_token from app_private.email_verification_tokens t
   where t.token_hash = sha256(decode(verify_email.token, 'hex'))
   for update;
  if v_token.id is null or v_token.used_at is not null then
    raise exception 'This verification link is not valid or was already used' using errcode = 'BADTK';
  end if;
  if v_token.expires_at <= now() then
    raise exception 'This verification link has expired; ask for a new one' using errcode = 'EXPRD';
  end if;
  -- A link for an address the account no longer has proves nothing about the current one.
  if not exists (select 1 from app_public.user_contacts c
                  where c.user_id = v_token.user_id and c.email = v_token.email) then
    raise exception 'This verification link is for another email address' using errcode = 'BADTK';
  end if;

  update app_private.email_verification_tokens t set used_at = now()
   where t.user_id = v_token.user_id and t.used_at is null;
  update app_public.user_contacts c set email_verified_at = coalesce(c.email_verified_at, now())
   where c.user_id = v_token.user_id;
  update app_public.users u set status = 'active'
   where u.id = v_token.user_id and u.status = 'pending';
  perform app_hidden.refresh_verification_level(v_token.user_id);
  return true;
end;
$_$;


--
-- Name: FUNCTION verify_email(token text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.verify_email(token text) IS '@resultFieldName success
Confirms an email address with the token from the emailed link: activates a pending account. Every link of the account stops working. Errors: BADTK (unknown, used or for another address), EXPRD (expired).';


--
-- Name: verify_two_factor_login(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.verify_two_factor_login(challenge text, code text) RETURNS app_public.auth_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_challenge app_private.mfa_challenges;
  v_result app_public.auth_result;
begin
  -- Anyone may call this: holding the challenge (from a correct password) is the credential.
  if challenge is null or challenge !~ '^[0-9a-f]{64}$' then
    raise exception 'The challenge is invalid' using errcode = 'BADTK';
  end if;
  select * into v_challenge from app_private.mfa_challenges m
   where m.token_hash = sha256(decode(challenge, 'hex')) for update;
  if not found or v_challenge.used_at is not null then
    raise exception 'The challenge is invalid' using errcode = 'BADTK';
  end if;
  if v_challenge.expires_at <= now() then
    raise exception 'The challenge has expired; log in again' using errcode = 'EXPRD';
  end if;
  if v_challenge.attempts >= (app_hidden.config_value('auth.mfa_attempts'))::int then
    raise exception 'Too many wrong codes; log in again' using errcode = 'LIMIT';
  end if;
  -- Serialises with login and other challenges of the account (failure streak, session limit).
  perform 1 from app_private.user_secrets s where s.user_id = v_challenge.user_id for update;
  if exists (select 1 from app_private.user_secrets s where s.user_id = v_challenge.user_id and s.locked_until > now()) then
    raise exception 'The account is temporarily locked' using errcode = 'LOCKD';
  end if;
  update app_private.mfa_challenges m set attempts = m.attempts + 1 where m.id = v_challenge.id;
  if not (app_private.use_totp_code(v_challenge.user_id, code) or app_private.use_backup_code(v_challenge.user_id, code)) then
    perform app_private.record_login_failure(v_challenge.user_id);
    return null;
  end if;
  update app_private.mfa_challenges m set used_at = now() where m.id = v_challenge.id;
  update app_private.user_secrets s set failed_login_count = 0 where s.user_id = v_challenge.user_id;
  perform app_private.reactivate_account(v_challenge.user_id);
  v_result := app_private.start_session(v_challenge.user_id, v_challenge.device_id, v_challenge.device_type,
                                        v_challenge.platform, v_challenge.app_version);
  update app_private.sessions s set mfa_verified = true where s.id = (v_result.access_token).session_id;
  return v_result;
end;
$_$;


--
-- Name: FUNCTION verify_two_factor_login(challenge text, code text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.verify_two_factor_login(challenge text, code text) IS '@resultFieldName authResult
Completes a login with two-factor authentication: the challenge from login and a TOTP or backup code. Null when the code is wrong (each try counts, towards the challenge and the account lockout); BADTK for an unknown or used challenge, EXPRD after 5 minutes, LIMIT after 5 wrong codes, LOCKD while the account is locked.';


--
-- Name: withdraw_offer(uuid, app_public.offer_withdraw_reason, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text DEFAULT NULL::text) RETURNS app_public.delivery_offers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid := app_hidden.require_session('withdraw offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(withdraw_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if withdraw_offer.reason is null then
    raise exception 'Give a reason for withdrawing' using errcode = 'INVAL';
  end if;
  if v_party <> 'traveler' then
    raise exception 'Only the traveler withdraws an offer; customers decline it' using errcode = 'DNIED';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  update app_public.delivery_offers o
     set status = 'withdrawn', withdraw_reason = withdraw_offer.reason, closing_note = nullif(trim(withdraw_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;


--
-- Name: FUNCTION withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text) IS '@resultFieldName deliveryOffer
The traveler takes back a live offer. Errors: LOGIN, NTFND, DNIED (customers decline instead), BADST (not pending), INVAL (no reason).';


--
-- Name: account_closures; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.account_closures (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    kind app_private.account_closure_kind NOT NULL,
    reason text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    anonymised_at timestamp with time zone,
    CONSTRAINT account_closures_check CHECK (((anonymised_at IS NULL) OR (kind = 'deleted'::app_private.account_closure_kind))),
    CONSTRAINT account_closures_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 1000)))
);

ALTER TABLE ONLY app_private.account_closures FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE account_closures; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.account_closures IS 'Account deactivations and deletions with the reason the user gave; drives anonymisation.';


--
-- Name: CONSTRAINT account_closures_check ON account_closures; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT account_closures_check ON app_private.account_closures IS 'anonymised_at: only a deleted account is anonymised';


--
-- Name: CONSTRAINT account_closures_reason_check ON account_closures; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT account_closures_reason_check ON app_private.account_closures IS 'reason must have 1 to 1000 characters';


--
-- Name: admin_users; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.admin_users (
    user_id uuid NOT NULL,
    role app_public.admin_role NOT NULL,
    permissions text[] DEFAULT '{}'::text[] NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app_private.admin_users FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE admin_users; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.admin_users IS 'Platform administrators: the only source of admin rights.';


--
-- Name: api_request_budgets; Type: TABLE; Schema: app_private; Owner: -
--

CREATE UNLOGGED TABLE app_private.api_request_budgets (
    subject text NOT NULL,
    window_start timestamp with time zone NOT NULL,
    requests integer NOT NULL,
    CONSTRAINT api_request_budgets_requests_check CHECK ((requests > 0)),
    CONSTRAINT api_request_budgets_subject_check CHECK (((length(subject) >= 1) AND (length(subject) <= 100)))
);

ALTER TABLE ONLY app_private.api_request_budgets FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE api_request_budgets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.api_request_budgets IS 'Requests counted in the current hour per subject (user:<id> or ip:<address>); read by app_private.admit_api_request.';


--
-- Name: CONSTRAINT api_request_budgets_requests_check ON api_request_budgets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT api_request_budgets_requests_check ON app_private.api_request_budgets IS 'requests must be more than 0';


--
-- Name: CONSTRAINT api_request_budgets_subject_check ON api_request_budgets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT api_request_budgets_subject_check ON app_private.api_request_budgets IS 'subject must have 1 to 100 characters';


--
-- Name: email_verification_tokens; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.email_verification_tokens (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    email_id uuid NOT NULL,
    email public.citext NOT NULL,
    token_hash bytea NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT email_verification_tokens_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY app_private.email_verification_tokens FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.email_verification_tokens IS 'SHA-256 of email verification links (32 random bytes), single-use, expiring.';


--
-- Name: CONSTRAINT email_verification_tokens_token_hash_check ON email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT email_verification_tokens_token_hash_check ON app_private.email_verification_tokens IS 'token_hash must be 32 bytes';


--
-- Name: emails; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.emails (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid,
    recipient public.citext NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    status app_private.email_status DEFAULT 'queued'::app_private.email_status NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    kind app_private.email_kind DEFAULT 'plain'::app_private.email_kind NOT NULL,
    CONSTRAINT emails_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT emails_check CHECK (((status = 'sent'::app_private.email_status) = (sent_at IS NOT NULL))),
    CONSTRAINT emails_subject_check CHECK (((length(subject) >= 1) AND (length(subject) <= 255)))
);

ALTER TABLE ONLY app_private.emails FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.emails IS 'Outgoing emails and their delivery state; written by SQL, delivered by the emails__send task.';


--
-- Name: COLUMN emails.kind; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.emails.kind IS 'plain, or the single-use token the sending task mints and puts where the body says {{token}}.';


--
-- Name: CONSTRAINT emails_attempts_check ON emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT emails_attempts_check ON app_private.emails IS 'attempts cannot be negative';


--
-- Name: CONSTRAINT emails_check ON emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT emails_check ON app_private.emails IS 'sent_at: a sent email has its sending time, and only a sent one has it';


--
-- Name: CONSTRAINT emails_subject_check ON emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT emails_subject_check ON app_private.emails IS 'subject must have 1 to 255 characters';


--
-- Name: file_objects; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.file_objects (
    file_id uuid NOT NULL,
    storage_key text NOT NULL,
    stored_sha256 text,
    stored_bytes bigint,
    uploaded_at timestamp with time zone,
    CONSTRAINT file_objects_stored_bytes_positive CHECK ((stored_bytes > 0)),
    CONSTRAINT file_objects_stored_sha256_format CHECK ((stored_sha256 ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY app_private.file_objects FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.file_objects IS 'Storage key of each file and, once uploaded, the SHA-256 and size of the stored bytes (after location metadata was removed from photos).';


--
-- Name: CONSTRAINT file_objects_stored_bytes_positive ON file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT file_objects_stored_bytes_positive ON app_private.file_objects IS 'stored_bytes must be more than 0';


--
-- Name: CONSTRAINT file_objects_stored_sha256_format ON file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT file_objects_stored_sha256_format ON app_private.file_objects IS 'stored_sha256 must be 64 hexadecimal characters';


--
-- Name: ledger_accounts; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.ledger_accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    code text NOT NULL,
    user_id uuid,
    currency text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ledger_accounts_code_known CHECK ((code = ANY (ARRAY['platform_cash'::text, 'escrow_liability'::text, 'platform_fee_revenue'::text, 'processing_fee_revenue'::text, 'stripe_fee_expense'::text, 'traveler_payable'::text, 'traveler_receivable'::text, 'promo_liability'::text, 'promo_expense'::text, 'dispute_losses'::text]))),
    CONSTRAINT ledger_accounts_currency_format CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ledger_accounts_per_traveler CHECK (((user_id IS NOT NULL) = (code = ANY (ARRAY['traveler_payable'::text, 'traveler_receivable'::text]))))
);

ALTER TABLE ONLY app_private.ledger_accounts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.ledger_accounts IS 'Accounts of the ledger: the platform''s (cash, escrow liability, revenues, expenses) per currency, and each traveler''s payable and receivable.';


--
-- Name: CONSTRAINT ledger_accounts_code_known ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_code_known ON app_private.ledger_accounts IS 'code must be a known ledger account';


--
-- Name: CONSTRAINT ledger_accounts_currency_format ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_currency_format ON app_private.ledger_accounts IS 'currency must be three capital letters';


--
-- Name: CONSTRAINT ledger_accounts_per_traveler ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_per_traveler ON app_private.ledger_accounts IS 'user_id is set exactly for traveler_payable and traveler_receivable';


--
-- Name: ledger_entries; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.ledger_entries (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    transaction_id uuid NOT NULL,
    account_id uuid NOT NULL,
    currency text NOT NULL,
    amount bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ledger_entries_amount_nonzero CHECK ((amount <> 0))
);

ALTER TABLE ONLY app_private.ledger_entries FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE ledger_entries; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.ledger_entries IS 'Lines of ledger transactions: an account and a signed amount (debit positive, credit negative).';


--
-- Name: CONSTRAINT ledger_entries_amount_nonzero ON ledger_entries; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_entries_amount_nonzero ON app_private.ledger_entries IS 'amount must not be 0';


--
-- Name: ledger_transactions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.ledger_transactions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    idempotency_key text NOT NULL,
    delivery_id uuid,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ledger_transactions_description_length CHECK (((length(description) >= 1) AND (length(description) <= 500))),
    CONSTRAINT ledger_transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT ledger_transactions_kind_known CHECK ((kind = ANY (ARRAY['capture'::text, 'release'::text, 'refund'::text, 'reversal'::text, 'payout'::text, 'credit'::text, 'adjustment'::text])))
);

ALTER TABLE ONLY app_private.ledger_transactions FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.ledger_transactions IS 'One money movement of the ledger (a capture, a release …), once per idempotency key; its entries balance.';


--
-- Name: CONSTRAINT ledger_transactions_description_length ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_description_length ON app_private.ledger_transactions IS 'description must have 1 to 500 characters';


--
-- Name: CONSTRAINT ledger_transactions_idempotency_key_length ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_idempotency_key_length ON app_private.ledger_transactions IS 'idempotency_key must have 1 to 200 characters';


--
-- Name: CONSTRAINT ledger_transactions_kind_known ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_kind_known ON app_private.ledger_transactions IS 'kind must be a known kind of ledger transaction';


--
-- Name: login_attempts; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.login_attempts (
    id bigint NOT NULL,
    user_id uuid,
    email public.citext NOT NULL,
    ip inet,
    outcome app_private.login_outcome NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT login_attempts_email_check CHECK ((length((email)::text) <= 320))
);

ALTER TABLE ONLY app_private.login_attempts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE login_attempts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.login_attempts IS 'Every login attempt with its outcome: the audit trail behind lockout and per-IP rate limits.';


--
-- Name: CONSTRAINT login_attempts_email_check ON login_attempts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT login_attempts_email_check ON app_private.login_attempts IS 'email may have at most 320 characters';


--
-- Name: login_attempts_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.login_attempts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.login_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: mfa_challenges; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.mfa_challenges (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    device_id text,
    device_type app_public.device_type,
    platform app_public.platform,
    app_version text,
    attempts integer DEFAULT 0 NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mfa_challenges_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT mfa_challenges_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY app_private.mfa_challenges FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.mfa_challenges IS 'Second step of a login with two-factor authentication: SHA-256 of the challenge token, device details, tries left.';


--
-- Name: CONSTRAINT mfa_challenges_attempts_check ON mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT mfa_challenges_attempts_check ON app_private.mfa_challenges IS 'attempts cannot be negative';


--
-- Name: CONSTRAINT mfa_challenges_token_hash_check ON mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT mfa_challenges_token_hash_check ON app_private.mfa_challenges IS 'token_hash must be 32 bytes';


--
-- Name: password_reset_tokens; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.password_reset_tokens (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    email_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT password_reset_tokens_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY app_private.password_reset_tokens FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.password_reset_tokens IS 'SHA-256 of password reset links (32 random bytes), single-use, 1 h, a newer one voids older ones.';


--
-- Name: CONSTRAINT password_reset_tokens_token_hash_check ON password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT password_reset_tokens_token_hash_check ON app_private.password_reset_tokens IS 'token_hash must be 32 bytes';


--
-- Name: phone_verification_codes; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.phone_verification_codes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    phone_number text NOT NULL,
    code_hash text,
    expires_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT phone_verification_codes_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT phone_verification_codes_check CHECK (((code_hash IS NULL) = (expires_at IS NULL))),
    CONSTRAINT phone_verification_codes_phone_number_check CHECK ((phone_number ~ '^\+[1-9][0-9]{6,14}$'::text))
);

ALTER TABLE ONLY app_private.phone_verification_codes FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.phone_verification_codes IS 'Phone verification codes: 6 digits, bcrypt-hashed, 10 min, 5 tries, single-use.';


--
-- Name: CONSTRAINT phone_verification_codes_attempts_check ON phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT phone_verification_codes_attempts_check ON app_private.phone_verification_codes IS 'attempts cannot be negative';


--
-- Name: CONSTRAINT phone_verification_codes_check ON phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT phone_verification_codes_check ON app_private.phone_verification_codes IS 'code_hash and expires_at: a code has an expiry, and only a code has one';


--
-- Name: CONSTRAINT phone_verification_codes_phone_number_check ON phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT phone_verification_codes_phone_number_check ON app_private.phone_verification_codes IS 'phone_number must be in E.164 format, e.g. +4930123456';


--
-- Name: rate_limit_hits; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.rate_limit_hits (
    id bigint NOT NULL,
    bucket text NOT NULL,
    subject text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT rate_limit_hits_bucket_check CHECK ((bucket ~ '^[a-z_]+$'::text)),
    CONSTRAINT rate_limit_hits_subject_check CHECK (((length(subject) >= 1) AND (length(subject) <= 320)))
);

ALTER TABLE ONLY app_private.rate_limit_hits FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE rate_limit_hits; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.rate_limit_hits IS 'One row per counted action; app_hidden.rate_limit_take counts them per bucket and subject.';


--
-- Name: CONSTRAINT rate_limit_hits_bucket_check ON rate_limit_hits; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT rate_limit_hits_bucket_check ON app_private.rate_limit_hits IS 'bucket may have only lowercase letters and underscores';


--
-- Name: CONSTRAINT rate_limit_hits_subject_check ON rate_limit_hits; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT rate_limit_hits_subject_check ON app_private.rate_limit_hits IS 'subject must have 1 to 320 characters';


--
-- Name: rate_limit_hits_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.rate_limit_hits ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.rate_limit_hits_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: session_rotated_tokens; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.session_rotated_tokens (
    token_hash bytea NOT NULL,
    session_id uuid NOT NULL,
    rotated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT session_rotated_tokens_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY app_private.session_rotated_tokens FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE session_rotated_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.session_rotated_tokens IS 'SHA-256 of refresh tokens already rotated away, kept to detect their reuse.';


--
-- Name: CONSTRAINT session_rotated_tokens_token_hash_check ON session_rotated_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT session_rotated_tokens_token_hash_check ON app_private.session_rotated_tokens IS 'token_hash must be 32 bytes';


--
-- Name: sessions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_active_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    device_id text,
    device_type app_public.device_type,
    platform app_public.platform,
    app_version text,
    ip inet,
    refresh_token_hash bytea,
    mfa_verified boolean DEFAULT false NOT NULL,
    CONSTRAINT sessions_app_version_check CHECK (((length(app_version) >= 1) AND (length(app_version) <= 64))),
    CONSTRAINT sessions_device_id_check CHECK (((length(device_id) >= 1) AND (length(device_id) <= 255))),
    CONSTRAINT sessions_refresh_token_hash_check CHECK ((length(refresh_token_hash) = 32))
);

ALTER TABLE ONLY app_private.sessions FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.sessions IS 'Device sessions: an access JWT carries a session id that is valid only while its row is live.';


--
-- Name: COLUMN sessions.refresh_token_hash; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.sessions.refresh_token_hash IS 'SHA-256 of the current refresh token; the token itself is never stored.';


--
-- Name: COLUMN sessions.mfa_verified; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.sessions.mfa_verified IS 'Whether the session passed the second factor.';


--
-- Name: CONSTRAINT sessions_app_version_check ON sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT sessions_app_version_check ON app_private.sessions IS 'app_version must have 1 to 64 characters';


--
-- Name: CONSTRAINT sessions_device_id_check ON sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT sessions_device_id_check ON app_private.sessions IS 'device_id must have 1 to 255 characters';


--
-- Name: CONSTRAINT sessions_refresh_token_hash_check ON sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT sessions_refresh_token_hash_check ON app_private.sessions IS 'refresh_token_hash must be 32 bytes';


--
-- Name: stripe_events; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.stripe_events (
    id text NOT NULL,
    type text NOT NULL,
    body jsonb NOT NULL,
    outcome text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    CONSTRAINT stripe_events_body_object CHECK ((jsonb_typeof(body) = 'object'::text)),
    CONSTRAINT stripe_events_id_format CHECK ((id ~ '^evt_[A-Za-z0-9_]+$'::text)),
    CONSTRAINT stripe_events_outcome_length CHECK (((length(outcome) >= 1) AND (length(outcome) <= 200))),
    CONSTRAINT stripe_events_type_format CHECK ((type ~ '^[a-z_]+(\.[a-z_]+)+$'::text))
);

ALTER TABLE ONLY app_private.stripe_events FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.stripe_events IS 'Stripe webhook events as received (verified), once per event id, and when their effect was applied.';


--
-- Name: CONSTRAINT stripe_events_body_object ON stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_events_body_object ON app_private.stripe_events IS 'body must be a JSON object';


--
-- Name: CONSTRAINT stripe_events_id_format ON stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_events_id_format ON app_private.stripe_events IS 'id must be a Stripe event id (evt_…)';


--
-- Name: CONSTRAINT stripe_events_outcome_length ON stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_events_outcome_length ON app_private.stripe_events IS 'outcome must have 1 to 200 characters';


--
-- Name: CONSTRAINT stripe_events_type_format ON stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_events_type_format ON app_private.stripe_events IS 'type must be a Stripe event type such as payment_intent.succeeded';


--
-- Name: stripe_refs; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.stripe_refs (
    stripe_id text NOT NULL,
    kind text NOT NULL,
    payment_intent_id uuid,
    escrow_id uuid,
    refund_id uuid,
    payout_id uuid,
    payout_account_id uuid,
    client_secret text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stripe_refs_client_secret_kind CHECK (((client_secret IS NULL) OR (kind = 'payment_intent'::text))),
    CONSTRAINT stripe_refs_kind_known CHECK ((kind = ANY (ARRAY['payment_intent'::text, 'charge'::text, 'transfer'::text, 'refund'::text, 'transfer_reversal'::text, 'payout'::text, 'account'::text]))),
    CONSTRAINT stripe_refs_one_owner CHECK ((num_nonnulls(payment_intent_id, escrow_id, refund_id, payout_id, payout_account_id) = 1)),
    CONSTRAINT stripe_refs_stripe_id_format CHECK ((stripe_id ~ '^[a-z]+_[A-Za-z0-9_]+$'::text))
);

ALTER TABLE ONLY app_private.stripe_refs FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.stripe_refs IS 'Stripe ids (PaymentIntents, charges, transfers, refunds, payouts, connected accounts), each tied to one local row; the PaymentIntent''s client secret.';


--
-- Name: CONSTRAINT stripe_refs_client_secret_kind ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_client_secret_kind ON app_private.stripe_refs IS 'client_secret belongs to a payment_intent only';


--
-- Name: CONSTRAINT stripe_refs_kind_known ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_kind_known ON app_private.stripe_refs IS 'kind must be a known kind of Stripe object';


--
-- Name: CONSTRAINT stripe_refs_one_owner ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_one_owner ON app_private.stripe_refs IS 'payment_intent_id, escrow_id, refund_id, payout_id or payout_account_id: exactly one must be set';


--
-- Name: CONSTRAINT stripe_refs_stripe_id_format ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_stripe_id_format ON app_private.stripe_refs IS 'stripe_id must be a Stripe id (prefix_ and letters)';


--
-- Name: two_factor_setups; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.two_factor_setups (
    id bigint NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app_private.two_factor_setups FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE two_factor_setups; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.two_factor_setups IS 'Two-factor setups started, for the hourly limit.';


--
-- Name: two_factor_setups_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.two_factor_setups ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.two_factor_setups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: user_secrets; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_secrets (
    user_id uuid NOT NULL,
    password_hash text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    failed_login_count integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    CONSTRAINT user_secrets_failed_login_count_check CHECK ((failed_login_count >= 0))
);

ALTER TABLE ONLY app_private.user_secrets FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_secrets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.user_secrets IS 'bcrypt password hash of each user (1:1).';


--
-- Name: CONSTRAINT user_secrets_failed_login_count_check ON user_secrets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_secrets_failed_login_count_check ON app_private.user_secrets IS 'failed_login_count cannot be negative';


--
-- Name: user_status_changes; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_status_changes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    old_status app_public.user_status NOT NULL,
    new_status app_public.user_status NOT NULL,
    reason text NOT NULL,
    changed_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_status_changes_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 1000)))
);

ALTER TABLE ONLY app_private.user_status_changes FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_status_changes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.user_status_changes IS 'Account status changes made by the system (changed_by null) or an admin, with the reason.';


--
-- Name: CONSTRAINT user_status_changes_reason_check ON user_status_changes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_status_changes_reason_check ON app_private.user_status_changes IS 'reason must have 1 to 1000 characters';


--
-- Name: worker_heartbeats; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.worker_heartbeats (
    worker_id text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT worker_heartbeats_worker_id_check CHECK (((length(worker_id) >= 1) AND (length(worker_id) <= 200)))
);

ALTER TABLE ONLY app_private.worker_heartbeats FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE worker_heartbeats; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.worker_heartbeats IS 'Live graphile-worker pools and when each last reported (workers/heartbeat.ts); stale rows name crashed workers.';


--
-- Name: CONSTRAINT worker_heartbeats_worker_id_check ON worker_heartbeats; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT worker_heartbeats_worker_id_check ON app_private.worker_heartbeats IS 'worker_id must have 1 to 200 characters';


--
-- Name: active_deliveries; Type: VIEW; Schema: app_public; Owner: -
--

CREATE VIEW app_public.active_deliveries WITH (security_invoker='true') AS
 SELECT d.id,
    d.delivery_number,
    d.status,
    d.customer_id,
    cu.display_name AS customer_name,
    cu.picture_id AS customer_picture_id,
    cs.average_rating AS customer_rating,
    d.traveler_id,
    tu.display_name AS traveler_name,
    tu.picture_id AS traveler_picture_id,
    ts.average_rating AS traveler_rating,
    r.title,
    r.item_name,
    r.category,
    r.quantity,
    r.total_weight,
    r.is_fragile,
    r.pickup_address,
    r.pickup_city,
    r.delivery_address,
    r.delivery_city,
    d.pickup_time,
    d.delivery_time,
    t.departure_time,
    t.arrival_time,
    d.final_price,
    d.currency,
    d.accepted_at
   FROM ((((((app_public.deliveries d
     JOIN app_public.delivery_requests r ON ((r.id = d.request_id)))
     LEFT JOIN app_public.trips t ON ((t.id = d.trip_id)))
     LEFT JOIN app_public.users cu ON ((cu.id = d.customer_id)))
     LEFT JOIN app_public.user_statistics cs ON ((cs.user_id = d.customer_id)))
     LEFT JOIN app_public.users tu ON ((tu.id = d.traveler_id)))
     LEFT JOIN app_public.user_statistics ts ON ((ts.user_id = d.traveler_id)))
  WHERE (d.status <> ALL (ARRAY['delivered'::app_public.delivery_status, 'cancelled'::app_public.delivery_status]));


--
-- Name: VIEW active_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON VIEW app_public.active_deliveries IS '@primaryKey id
@foreignKey (customer_picture_id) references app_public.files (id)|@fieldName customerPicture|@behavior -filterBy|@backwardBehavior -*
@foreignKey (traveler_picture_id) references app_public.files (id)|@fieldName travelerPicture|@behavior -filterBy|@backwardBehavior -*
@behavior -insert -update -delete
Live deliveries of the caller (admins: all) with both parties'' names, pictures and ratings, the item, the addresses and the trip times. Never shows emails or phones.';


--
-- Name: COLUMN active_deliveries.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.id IS 'Identifier of the delivery.';


--
-- Name: COLUMN active_deliveries.delivery_number; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.delivery_number IS 'Readable delivery number.';


--
-- Name: COLUMN active_deliveries.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.status IS 'Where the delivery stands.';


--
-- Name: COLUMN active_deliveries.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.customer_id IS 'The customer.';


--
-- Name: COLUMN active_deliveries.customer_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.customer_name IS 'Display name of the customer.';


--
-- Name: COLUMN active_deliveries.customer_picture_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.customer_picture_id IS 'Profile picture of the customer (its file).';


--
-- Name: COLUMN active_deliveries.customer_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.customer_rating IS 'Average rating of the customer (when shared).';


--
-- Name: COLUMN active_deliveries.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.traveler_id IS 'The traveler.';


--
-- Name: COLUMN active_deliveries.traveler_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.traveler_name IS 'Display name of the traveler.';


--
-- Name: COLUMN active_deliveries.traveler_picture_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.traveler_picture_id IS 'Profile picture of the traveler (its file).';


--
-- Name: COLUMN active_deliveries.traveler_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.traveler_rating IS 'Average rating of the traveler (when shared).';


--
-- Name: COLUMN active_deliveries.title; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.title IS 'Title of the request.';


--
-- Name: COLUMN active_deliveries.item_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.item_name IS 'The item carried.';


--
-- Name: COLUMN active_deliveries.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.category IS 'Category of the item.';


--
-- Name: COLUMN active_deliveries.quantity; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.quantity IS 'Units of the item.';


--
-- Name: COLUMN active_deliveries.total_weight; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.total_weight IS 'Total weight in kg.';


--
-- Name: COLUMN active_deliveries.is_fragile; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.is_fragile IS 'Whether the item is fragile.';


--
-- Name: COLUMN active_deliveries.pickup_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.pickup_address IS 'Exact pickup address.';


--
-- Name: COLUMN active_deliveries.pickup_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.pickup_city IS 'Pickup city.';


--
-- Name: COLUMN active_deliveries.delivery_address; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.delivery_address IS 'Exact drop-off address.';


--
-- Name: COLUMN active_deliveries.delivery_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.delivery_city IS 'Drop-off city.';


--
-- Name: COLUMN active_deliveries.pickup_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.pickup_time IS 'Agreed or scheduled pickup time.';


--
-- Name: COLUMN active_deliveries.delivery_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.delivery_time IS 'Agreed or scheduled drop-off time.';


--
-- Name: COLUMN active_deliveries.departure_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.departure_time IS 'Departure of the trip.';


--
-- Name: COLUMN active_deliveries.arrival_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.arrival_time IS 'Arrival of the trip.';


--
-- Name: COLUMN active_deliveries.final_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.final_price IS 'Agreed price in minor units.';


--
-- Name: COLUMN active_deliveries.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.currency IS 'Currency of the price.';


--
-- Name: COLUMN active_deliveries.accepted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.active_deliveries.accepted_at IS 'When the offer was accepted.';


--
-- Name: delivery_analytics; Type: VIEW; Schema: app_public; Owner: -
--

CREATE VIEW app_public.delivery_analytics WITH (security_invoker='true') AS
 SELECT ((e.at AT TIME ZONE 'UTC'::text))::date AS day,
    d.currency,
    (count(*) FILTER (WHERE (e.kind = 'accepted'::text)))::integer AS accepted_count,
    (count(*) FILTER (WHERE (e.kind = 'delivered'::text)))::integer AS delivered_count,
    (count(*) FILTER (WHERE (e.kind = 'cancelled'::text)))::integer AS cancelled_count,
    (round(avg(d.final_price) FILTER (WHERE (e.kind = 'accepted'::text))))::bigint AS average_final_price,
    (COALESCE(sum(d.platform_fee) FILTER (WHERE ((e.kind = 'delivered'::text) AND (d.status = 'delivered'::app_public.delivery_status))), (0)::numeric))::bigint AS revenue,
    round(avg((EXTRACT(epoch FROM (d.picked_up_at - d.accepted_at)) / (3600)::numeric)) FILTER (WHERE (e.kind = 'picked_up'::text)), 2) AS average_hours_to_pickup,
    round(avg((EXTRACT(epoch FROM (d.delivered_at - d.picked_up_at)) / (3600)::numeric)) FILTER (WHERE (e.kind = 'delivered'::text)), 2) AS average_hours_to_delivery
   FROM (app_public.deliveries d
     CROSS JOIN LATERAL ( VALUES ('accepted'::text,d.accepted_at), ('picked_up'::text,d.picked_up_at), ('delivered'::text,d.delivered_at), ('cancelled'::text,d.cancelled_at)) e(kind, at))
  WHERE (e.at IS NOT NULL)
  GROUP BY (((e.at AT TIME ZONE 'UTC'::text))::date), d.currency;


--
-- Name: VIEW delivery_analytics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON VIEW app_public.delivery_analytics IS '@behavior -insert -update -delete
Delivery figures per UTC day and currency, over the deliveries the caller may see (all of them with deliveries.read).';


--
-- Name: COLUMN delivery_analytics.day; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.day IS 'The UTC day.';


--
-- Name: COLUMN delivery_analytics.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.currency IS 'Currency of the prices and fees.';


--
-- Name: COLUMN delivery_analytics.accepted_count; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.accepted_count IS 'Deliveries accepted that day.';


--
-- Name: COLUMN delivery_analytics.delivered_count; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.delivered_count IS 'Deliveries delivered that day.';


--
-- Name: COLUMN delivery_analytics.cancelled_count; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.cancelled_count IS 'Deliveries cancelled that day.';


--
-- Name: COLUMN delivery_analytics.average_final_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.average_final_price IS 'Average final price of the deliveries accepted that day, minor units.';


--
-- Name: COLUMN delivery_analytics.revenue; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.revenue IS 'Platform fees of the deliveries delivered that day (and not cancelled since), minor units.';


--
-- Name: COLUMN delivery_analytics.average_hours_to_pickup; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.average_hours_to_pickup IS 'Average hours from acceptance to pickup, of the pickups that day.';


--
-- Name: COLUMN delivery_analytics.average_hours_to_delivery; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_analytics.average_hours_to_delivery IS 'Average hours from pickup to delivery, of the deliveries delivered that day.';


--
-- Name: delivery_status_history; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.delivery_status_history (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    delivery_id uuid NOT NULL,
    from_status app_public.delivery_status,
    to_status app_public.delivery_status NOT NULL,
    changed_by uuid,
    source app_public.transition_source NOT NULL,
    reason text,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT delivery_status_history_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 1000)))
);

ALTER TABLE ONLY app_public.delivery_status_history FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE delivery_status_history; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.delivery_status_history IS '@behavior -insert -update -delete
Every status of every delivery, append-only: from, to, who, what caused it and why. Visible to the parties and admins.';


--
-- Name: COLUMN delivery_status_history.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.id IS 'Identifier of the entry.';


--
-- Name: COLUMN delivery_status_history.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.delivery_id IS 'The delivery.';


--
-- Name: COLUMN delivery_status_history.from_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.from_status IS 'Status before (NULL when the delivery was created).';


--
-- Name: COLUMN delivery_status_history.to_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.to_status IS 'Status after.';


--
-- Name: COLUMN delivery_status_history.changed_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.changed_by IS 'Who made the change (NULL: the platform).';


--
-- Name: COLUMN delivery_status_history.source; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.source IS 'What caused the change.';


--
-- Name: COLUMN delivery_status_history.reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.reason IS 'Why, when a reason was given.';


--
-- Name: COLUMN delivery_status_history.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_status_history.created_at IS 'When the change happened.';


--
-- Name: CONSTRAINT delivery_status_history_reason_check ON delivery_status_history; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_status_history_reason_check ON app_public.delivery_status_history IS 'reason must have 1 to 1000 characters';


--
-- Name: delivery_transitions; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.delivery_transitions (
    from_status app_public.delivery_status NOT NULL,
    to_status app_public.delivery_status NOT NULL,
    source app_public.transition_source NOT NULL,
    CONSTRAINT delivery_transitions_check CHECK ((from_status <> to_status))
);

ALTER TABLE ONLY app_public.delivery_transitions FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE delivery_transitions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.delivery_transitions IS '@behavior -insert -update -delete
The allowed delivery status changes and what may cause each; a trigger refuses every other change.';


--
-- Name: COLUMN delivery_transitions.from_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_transitions.from_status IS 'Status before the change.';


--
-- Name: COLUMN delivery_transitions.to_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_transitions.to_status IS 'Status after the change.';


--
-- Name: COLUMN delivery_transitions.source; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.delivery_transitions.source IS 'What may cause it.';


--
-- Name: CONSTRAINT delivery_transitions_check ON delivery_transitions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_transitions_check ON app_public.delivery_transitions IS 'to_status must differ from from_status';


--
-- Name: escrow_accounts; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.escrow_accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    payment_intent_id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    amount bigint NOT NULL,
    currency text NOT NULL,
    status app_public.escrow_status DEFAULT 'pending'::app_public.escrow_status NOT NULL,
    held_at timestamp with time zone,
    hold_until timestamp with time zone,
    released_amount bigint DEFAULT 0 NOT NULL,
    refunded_amount bigint DEFAULT 0 NOT NULL,
    release_condition app_public.release_condition,
    released_at timestamp with time zone,
    review_required boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT escrow_accounts_amount_positive CHECK ((amount > 0)),
    CONSTRAINT escrow_accounts_amounts_bounded CHECK (((released_amount >= 0) AND (refunded_amount >= 0) AND ((released_amount + refunded_amount) <= amount))),
    CONSTRAINT escrow_accounts_currency_format CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT escrow_accounts_released CHECK (((status = 'released'::app_public.escrow_status) <= ((released_at IS NOT NULL) AND (release_condition IS NOT NULL))))
);

ALTER TABLE ONLY app_public.escrow_accounts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.escrow_accounts IS '@behavior -insert -update -delete
The traveler''s share of a captured payment, held on the platform''s balance from pickup until released (transferred to the traveler) after the hold, or refunded. Visible to both parties and to finance.';


--
-- Name: COLUMN escrow_accounts.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.id IS 'Identifier of the escrow.';


--
-- Name: COLUMN escrow_accounts.payment_intent_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.payment_intent_id IS 'The payment it holds part of.';


--
-- Name: COLUMN escrow_accounts.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.delivery_id IS 'The delivery.';


--
-- Name: COLUMN escrow_accounts.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.customer_id IS 'The customer who paid.';


--
-- Name: COLUMN escrow_accounts.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.traveler_id IS 'The traveler it is owed to.';


--
-- Name: COLUMN escrow_accounts.amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.amount IS 'The traveler''s share, minor units.';


--
-- Name: COLUMN escrow_accounts.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.currency IS 'Currency of the amounts.';


--
-- Name: COLUMN escrow_accounts.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.status IS 'Where the money stands.';


--
-- Name: COLUMN escrow_accounts.held_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.held_at IS 'When the payment was captured and the share held.';


--
-- Name: COLUMN escrow_accounts.hold_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.hold_until IS 'End of the hold after delivery (the dispute window); release follows.';


--
-- Name: COLUMN escrow_accounts.released_amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.released_amount IS 'Amount transferred to the traveler, minor units.';


--
-- Name: COLUMN escrow_accounts.refunded_amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.refunded_amount IS 'Amount of the share refunded to the customer, minor units.';


--
-- Name: COLUMN escrow_accounts.release_condition; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.release_condition IS 'Why it was released.';


--
-- Name: COLUMN escrow_accounts.released_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.released_at IS 'When it was released.';


--
-- Name: COLUMN escrow_accounts.review_required; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.review_required IS 'Whether an admin must review the handover before release.';


--
-- Name: COLUMN escrow_accounts.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.created_at IS 'When the escrow was created.';


--
-- Name: COLUMN escrow_accounts.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.escrow_accounts.updated_at IS 'When the escrow last changed.';


--
-- Name: CONSTRAINT escrow_accounts_amount_positive ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_amount_positive ON app_public.escrow_accounts IS 'amount must be more than 0';


--
-- Name: CONSTRAINT escrow_accounts_amounts_bounded ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_amounts_bounded ON app_public.escrow_accounts IS 'released_amount + refunded_amount must be at most amount (and neither below 0)';


--
-- Name: CONSTRAINT escrow_accounts_currency_format ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_currency_format ON app_public.escrow_accounts IS 'currency must be three capital letters';


--
-- Name: CONSTRAINT escrow_accounts_released ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_released ON app_public.escrow_accounts IS 'released_at and release_condition must be set once released';


--
-- Name: offer_versions; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.offer_versions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    offer_id uuid NOT NULL,
    version integer NOT NULL,
    proposed_by app_public.offer_party NOT NULL,
    proposed_by_user_id uuid,
    price bigint NOT NULL,
    pickup_time timestamp with time zone,
    delivery_time timestamp with time zone,
    message text,
    valid_until timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT offer_versions_message_check CHECK (((length(message) >= 1) AND (length(message) <= 1000))),
    CONSTRAINT offer_versions_price_check CHECK ((price > 0)),
    CONSTRAINT offer_versions_times_ordered CHECK ((delivery_time > pickup_time)),
    CONSTRAINT offer_versions_version_check CHECK (((version >= 1) AND (version <= 100)))
);

ALTER TABLE ONLY app_public.offer_versions FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.offer_versions IS '@behavior -insert -update -delete
Every proposal of an offer thread, immutable: the opening offer and each counter. Visible to the thread''s parties and admins.';


--
-- Name: COLUMN offer_versions.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.id IS 'Identifier of the version.';


--
-- Name: COLUMN offer_versions.offer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.offer_id IS 'The offer thread.';


--
-- Name: COLUMN offer_versions.version; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.version IS 'Position in the thread, from 1.';


--
-- Name: COLUMN offer_versions.proposed_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.proposed_by IS 'Which side proposed it.';


--
-- Name: COLUMN offer_versions.proposed_by_user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.proposed_by_user_id IS 'The user who proposed it.';


--
-- Name: COLUMN offer_versions.price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.price IS 'Proposed price in minor units (the offer''s currency).';


--
-- Name: COLUMN offer_versions.pickup_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.pickup_time IS 'Proposed pickup time.';


--
-- Name: COLUMN offer_versions.delivery_time; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.delivery_time IS 'Proposed drop-off time.';


--
-- Name: COLUMN offer_versions.message; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.message IS 'Message to the other party.';


--
-- Name: COLUMN offer_versions.valid_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.valid_until IS 'When this proposal expires.';


--
-- Name: COLUMN offer_versions.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.offer_versions.created_at IS 'When it was proposed.';


--
-- Name: CONSTRAINT offer_versions_message_check ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_message_check ON app_public.offer_versions IS 'message must have 1 to 1000 characters';


--
-- Name: CONSTRAINT offer_versions_price_check ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_price_check ON app_public.offer_versions IS 'price must be more than 0';


--
-- Name: CONSTRAINT offer_versions_times_ordered ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_times_ordered ON app_public.offer_versions IS 'delivery_time must lie after pickup_time';


--
-- Name: CONSTRAINT offer_versions_version_check ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_version_check ON app_public.offer_versions IS 'version must be between 1 and 100';


--
-- Name: payment_intents; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.payment_intents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    delivery_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    traveler_amount bigint NOT NULL,
    platform_fee bigint NOT NULL,
    processing_fee bigint NOT NULL,
    credits_applied bigint DEFAULT 0 NOT NULL,
    amount bigint NOT NULL,
    currency text NOT NULL,
    status app_public.payment_status DEFAULT 'requires_payment_method'::app_public.payment_status NOT NULL,
    captured_amount bigint DEFAULT 0 NOT NULL,
    refunded_amount bigint DEFAULT 0 NOT NULL,
    capture_before timestamp with time zone,
    idempotency_key text NOT NULL,
    failure_code text,
    failure_message text,
    authorized_at timestamp with time zone,
    captured_at timestamp with time zone,
    canceled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payment_intents_amount_positive CHECK ((amount > 0)),
    CONSTRAINT payment_intents_amount_sum CHECK ((amount = (((traveler_amount + platform_fee) + processing_fee) - credits_applied))),
    CONSTRAINT payment_intents_amounts_ordered CHECK (((refunded_amount >= 0) AND (refunded_amount <= captured_amount) AND (captured_amount <= amount))),
    CONSTRAINT payment_intents_captured CHECK (((status = 'succeeded'::app_public.payment_status) <= (captured_at IS NOT NULL))),
    CONSTRAINT payment_intents_credits_applied_range CHECK ((credits_applied >= 0)),
    CONSTRAINT payment_intents_currency_format CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT payment_intents_failure_code_length CHECK (((length(failure_code) >= 1) AND (length(failure_code) <= 100))),
    CONSTRAINT payment_intents_failure_message_length CHECK (((length(failure_message) >= 1) AND (length(failure_message) <= 1000))),
    CONSTRAINT payment_intents_idempotency_key_format CHECK ((idempotency_key ~ '^pi-create:[0-9a-f-]{36}$'::text)),
    CONSTRAINT payment_intents_platform_fee_range CHECK ((platform_fee >= 0)),
    CONSTRAINT payment_intents_processing_fee_range CHECK ((processing_fee >= 0)),
    CONSTRAINT payment_intents_traveler_amount_positive CHECK ((traveler_amount > 0))
);

ALTER TABLE ONLY app_public.payment_intents FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.payment_intents IS '@behavior -insert -update -delete
The customer''s payment for a delivery (one per delivery): what is charged (the traveler''s price, the platform and processing fees, less credits), how far Stripe got (authorised, captured, cancelled) and how much was refunded. Visible to both parties and to finance.';


--
-- Name: COLUMN payment_intents.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.id IS 'Identifier of the payment.';


--
-- Name: COLUMN payment_intents.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.delivery_id IS 'The delivery paid for.';


--
-- Name: COLUMN payment_intents.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.customer_id IS 'The customer who pays.';


--
-- Name: COLUMN payment_intents.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.traveler_id IS 'The traveler paid from it.';


--
-- Name: COLUMN payment_intents.traveler_amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.traveler_amount IS 'The traveler''s price (the delivery''s final price), minor units.';


--
-- Name: COLUMN payment_intents.platform_fee; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.platform_fee IS 'Platform fee charged to the customer, minor units.';


--
-- Name: COLUMN payment_intents.processing_fee; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.processing_fee IS 'Card processing fee charged to the customer, minor units.';


--
-- Name: COLUMN payment_intents.credits_applied; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.credits_applied IS 'Promotional credits spent on this payment, minor units.';


--
-- Name: COLUMN payment_intents.amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.amount IS 'What the customer is charged: traveler_amount + fees − credits, minor units.';


--
-- Name: COLUMN payment_intents.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.currency IS 'Currency of every amount of the payment.';


--
-- Name: COLUMN payment_intents.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.status IS 'Where the payment stands (moves only forward).';


--
-- Name: COLUMN payment_intents.captured_amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.captured_amount IS 'Amount captured from the authorisation, minor units.';


--
-- Name: COLUMN payment_intents.refunded_amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.refunded_amount IS 'Amount refunded to the customer so far, minor units.';


--
-- Name: COLUMN payment_intents.capture_before; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.capture_before IS 'When the card authorisation lapses unless captured.';


--
-- Name: COLUMN payment_intents.idempotency_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.idempotency_key IS 'Idempotency key of the Stripe call that created it (pi-create:<delivery id>).';


--
-- Name: COLUMN payment_intents.failure_code; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.failure_code IS 'Decline code of the last failed attempt.';


--
-- Name: COLUMN payment_intents.failure_message; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.failure_message IS 'Message of the last failed attempt.';


--
-- Name: COLUMN payment_intents.authorized_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.authorized_at IS 'When the card was authorised.';


--
-- Name: COLUMN payment_intents.captured_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.captured_at IS 'When the money was captured (at pickup).';


--
-- Name: COLUMN payment_intents.canceled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.canceled_at IS 'When the authorisation was cancelled.';


--
-- Name: COLUMN payment_intents.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.created_at IS 'When the payment was created.';


--
-- Name: COLUMN payment_intents.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payment_intents.updated_at IS 'When the payment last changed.';


--
-- Name: CONSTRAINT payment_intents_amount_positive ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_amount_positive ON app_public.payment_intents IS 'amount must be more than 0';


--
-- Name: CONSTRAINT payment_intents_amount_sum ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_amount_sum ON app_public.payment_intents IS 'amount must be traveler_amount + platform_fee + processing_fee − credits_applied';


--
-- Name: CONSTRAINT payment_intents_amounts_ordered ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_amounts_ordered ON app_public.payment_intents IS 'refunded_amount must be at most captured_amount, and captured_amount at most amount';


--
-- Name: CONSTRAINT payment_intents_captured ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_captured ON app_public.payment_intents IS 'captured_at must be set once the payment succeeded';


--
-- Name: CONSTRAINT payment_intents_credits_applied_range ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_credits_applied_range ON app_public.payment_intents IS 'credits_applied must be 0 or more';


--
-- Name: CONSTRAINT payment_intents_currency_format ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_currency_format ON app_public.payment_intents IS 'currency must be three capital letters';


--
-- Name: CONSTRAINT payment_intents_failure_code_length ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_failure_code_length ON app_public.payment_intents IS 'failure_code must have 1 to 100 characters';


--
-- Name: CONSTRAINT payment_intents_failure_message_length ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_failure_message_length ON app_public.payment_intents IS 'failure_message must have 1 to 1000 characters';


--
-- Name: CONSTRAINT payment_intents_idempotency_key_format ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_idempotency_key_format ON app_public.payment_intents IS 'idempotency_key must be pi-create: and the delivery id';


--
-- Name: CONSTRAINT payment_intents_platform_fee_range ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_platform_fee_range ON app_public.payment_intents IS 'platform_fee must be 0 or more';


--
-- Name: CONSTRAINT payment_intents_processing_fee_range ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_processing_fee_range ON app_public.payment_intents IS 'processing_fee must be 0 or more';


--
-- Name: CONSTRAINT payment_intents_traveler_amount_positive ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_traveler_amount_positive ON app_public.payment_intents IS 'traveler_amount must be more than 0';


--
-- Name: payout_accounts; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.payout_accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    status app_public.payout_account_status DEFAULT 'pending'::app_public.payout_account_status NOT NULL,
    payouts_enabled boolean DEFAULT false NOT NULL,
    country text,
    default_currency text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payout_accounts_country_format CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT payout_accounts_default_currency_format CHECK ((default_currency ~ '^[A-Z]{3}$'::text))
);

ALTER TABLE ONLY app_public.payout_accounts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.payout_accounts IS '@behavior -insert -update -delete
A traveler''s payout account (a Stripe Express connected account): released escrows are transferred to it. Visible to its owner and to finance.';


--
-- Name: COLUMN payout_accounts.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.id IS 'Identifier of the payout account.';


--
-- Name: COLUMN payout_accounts.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.user_id IS 'The traveler who owns it.';


--
-- Name: COLUMN payout_accounts.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.status IS 'Whether transfers may go to it (active) or not yet or no longer.';


--
-- Name: COLUMN payout_accounts.payouts_enabled; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.payouts_enabled IS 'Whether Stripe lets the account pay out to a bank.';


--
-- Name: COLUMN payout_accounts.country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.country IS 'Country of the account (ISO 3166-1 alpha-2).';


--
-- Name: COLUMN payout_accounts.default_currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.default_currency IS 'Currency the account is paid out in.';


--
-- Name: COLUMN payout_accounts.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.created_at IS 'When the account was created.';


--
-- Name: COLUMN payout_accounts.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payout_accounts.updated_at IS 'When the account last changed.';


--
-- Name: CONSTRAINT payout_accounts_country_format ON payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payout_accounts_country_format ON app_public.payout_accounts IS 'country must be two capital letters';


--
-- Name: CONSTRAINT payout_accounts_default_currency_format ON payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payout_accounts_default_currency_format ON app_public.payout_accounts IS 'default_currency must be three capital letters';


--
-- Name: payouts; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.payouts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    payout_account_id uuid NOT NULL,
    amount bigint NOT NULL,
    fee bigint DEFAULT 0 NOT NULL,
    net bigint NOT NULL,
    currency text NOT NULL,
    type app_public.payout_type DEFAULT 'standard'::app_public.payout_type NOT NULL,
    status app_public.payout_status DEFAULT 'pending'::app_public.payout_status NOT NULL,
    arrival_date date,
    failure_message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payouts_amount_positive CHECK ((amount > 0)),
    CONSTRAINT payouts_currency_format CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT payouts_failure_message_length CHECK (((length(failure_message) >= 1) AND (length(failure_message) <= 1000))),
    CONSTRAINT payouts_fee_range CHECK ((fee >= 0)),
    CONSTRAINT payouts_net_sum CHECK ((net = (amount - fee)))
);

ALTER TABLE ONLY app_public.payouts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.payouts IS '@behavior -insert -update -delete
Money paid out from a traveler''s payout account to their bank (mirrored from Stripe). Visible to its owner and to finance.';


--
-- Name: COLUMN payouts.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.id IS 'Identifier of the payout.';


--
-- Name: COLUMN payouts.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.user_id IS 'The traveler paid.';


--
-- Name: COLUMN payouts.payout_account_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.payout_account_id IS 'The payout account it left.';


--
-- Name: COLUMN payouts.amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.amount IS 'Amount paid out, minor units.';


--
-- Name: COLUMN payouts.fee; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.fee IS 'Fee of the payout (instant payouts), minor units.';


--
-- Name: COLUMN payouts.net; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.net IS 'What reaches the bank: amount − fee, minor units.';


--
-- Name: COLUMN payouts.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.currency IS 'Currency of the amounts.';


--
-- Name: COLUMN payouts.type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.type IS 'standard or instant.';


--
-- Name: COLUMN payouts.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.status IS 'Where the payout stands.';


--
-- Name: COLUMN payouts.arrival_date; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.arrival_date IS 'When the money is expected at the bank.';


--
-- Name: COLUMN payouts.failure_message; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.failure_message IS 'Why the payout failed.';


--
-- Name: COLUMN payouts.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.created_at IS 'When the payout was created.';


--
-- Name: COLUMN payouts.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.payouts.updated_at IS 'When the payout last changed.';


--
-- Name: CONSTRAINT payouts_amount_positive ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_amount_positive ON app_public.payouts IS 'amount must be more than 0';


--
-- Name: CONSTRAINT payouts_currency_format ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_currency_format ON app_public.payouts IS 'currency must be three capital letters';


--
-- Name: CONSTRAINT payouts_failure_message_length ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_failure_message_length ON app_public.payouts IS 'failure_message must have 1 to 1000 characters';


--
-- Name: CONSTRAINT payouts_fee_range ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_fee_range ON app_public.payouts IS 'fee must be 0 or more';


--
-- Name: CONSTRAINT payouts_net_sum ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_net_sum ON app_public.payouts IS 'net must be amount − fee';


--
-- Name: refunds; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.refunds (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    payment_intent_id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    traveler_id uuid NOT NULL,
    amount bigint NOT NULL,
    platform_fee_refund bigint DEFAULT 0 NOT NULL,
    traveler_compensation bigint DEFAULT 0 NOT NULL,
    currency text NOT NULL,
    reason app_public.refund_reason NOT NULL,
    status app_public.refund_status DEFAULT 'pending'::app_public.refund_status NOT NULL,
    idempotency_key text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT refunds_amount_positive CHECK ((amount > 0)),
    CONSTRAINT refunds_currency_format CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT refunds_platform_fee_refund_range CHECK ((platform_fee_refund >= 0)),
    CONSTRAINT refunds_split_bounded CHECK ((platform_fee_refund <= amount)),
    CONSTRAINT refunds_traveler_compensation_range CHECK ((traveler_compensation >= 0))
);

ALTER TABLE ONLY app_public.refunds FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.refunds IS '@behavior -insert -update -delete
Money given back to the customer from a captured payment, with how it splits between the platform''s fee and the traveler''s share. Visible to both parties and to finance.';


--
-- Name: COLUMN refunds.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.id IS 'Identifier of the refund.';


--
-- Name: COLUMN refunds.payment_intent_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.payment_intent_id IS 'The payment refunded.';


--
-- Name: COLUMN refunds.delivery_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.delivery_id IS 'The delivery.';


--
-- Name: COLUMN refunds.customer_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.customer_id IS 'The customer refunded.';


--
-- Name: COLUMN refunds.traveler_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.traveler_id IS 'The delivery''s traveler.';


--
-- Name: COLUMN refunds.amount; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.amount IS 'What the customer gets back, minor units.';


--
-- Name: COLUMN refunds.platform_fee_refund; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.platform_fee_refund IS 'Part of the amount taken from the platform''s fee, minor units.';


--
-- Name: COLUMN refunds.traveler_compensation; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.traveler_compensation IS 'What the traveler keeps despite the refund, minor units.';


--
-- Name: COLUMN refunds.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.currency IS 'Currency of the amounts.';


--
-- Name: COLUMN refunds.reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.reason IS 'Why the money went back.';


--
-- Name: COLUMN refunds.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.status IS 'Where the refund stands.';


--
-- Name: COLUMN refunds.idempotency_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.idempotency_key IS 'Idempotency key of the Stripe refund call.';


--
-- Name: COLUMN refunds.created_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.created_by IS 'The admin who decided it (NULL: the platform).';


--
-- Name: COLUMN refunds.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.created_at IS 'When the refund was decided.';


--
-- Name: COLUMN refunds.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.refunds.updated_at IS 'When the refund last changed.';


--
-- Name: CONSTRAINT refunds_amount_positive ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_amount_positive ON app_public.refunds IS 'amount must be more than 0';


--
-- Name: CONSTRAINT refunds_currency_format ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_currency_format ON app_public.refunds IS 'currency must be three capital letters';


--
-- Name: CONSTRAINT refunds_platform_fee_refund_range ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_platform_fee_refund_range ON app_public.refunds IS 'platform_fee_refund must be 0 or more';


--
-- Name: CONSTRAINT refunds_split_bounded ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_split_bounded ON app_public.refunds IS 'platform_fee_refund must be at most amount';


--
-- Name: CONSTRAINT refunds_traveler_compensation_range ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_traveler_compensation_range ON app_public.refunds IS 'traveler_compensation must be 0 or more';


--
-- Name: request_matches; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.request_matches (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    request_id uuid NOT NULL,
    trip_id uuid NOT NULL,
    score numeric(5,4) NOT NULL,
    detour_km numeric(9,3) NOT NULL,
    quoted_price bigint NOT NULL,
    factors jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    notified_at timestamp with time zone,
    CONSTRAINT request_matches_detour_km_check CHECK ((detour_km >= (0)::numeric)),
    CONSTRAINT request_matches_factors_check CHECK ((jsonb_typeof(factors) = 'object'::text)),
    CONSTRAINT request_matches_quoted_price_check CHECK ((quoted_price > 0)),
    CONSTRAINT request_matches_score_check CHECK (((score >= (0)::numeric) AND (score <= (1)::numeric)))
);

ALTER TABLE ONLY app_public.request_matches FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.request_matches IS '@name recorded_match
@behavior -insert -update -delete
Candidates the matching job recorded when a trip or a request was created (the best matches at that moment, each pair once). Readable by the request''s customer, the trip''s traveler and admins.';


--
-- Name: COLUMN request_matches.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.id IS 'Identifier of the recorded match.';


--
-- Name: COLUMN request_matches.request_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.request_id IS 'The delivery request.';


--
-- Name: COLUMN request_matches.trip_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.trip_id IS 'The trip that fits it.';


--
-- Name: COLUMN request_matches.score; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.score IS 'Score 0–1 when last recorded.';


--
-- Name: COLUMN request_matches.detour_km; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.detour_km IS 'Detour in km when last recorded.';


--
-- Name: COLUMN request_matches.quoted_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.quoted_price IS 'quotePrice when last recorded, in minor units of the request''s currency.';


--
-- Name: COLUMN request_matches.factors; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.factors IS 'The factor values when last recorded.';


--
-- Name: COLUMN request_matches.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.created_at IS 'When the pair was first recorded.';


--
-- Name: COLUMN request_matches.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.updated_at IS 'When the pair was last recorded.';


--
-- Name: COLUMN request_matches.notified_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.request_matches.notified_at IS 'When the other side was emailed about the match (once per pair).';


--
-- Name: CONSTRAINT request_matches_detour_km_check ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_detour_km_check ON app_public.request_matches IS 'detour_km cannot be negative';


--
-- Name: CONSTRAINT request_matches_factors_check ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_factors_check ON app_public.request_matches IS 'factors must be a JSON object';


--
-- Name: CONSTRAINT request_matches_quoted_price_check ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_quoted_price_check ON app_public.request_matches IS 'quoted_price must be more than 0';


--
-- Name: CONSTRAINT request_matches_score_check ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_score_check ON app_public.request_matches IS 'score must be between 0 and 1';


--
-- Name: route_popularity; Type: VIEW; Schema: app_public; Owner: -
--

CREATE VIEW app_public.route_popularity WITH (security_invoker='true') AS
 SELECT r.pickup_city,
    r.pickup_country,
    r.delivery_city,
    r.delivery_country,
    r.currency,
    (count(DISTINCT r.id))::integer AS request_count,
    (count(DISTINCT d.id) FILTER (WHERE (d.status = 'delivered'::app_public.delivery_status)))::integer AS completed_deliveries,
    (round(avg(d.final_price) FILTER (WHERE (d.status = 'delivered'::app_public.delivery_status))))::bigint AS average_final_price,
    round((sum(v.rating_sum) / NULLIF(sum(v.rating_count), (0)::numeric)), 2) AS average_rating
   FROM ((app_public.delivery_requests r
     LEFT JOIN app_public.deliveries d ON (((d.request_id = r.id) AND (d.status = 'delivered'::app_public.delivery_status))))
     LEFT JOIN LATERAL ( SELECT sum(v_1.overall_rating) AS rating_sum,
            count(*) AS rating_count
           FROM app_public.reviews v_1
          WHERE ((v_1.delivery_id = d.id) AND (v_1.status = 'active'::app_public.review_status) AND (v_1.moderation_status <> 'rejected'::app_public.moderation_status))) v ON (true))
  WHERE (r.created_at >= (now() - '30 days'::interval))
  GROUP BY r.pickup_city, r.pickup_country, r.delivery_city, r.delivery_country, r.currency;


--
-- Name: VIEW route_popularity; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON VIEW app_public.route_popularity IS '@behavior -insert -update -delete
City-to-city routes of the requests posted in the last 30 days, per currency, with completed deliveries, average price and average rating, over what the caller may see.';


--
-- Name: COLUMN route_popularity.pickup_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.pickup_city IS 'Pickup city.';


--
-- Name: COLUMN route_popularity.pickup_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.pickup_country IS 'Pickup country.';


--
-- Name: COLUMN route_popularity.delivery_city; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.delivery_city IS 'Drop-off city.';


--
-- Name: COLUMN route_popularity.delivery_country; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.delivery_country IS 'Drop-off country.';


--
-- Name: COLUMN route_popularity.currency; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.currency IS 'Currency of the requests and prices.';


--
-- Name: COLUMN route_popularity.request_count; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.request_count IS 'Requests posted on the route in the last 30 days.';


--
-- Name: COLUMN route_popularity.completed_deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.completed_deliveries IS 'Of those, how many were delivered.';


--
-- Name: COLUMN route_popularity.average_final_price; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.average_final_price IS 'Average final price of the delivered ones, minor units.';


--
-- Name: COLUMN route_popularity.average_rating; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.route_popularity.average_rating IS 'Average overall rating of the published reviews of those deliveries.';


--
-- Name: system_configuration; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.system_configuration (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    category text NOT NULL,
    key text NOT NULL,
    value jsonb NOT NULL,
    description text,
    is_public boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    data_type app_public.configuration_data_type NOT NULL,
    validation jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_sensitive boolean DEFAULT false NOT NULL,
    updated_by uuid,
    CONSTRAINT system_configuration_category_check CHECK ((category ~ '^[a-z_]+$'::text)),
    CONSTRAINT system_configuration_key_check CHECK ((key ~ '^[a-z_0-9]+$'::text)),
    CONSTRAINT system_configuration_sensitive_not_public CHECK ((NOT (is_sensitive AND is_public))),
    CONSTRAINT system_configuration_validation_check CHECK (((jsonb_typeof(validation) = 'object'::text) AND ((validation - '{min,max,pattern}'::text[]) = '{}'::jsonb)))
);

ALTER TABLE ONLY app_public.system_configuration FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.system_configuration IS '@behavior -insert -update -delete
Platform tunables (category.key → typed JSON value). Only public rows are visible to clients.';


--
-- Name: COLUMN system_configuration.id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.id IS 'Identifier of the setting.';


--
-- Name: COLUMN system_configuration.category; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.category IS 'Group of the setting, e.g. auth or matching.';


--
-- Name: COLUMN system_configuration.key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.key IS 'Name of the setting inside its category.';


--
-- Name: COLUMN system_configuration.value; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.value IS 'The value as typed JSON (number, boolean, string, array or object).';


--
-- Name: COLUMN system_configuration.description; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.description IS 'What the setting controls.';


--
-- Name: COLUMN system_configuration.is_public; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.is_public IS 'Whether clients may read the setting.';


--
-- Name: COLUMN system_configuration.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.created_at IS 'When the setting was created.';


--
-- Name: COLUMN system_configuration.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.updated_at IS 'When the setting last changed.';


--
-- Name: COLUMN system_configuration.data_type; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.data_type IS 'JSON type of the value: boolean, integer, number, string, array or object.';


--
-- Name: COLUMN system_configuration.validation; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.validation IS 'Bounds of the value: min and max (numbers: the value, or each number of an array or object), pattern (strings: the value, or each string of an array).';


--
-- Name: COLUMN system_configuration.is_sensitive; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.is_sensitive IS 'Whether knowing the value helps abuse (rate limits, lockout and risk thresholds): never public.';


--
-- Name: COLUMN system_configuration.updated_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.system_configuration.updated_by IS '@behavior -*
Who changed the value last; null for the seeded value or a system change.';


--
-- Name: CONSTRAINT system_configuration_category_check ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_category_check ON app_public.system_configuration IS 'category may have only lowercase letters and underscores';


--
-- Name: CONSTRAINT system_configuration_key_check ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_key_check ON app_public.system_configuration IS 'key may have only lowercase letters, digits and underscores';


--
-- Name: CONSTRAINT system_configuration_sensitive_not_public ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_sensitive_not_public ON app_public.system_configuration IS 'is_public: a sensitive setting cannot be public';


--
-- Name: CONSTRAINT system_configuration_validation_check ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_validation_check ON app_public.system_configuration IS 'validation must be a JSON object with only min, max and pattern';


--
-- Name: user_contacts; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_contacts (
    user_id uuid NOT NULL,
    email public.citext NOT NULL,
    email_verified_at timestamp with time zone,
    last_name text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    phone_number text,
    phone_verified_at timestamp with time zone,
    date_of_birth date,
    terms_accepted_at timestamp with time zone,
    referral_code text,
    CONSTRAINT user_contacts_email_check CHECK (((length((email)::text) <= 254) AND (email OPERATOR(public.~) '^[^@\s]+@[^@\s]+\.[^@\s]+$'::public.citext))),
    CONSTRAINT user_contacts_last_name_check CHECK (((length(last_name) >= 1) AND (length(last_name) <= 100))),
    CONSTRAINT user_contacts_phone_number_check CHECK ((phone_number ~ '^\+[1-9][0-9]{6,14}$'::text)),
    CONSTRAINT user_contacts_phone_verified_has_number CHECK (((phone_verified_at IS NULL) OR (phone_number IS NOT NULL))),
    CONSTRAINT user_contacts_referral_code_check CHECK ((referral_code ~ '^[0-9A-Z]{6,16}$'::text))
);

ALTER TABLE ONLY app_public.user_contacts FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.user_contacts IS '@behavior -insert -delete
Private contact details of a user (1:1), visible only to the user and to admins.';


--
-- Name: COLUMN user_contacts.user_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.user_id IS 'The user these details belong to.';


--
-- Name: COLUMN user_contacts.email; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.email IS 'Login and contact email, unique regardless of case.';


--
-- Name: COLUMN user_contacts.email_verified_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.email_verified_at IS 'When the user proved they own the email address.';


--
-- Name: COLUMN user_contacts.last_name; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.last_name IS 'Family name; only its initial is public.';


--
-- Name: COLUMN user_contacts.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.created_at IS 'When the row was created.';


--
-- Name: COLUMN user_contacts.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.updated_at IS 'When the row last changed.';


--
-- Name: COLUMN user_contacts.phone_number; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.phone_number IS 'Phone number in E.164 form (e.g. +4915112345678); counts only once verified.';


--
-- Name: COLUMN user_contacts.phone_verified_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.phone_verified_at IS 'When a code sent to the phone number confirmed it.';


--
-- Name: COLUMN user_contacts.date_of_birth; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.date_of_birth IS 'Date of birth; users must be at least 18.';


--
-- Name: COLUMN user_contacts.terms_accepted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.terms_accepted_at IS 'When the user accepted the terms of service and the privacy policy.';


--
-- Name: COLUMN user_contacts.referral_code; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.user_contacts.referral_code IS 'Code others enter at sign-up to be referred by this user; private to the user (and admins), who shares it.';


--
-- Name: CONSTRAINT user_contacts_email_check ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_email_check ON app_public.user_contacts IS 'email must be an email address of at most 254 characters';


--
-- Name: CONSTRAINT user_contacts_last_name_check ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_last_name_check ON app_public.user_contacts IS 'last_name must have 1 to 100 characters';


--
-- Name: CONSTRAINT user_contacts_phone_number_check ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_phone_number_check ON app_public.user_contacts IS 'phone_number must be in E.164 format, e.g. +4930123456';


--
-- Name: CONSTRAINT user_contacts_phone_verified_has_number ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_phone_verified_has_number ON app_public.user_contacts IS 'phone_verified_at: only a phone number can be verified';


--
-- Name: CONSTRAINT user_contacts_referral_code_check ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_referral_code_check ON app_public.user_contacts IS 'referral_code must have 6 to 16 capital letters or digits';


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);


--
-- Name: account_closures account_closures_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.account_closures
    ADD CONSTRAINT account_closures_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT account_closures_pkey ON account_closures; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT account_closures_pkey ON app_private.account_closures IS 'id is already taken';


--
-- Name: admin_users admin_users_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.admin_users
    ADD CONSTRAINT admin_users_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT admin_users_pkey ON admin_users; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT admin_users_pkey ON app_private.admin_users IS 'user_id is already an admin';


--
-- Name: api_request_budgets api_request_budgets_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.api_request_budgets
    ADD CONSTRAINT api_request_budgets_pkey PRIMARY KEY (subject);


--
-- Name: CONSTRAINT api_request_budgets_pkey ON api_request_budgets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT api_request_budgets_pkey ON app_private.api_request_budgets IS 'subject already has a request budget';


--
-- Name: email_verification_tokens email_verification_tokens_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verification_tokens
    ADD CONSTRAINT email_verification_tokens_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT email_verification_tokens_pkey ON email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT email_verification_tokens_pkey ON app_private.email_verification_tokens IS 'id is already taken';


--
-- Name: email_verification_tokens email_verification_tokens_token_hash_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verification_tokens
    ADD CONSTRAINT email_verification_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: CONSTRAINT email_verification_tokens_token_hash_key ON email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT email_verification_tokens_token_hash_key ON app_private.email_verification_tokens IS 'token_hash is already in use';


--
-- Name: emails emails_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.emails
    ADD CONSTRAINT emails_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT emails_pkey ON emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT emails_pkey ON app_private.emails IS 'id is already taken';


--
-- Name: file_objects file_objects_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.file_objects
    ADD CONSTRAINT file_objects_pkey PRIMARY KEY (file_id);


--
-- Name: CONSTRAINT file_objects_pkey ON file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT file_objects_pkey ON app_private.file_objects IS 'file_id is already taken';


--
-- Name: file_objects file_objects_storage_key_unique; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.file_objects
    ADD CONSTRAINT file_objects_storage_key_unique UNIQUE (storage_key);


--
-- Name: CONSTRAINT file_objects_storage_key_unique ON file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT file_objects_storage_key_unique ON app_private.file_objects IS 'storage_key is already taken';


--
-- Name: ledger_accounts ledger_accounts_code_user_id_currency_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_accounts
    ADD CONSTRAINT ledger_accounts_code_user_id_currency_key UNIQUE NULLS NOT DISTINCT (code, user_id, currency);


--
-- Name: CONSTRAINT ledger_accounts_code_user_id_currency_key ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_code_user_id_currency_key ON app_private.ledger_accounts IS 'code already has an account for this user_id and currency';


--
-- Name: ledger_accounts ledger_accounts_id_currency_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_accounts
    ADD CONSTRAINT ledger_accounts_id_currency_key UNIQUE (id, currency);


--
-- Name: CONSTRAINT ledger_accounts_id_currency_key ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_id_currency_key ON app_private.ledger_accounts IS 'id is already taken';


--
-- Name: ledger_accounts ledger_accounts_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_accounts
    ADD CONSTRAINT ledger_accounts_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT ledger_accounts_pkey ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_pkey ON app_private.ledger_accounts IS 'id is already taken';


--
-- Name: ledger_entries ledger_entries_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_entries
    ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT ledger_entries_pkey ON ledger_entries; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_entries_pkey ON app_private.ledger_entries IS 'id is already taken';


--
-- Name: ledger_transactions ledger_transactions_idempotency_key_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_transactions
    ADD CONSTRAINT ledger_transactions_idempotency_key_key UNIQUE (idempotency_key);


--
-- Name: CONSTRAINT ledger_transactions_idempotency_key_key ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_idempotency_key_key ON app_private.ledger_transactions IS 'idempotency_key was already posted';


--
-- Name: ledger_transactions ledger_transactions_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_transactions
    ADD CONSTRAINT ledger_transactions_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT ledger_transactions_pkey ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_pkey ON app_private.ledger_transactions IS 'id is already taken';


--
-- Name: login_attempts login_attempts_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT login_attempts_pkey ON login_attempts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT login_attempts_pkey ON app_private.login_attempts IS 'id is already taken';


--
-- Name: mfa_challenges mfa_challenges_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.mfa_challenges
    ADD CONSTRAINT mfa_challenges_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT mfa_challenges_pkey ON mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT mfa_challenges_pkey ON app_private.mfa_challenges IS 'id is already taken';


--
-- Name: mfa_challenges mfa_challenges_token_hash_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.mfa_challenges
    ADD CONSTRAINT mfa_challenges_token_hash_key UNIQUE (token_hash);


--
-- Name: CONSTRAINT mfa_challenges_token_hash_key ON mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT mfa_challenges_token_hash_key ON app_private.mfa_challenges IS 'token_hash is already in use';


--
-- Name: password_reset_tokens password_reset_tokens_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_reset_tokens
    ADD CONSTRAINT password_reset_tokens_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT password_reset_tokens_pkey ON password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT password_reset_tokens_pkey ON app_private.password_reset_tokens IS 'id is already taken';


--
-- Name: password_reset_tokens password_reset_tokens_token_hash_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_reset_tokens
    ADD CONSTRAINT password_reset_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: CONSTRAINT password_reset_tokens_token_hash_key ON password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT password_reset_tokens_token_hash_key ON app_private.password_reset_tokens IS 'token_hash is already in use';


--
-- Name: phone_verification_codes phone_verification_codes_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.phone_verification_codes
    ADD CONSTRAINT phone_verification_codes_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT phone_verification_codes_pkey ON phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT phone_verification_codes_pkey ON app_private.phone_verification_codes IS 'id is already taken';


--
-- Name: rate_limit_hits rate_limit_hits_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.rate_limit_hits
    ADD CONSTRAINT rate_limit_hits_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT rate_limit_hits_pkey ON rate_limit_hits; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT rate_limit_hits_pkey ON app_private.rate_limit_hits IS 'id is already taken';


--
-- Name: session_rotated_tokens session_rotated_tokens_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.session_rotated_tokens
    ADD CONSTRAINT session_rotated_tokens_pkey PRIMARY KEY (token_hash);


--
-- Name: CONSTRAINT session_rotated_tokens_pkey ON session_rotated_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT session_rotated_tokens_pkey ON app_private.session_rotated_tokens IS 'token_hash was already rotated';


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT sessions_pkey ON sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT sessions_pkey ON app_private.sessions IS 'id is already taken';


--
-- Name: stripe_events stripe_events_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_events
    ADD CONSTRAINT stripe_events_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT stripe_events_pkey ON stripe_events; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_events_pkey ON app_private.stripe_events IS 'id is already recorded';


--
-- Name: stripe_refs stripe_refs_escrow_id_kind_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_escrow_id_kind_key UNIQUE (escrow_id, kind);


--
-- Name: CONSTRAINT stripe_refs_escrow_id_kind_key ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_escrow_id_kind_key ON app_private.stripe_refs IS 'escrow_id already has a Stripe object of this kind';


--
-- Name: stripe_refs stripe_refs_payment_intent_id_kind_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payment_intent_id_kind_key UNIQUE (payment_intent_id, kind);


--
-- Name: CONSTRAINT stripe_refs_payment_intent_id_kind_key ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payment_intent_id_kind_key ON app_private.stripe_refs IS 'payment_intent_id already has a Stripe object of this kind';


--
-- Name: stripe_refs stripe_refs_payout_account_id_kind_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payout_account_id_kind_key UNIQUE (payout_account_id, kind);


--
-- Name: CONSTRAINT stripe_refs_payout_account_id_kind_key ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payout_account_id_kind_key ON app_private.stripe_refs IS 'payout_account_id already has a Stripe object of this kind';


--
-- Name: stripe_refs stripe_refs_payout_id_kind_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payout_id_kind_key UNIQUE (payout_id, kind);


--
-- Name: CONSTRAINT stripe_refs_payout_id_kind_key ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payout_id_kind_key ON app_private.stripe_refs IS 'payout_id already has a Stripe object of this kind';


--
-- Name: stripe_refs stripe_refs_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_pkey PRIMARY KEY (stripe_id);


--
-- Name: CONSTRAINT stripe_refs_pkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_pkey ON app_private.stripe_refs IS 'stripe_id is already recorded';


--
-- Name: stripe_refs stripe_refs_refund_id_kind_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_refund_id_kind_key UNIQUE (refund_id, kind);


--
-- Name: CONSTRAINT stripe_refs_refund_id_kind_key ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_refund_id_kind_key ON app_private.stripe_refs IS 'refund_id already has a Stripe object of this kind';


--
-- Name: two_factor_setups two_factor_setups_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.two_factor_setups
    ADD CONSTRAINT two_factor_setups_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT two_factor_setups_pkey ON two_factor_setups; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT two_factor_setups_pkey ON app_private.two_factor_setups IS 'id is already taken';


--
-- Name: user_secrets user_secrets_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT user_secrets_pkey ON user_secrets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_secrets_pkey ON app_private.user_secrets IS 'user_id already has its secrets';


--
-- Name: user_status_changes user_status_changes_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_status_changes
    ADD CONSTRAINT user_status_changes_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_status_changes_pkey ON user_status_changes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_status_changes_pkey ON app_private.user_status_changes IS 'id is already taken';


--
-- Name: user_two_factor_auth user_two_factor_auth_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_two_factor_auth
    ADD CONSTRAINT user_two_factor_auth_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT user_two_factor_auth_pkey ON user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_two_factor_auth_pkey ON app_private.user_two_factor_auth IS 'user_id already has two-factor authentication';


--
-- Name: worker_heartbeats worker_heartbeats_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.worker_heartbeats
    ADD CONSTRAINT worker_heartbeats_pkey PRIMARY KEY (worker_id);


--
-- Name: CONSTRAINT worker_heartbeats_pkey ON worker_heartbeats; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT worker_heartbeats_pkey ON app_private.worker_heartbeats IS 'worker_id already has a heartbeat';


--
-- Name: deliveries deliveries_delivery_number_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_delivery_number_key UNIQUE (delivery_number);


--
-- Name: CONSTRAINT deliveries_delivery_number_key ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_delivery_number_key ON app_public.deliveries IS 'delivery_number is already taken';


--
-- Name: deliveries deliveries_offer_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_offer_id_key UNIQUE (offer_id);


--
-- Name: CONSTRAINT deliveries_offer_id_key ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_offer_id_key ON app_public.deliveries IS 'offer_id: this offer already has a delivery';


--
-- Name: deliveries deliveries_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT deliveries_pkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_pkey ON app_public.deliveries IS 'id is already taken';


--
-- Name: delivery_offers delivery_offers_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT delivery_offers_pkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_pkey ON app_public.delivery_offers IS 'id is already taken';


--
-- Name: delivery_requests delivery_requests_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_requests
    ADD CONSTRAINT delivery_requests_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT delivery_requests_pkey ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_pkey ON app_public.delivery_requests IS 'id is already taken';


--
-- Name: delivery_status_history delivery_status_history_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_status_history
    ADD CONSTRAINT delivery_status_history_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT delivery_status_history_pkey ON delivery_status_history; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_status_history_pkey ON app_public.delivery_status_history IS 'id is already taken';


--
-- Name: delivery_transitions delivery_transitions_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_transitions
    ADD CONSTRAINT delivery_transitions_pkey PRIMARY KEY (from_status, to_status, source);


--
-- Name: CONSTRAINT delivery_transitions_pkey ON delivery_transitions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_transitions_pkey ON app_public.delivery_transitions IS 'from_status, to_status and source: this transition already exists';


--
-- Name: escrow_accounts escrow_accounts_delivery_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_delivery_id_key UNIQUE (delivery_id);


--
-- Name: CONSTRAINT escrow_accounts_delivery_id_key ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_delivery_id_key ON app_public.escrow_accounts IS 'delivery_id already has an escrow';


--
-- Name: escrow_accounts escrow_accounts_payment_intent_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_payment_intent_id_key UNIQUE (payment_intent_id);


--
-- Name: CONSTRAINT escrow_accounts_payment_intent_id_key ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_payment_intent_id_key ON app_public.escrow_accounts IS 'payment_intent_id already has an escrow';


--
-- Name: escrow_accounts escrow_accounts_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT escrow_accounts_pkey ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_pkey ON app_public.escrow_accounts IS 'id is already taken';


--
-- Name: files files_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.files
    ADD CONSTRAINT files_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT files_pkey ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_pkey ON app_public.files IS 'id is already taken';


--
-- Name: offer_versions offer_versions_offer_version_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.offer_versions
    ADD CONSTRAINT offer_versions_offer_version_key UNIQUE (offer_id, version);


--
-- Name: CONSTRAINT offer_versions_offer_version_key ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_offer_version_key ON app_public.offer_versions IS 'version: this version of the offer already exists';


--
-- Name: offer_versions offer_versions_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.offer_versions
    ADD CONSTRAINT offer_versions_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT offer_versions_pkey ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_pkey ON app_public.offer_versions IS 'id is already taken';


--
-- Name: payment_intents payment_intents_delivery_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_delivery_id_key UNIQUE (delivery_id);


--
-- Name: CONSTRAINT payment_intents_delivery_id_key ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_delivery_id_key ON app_public.payment_intents IS 'delivery_id already has a payment';


--
-- Name: payment_intents payment_intents_idempotency_key_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_idempotency_key_key UNIQUE (idempotency_key);


--
-- Name: CONSTRAINT payment_intents_idempotency_key_key ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_idempotency_key_key ON app_public.payment_intents IS 'idempotency_key is already taken';


--
-- Name: payment_intents payment_intents_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT payment_intents_pkey ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_pkey ON app_public.payment_intents IS 'id is already taken';


--
-- Name: payout_accounts payout_accounts_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payout_accounts
    ADD CONSTRAINT payout_accounts_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT payout_accounts_pkey ON payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payout_accounts_pkey ON app_public.payout_accounts IS 'id is already taken';


--
-- Name: payout_accounts payout_accounts_user_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payout_accounts
    ADD CONSTRAINT payout_accounts_user_id_key UNIQUE (user_id);


--
-- Name: CONSTRAINT payout_accounts_user_id_key ON payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payout_accounts_user_id_key ON app_public.payout_accounts IS 'user_id already has a payout account';


--
-- Name: payouts payouts_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payouts
    ADD CONSTRAINT payouts_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT payouts_pkey ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_pkey ON app_public.payouts IS 'id is already taken';


--
-- Name: refunds refunds_idempotency_key_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_idempotency_key_key UNIQUE (idempotency_key);


--
-- Name: CONSTRAINT refunds_idempotency_key_key ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_idempotency_key_key ON app_public.refunds IS 'idempotency_key is already taken';


--
-- Name: refunds refunds_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT refunds_pkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_pkey ON app_public.refunds IS 'id is already taken';


--
-- Name: request_matches request_matches_pair_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.request_matches
    ADD CONSTRAINT request_matches_pair_key UNIQUE (request_id, trip_id);


--
-- Name: CONSTRAINT request_matches_pair_key ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_pair_key ON app_public.request_matches IS 'request_id and trip_id: this pair is already recorded';


--
-- Name: request_matches request_matches_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.request_matches
    ADD CONSTRAINT request_matches_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT request_matches_pkey ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_pkey ON app_public.request_matches IS 'id is already taken';


--
-- Name: review_reports review_reports_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.review_reports
    ADD CONSTRAINT review_reports_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT review_reports_pkey ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_pkey ON app_public.review_reports IS 'id is already taken';


--
-- Name: review_reports review_reports_review_reporter_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.review_reports
    ADD CONSTRAINT review_reports_review_reporter_key UNIQUE (review_id, reporter_id);


--
-- Name: CONSTRAINT review_reports_review_reporter_key ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_review_reporter_key ON app_public.review_reports IS 'review_id: you already reported this review';


--
-- Name: reviews reviews_delivery_reviewer_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_delivery_reviewer_key UNIQUE (delivery_id, reviewer_id);


--
-- Name: CONSTRAINT reviews_delivery_reviewer_key ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_delivery_reviewer_key ON app_public.reviews IS 'delivery_id: you already reviewed this delivery';


--
-- Name: reviews reviews_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT reviews_pkey ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_pkey ON app_public.reviews IS 'id is already taken';


--
-- Name: system_configuration system_configuration_category_key_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.system_configuration
    ADD CONSTRAINT system_configuration_category_key_key UNIQUE (category, key);


--
-- Name: CONSTRAINT system_configuration_category_key_key ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_category_key_key ON app_public.system_configuration IS 'category and key: this setting already exists';


--
-- Name: system_configuration system_configuration_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.system_configuration
    ADD CONSTRAINT system_configuration_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT system_configuration_pkey ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_pkey ON app_public.system_configuration IS 'id is already taken';


--
-- Name: trip_capacity_reservations trip_capacity_reservations_delivery_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_capacity_reservations
    ADD CONSTRAINT trip_capacity_reservations_delivery_id_key UNIQUE (delivery_id);


--
-- Name: CONSTRAINT trip_capacity_reservations_delivery_id_key ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_delivery_id_key ON app_public.trip_capacity_reservations IS 'delivery_id: capacity is already reserved for this delivery';


--
-- Name: trip_capacity_reservations trip_capacity_reservations_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_capacity_reservations
    ADD CONSTRAINT trip_capacity_reservations_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT trip_capacity_reservations_pkey ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_pkey ON app_public.trip_capacity_reservations IS 'id is already taken';


--
-- Name: trip_templates trip_templates_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_templates
    ADD CONSTRAINT trip_templates_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT trip_templates_pkey ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_pkey ON app_public.trip_templates IS 'id is already taken';


--
-- Name: trip_templates trip_templates_user_name_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_templates
    ADD CONSTRAINT trip_templates_user_name_key UNIQUE (user_id, name);


--
-- Name: CONSTRAINT trip_templates_user_name_key ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_user_name_key ON app_public.trip_templates IS 'name: you already have a template with this name';


--
-- Name: trip_weather trip_weather_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_weather
    ADD CONSTRAINT trip_weather_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT trip_weather_pkey ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_pkey ON app_public.trip_weather IS 'id is already taken';


--
-- Name: trip_weather trip_weather_trip_id_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_weather
    ADD CONSTRAINT trip_weather_trip_id_key UNIQUE (trip_id);


--
-- Name: CONSTRAINT trip_weather_trip_id_key ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_trip_id_key ON app_public.trip_weather IS 'trip_id: this trip already has its weather';


--
-- Name: trips trips_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trips
    ADD CONSTRAINT trips_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT trips_pkey ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_pkey ON app_public.trips IS 'id is already taken';


--
-- Name: user_addresses user_addresses_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_addresses
    ADD CONSTRAINT user_addresses_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_addresses_pkey ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_pkey ON app_public.user_addresses IS 'id is already taken';


--
-- Name: user_blocks user_blocks_pair_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_blocks
    ADD CONSTRAINT user_blocks_pair_key UNIQUE (blocker_id, blocked_id);


--
-- Name: CONSTRAINT user_blocks_pair_key ON user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_blocks_pair_key ON app_public.user_blocks IS 'blocked_id: you already blocked this user';


--
-- Name: user_blocks user_blocks_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_blocks
    ADD CONSTRAINT user_blocks_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_blocks_pkey ON user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_blocks_pkey ON app_public.user_blocks IS 'id is already taken';


--
-- Name: user_contacts user_contacts_email_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_email_key UNIQUE (email);


--
-- Name: CONSTRAINT user_contacts_email_key ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_email_key ON app_public.user_contacts IS 'email is already taken';


--
-- Name: user_contacts user_contacts_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT user_contacts_pkey ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_pkey ON app_public.user_contacts IS 'user_id already has contact details';


--
-- Name: user_earnings user_earnings_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_earnings
    ADD CONSTRAINT user_earnings_pkey PRIMARY KEY (user_id, currency);


--
-- Name: CONSTRAINT user_earnings_pkey ON user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_earnings_pkey ON app_public.user_earnings IS 'user_id and currency: these earnings already exist';


--
-- Name: user_favorites user_favorites_pair_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_favorites
    ADD CONSTRAINT user_favorites_pair_key UNIQUE (user_id, traveler_id);


--
-- Name: CONSTRAINT user_favorites_pair_key ON user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_favorites_pair_key ON app_public.user_favorites IS 'traveler_id: this traveler is already a favorite';


--
-- Name: user_favorites user_favorites_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_favorites
    ADD CONSTRAINT user_favorites_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_favorites_pkey ON user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_favorites_pkey ON app_public.user_favorites IS 'id is already taken';


--
-- Name: user_preferences user_preferences_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_preferences
    ADD CONSTRAINT user_preferences_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT user_preferences_pkey ON user_preferences; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_preferences_pkey ON app_public.user_preferences IS 'user_id already has preferences';


--
-- Name: user_reports user_reports_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_reports_pkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_pkey ON app_public.user_reports IS 'id is already taken';


--
-- Name: user_statistics user_statistics_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_statistics
    ADD CONSTRAINT user_statistics_pkey PRIMARY KEY (user_id);


--
-- Name: CONSTRAINT user_statistics_pkey ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_pkey ON app_public.user_statistics IS 'user_id already has statistics';


--
-- Name: user_verification_documents user_verification_documents_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT user_verification_documents_pkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_pkey ON app_public.user_verification_documents IS 'id is already taken';


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: CONSTRAINT users_pkey ON users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT users_pkey ON app_public.users IS 'id is already taken';


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: account_closures_to_anonymise_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX account_closures_to_anonymise_idx ON app_private.account_closures USING btree (created_at) WHERE ((kind = 'deleted'::app_private.account_closure_kind) AND (anonymised_at IS NULL));


--
-- Name: account_closures_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX account_closures_user_id_idx ON app_private.account_closures USING btree (user_id, created_at);


--
-- Name: api_request_budgets_window_start_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX api_request_budgets_window_start_idx ON app_private.api_request_budgets USING btree (window_start);


--
-- Name: email_verification_tokens_email_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX email_verification_tokens_email_id_idx ON app_private.email_verification_tokens USING btree (email_id);


--
-- Name: email_verification_tokens_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX email_verification_tokens_user_id_idx ON app_private.email_verification_tokens USING btree (user_id);


--
-- Name: emails_queued_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX emails_queued_idx ON app_private.emails USING btree (created_at) WHERE (status = 'queued'::app_private.email_status);


--
-- Name: emails_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX emails_user_id_idx ON app_private.emails USING btree (user_id);


--
-- Name: ledger_accounts_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX ledger_accounts_user_id_idx ON app_private.ledger_accounts USING btree (user_id);


--
-- Name: ledger_entries_account_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX ledger_entries_account_id_idx ON app_private.ledger_entries USING btree (account_id, currency);


--
-- Name: ledger_entries_transaction_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX ledger_entries_transaction_id_idx ON app_private.ledger_entries USING btree (transaction_id);


--
-- Name: ledger_transactions_delivery_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX ledger_transactions_delivery_id_idx ON app_private.ledger_transactions USING btree (delivery_id);


--
-- Name: login_attempts_ip_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX login_attempts_ip_idx ON app_private.login_attempts USING btree (ip, created_at) WHERE (ip IS NOT NULL);


--
-- Name: login_attempts_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX login_attempts_user_id_idx ON app_private.login_attempts USING btree (user_id, created_at);


--
-- Name: mfa_challenges_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX mfa_challenges_user_id_idx ON app_private.mfa_challenges USING btree (user_id);


--
-- Name: password_reset_tokens_email_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX password_reset_tokens_email_id_idx ON app_private.password_reset_tokens USING btree (email_id);


--
-- Name: password_reset_tokens_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX password_reset_tokens_user_id_idx ON app_private.password_reset_tokens USING btree (user_id);


--
-- Name: phone_verification_codes_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX phone_verification_codes_user_id_idx ON app_private.phone_verification_codes USING btree (user_id, created_at);


--
-- Name: rate_limit_hits_bucket_subject_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX rate_limit_hits_bucket_subject_idx ON app_private.rate_limit_hits USING btree (bucket, subject, created_at);


--
-- Name: rate_limit_hits_created_at_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX rate_limit_hits_created_at_idx ON app_private.rate_limit_hits USING btree (created_at);


--
-- Name: session_rotated_tokens_session_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX session_rotated_tokens_session_id_idx ON app_private.session_rotated_tokens USING btree (session_id);


--
-- Name: sessions_refresh_token_hash_key; Type: INDEX; Schema: app_private; Owner: -
--

CREATE UNIQUE INDEX sessions_refresh_token_hash_key ON app_private.sessions USING btree (refresh_token_hash);


--
-- Name: INDEX sessions_refresh_token_hash_key; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON INDEX app_private.sessions_refresh_token_hash_key IS 'refresh_token_hash is already in use';


--
-- Name: sessions_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_user_id_idx ON app_private.sessions USING btree (user_id);


--
-- Name: sessions_user_live_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_user_live_idx ON app_private.sessions USING btree (user_id, last_active_at) WHERE (revoked_at IS NULL);


--
-- Name: stripe_events_received_at_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX stripe_events_received_at_idx ON app_private.stripe_events USING btree (received_at);


--
-- Name: two_factor_setups_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX two_factor_setups_user_id_idx ON app_private.two_factor_setups USING btree (user_id, created_at);


--
-- Name: user_status_changes_changed_by_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX user_status_changes_changed_by_idx ON app_private.user_status_changes USING btree (changed_by);


--
-- Name: user_status_changes_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX user_status_changes_user_id_idx ON app_private.user_status_changes USING btree (user_id, created_at);


--
-- Name: worker_heartbeats_seen_at_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX worker_heartbeats_seen_at_idx ON app_private.worker_heartbeats USING btree (seen_at);


--
-- Name: deliveries_cancelled_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_cancelled_by_idx ON app_public.deliveries USING btree (cancelled_by);


--
-- Name: deliveries_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_customer_id_idx ON app_public.deliveries USING btree (customer_id, created_at);


--
-- Name: deliveries_delivery_photo_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_delivery_photo_id_idx ON app_public.deliveries USING btree (delivery_photo_id);


--
-- Name: deliveries_one_live_per_request_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX deliveries_one_live_per_request_key ON app_public.deliveries USING btree (request_id) WHERE (status <> 'cancelled'::app_public.delivery_status);


--
-- Name: INDEX deliveries_one_live_per_request_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.deliveries_one_live_per_request_key IS 'request_id: this request already has a live delivery';


--
-- Name: deliveries_pickup_photo_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_pickup_photo_id_idx ON app_public.deliveries USING btree (pickup_photo_id);


--
-- Name: deliveries_request_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_request_id_idx ON app_public.deliveries USING btree (request_id);


--
-- Name: deliveries_signature_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_signature_id_idx ON app_public.deliveries USING btree (signature_id);


--
-- Name: deliveries_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_traveler_id_idx ON app_public.deliveries USING btree (traveler_id, created_at);


--
-- Name: deliveries_trip_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX deliveries_trip_id_idx ON app_public.deliveries USING btree (trip_id);


--
-- Name: delivery_offers_closed_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_closed_by_idx ON app_public.delivery_offers USING btree (closed_by);


--
-- Name: delivery_offers_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_customer_id_idx ON app_public.delivery_offers USING btree (customer_id, created_at);


--
-- Name: delivery_offers_one_accepted_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX delivery_offers_one_accepted_key ON app_public.delivery_offers USING btree (request_id) WHERE (status = 'accepted'::app_public.offer_status);


--
-- Name: INDEX delivery_offers_one_accepted_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.delivery_offers_one_accepted_key IS 'request_id: this request already has an accepted offer';


--
-- Name: delivery_offers_one_pending_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX delivery_offers_one_pending_key ON app_public.delivery_offers USING btree (request_id, traveler_id) WHERE (status = 'pending'::app_public.offer_status);


--
-- Name: INDEX delivery_offers_one_pending_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.delivery_offers_one_pending_key IS 'request_id and traveler_id: there already is a live offer between this traveler and request';


--
-- Name: delivery_offers_pending_valid_until_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_pending_valid_until_idx ON app_public.delivery_offers USING btree (valid_until) WHERE (status = 'pending'::app_public.offer_status);


--
-- Name: delivery_offers_request_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_request_id_idx ON app_public.delivery_offers USING btree (request_id, status);


--
-- Name: delivery_offers_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_traveler_id_idx ON app_public.delivery_offers USING btree (traveler_id, created_at);


--
-- Name: delivery_offers_trip_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_offers_trip_id_idx ON app_public.delivery_offers USING btree (trip_id);


--
-- Name: delivery_requests_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_requests_customer_id_idx ON app_public.delivery_requests USING btree (customer_id, created_at);


--
-- Name: delivery_requests_delivery_point_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_requests_delivery_point_idx ON app_public.delivery_requests USING gist (delivery_point);


--
-- Name: delivery_requests_open_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_requests_open_idx ON app_public.delivery_requests USING btree (status, expires_at) WHERE (status = ANY (ARRAY['pending'::app_public.delivery_request_status, 'matched'::app_public.delivery_request_status]));


--
-- Name: delivery_requests_open_route_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_requests_open_route_idx ON app_public.delivery_requests USING gist (pickup_point, delivery_point, COALESCE(pickup_window_start, '-infinity'::timestamp with time zone), COALESCE(pickup_window_end, 'infinity'::timestamp with time zone)) WHERE (status = ANY (ARRAY['pending'::app_public.delivery_request_status, 'matched'::app_public.delivery_request_status]));


--
-- Name: delivery_requests_pickup_point_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_requests_pickup_point_idx ON app_public.delivery_requests USING gist (pickup_point);


--
-- Name: delivery_status_history_changed_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_status_history_changed_by_idx ON app_public.delivery_status_history USING btree (changed_by);


--
-- Name: delivery_status_history_delivery_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX delivery_status_history_delivery_id_idx ON app_public.delivery_status_history USING btree (delivery_id, created_at);


--
-- Name: escrow_accounts_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX escrow_accounts_customer_id_idx ON app_public.escrow_accounts USING btree (customer_id, created_at);


--
-- Name: escrow_accounts_held_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX escrow_accounts_held_idx ON app_public.escrow_accounts USING btree (hold_until) WHERE (status = 'held'::app_public.escrow_status);


--
-- Name: escrow_accounts_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX escrow_accounts_traveler_id_idx ON app_public.escrow_accounts USING btree (traveler_id, created_at);


--
-- Name: files_created_at_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX files_created_at_idx ON app_public.files USING btree (created_at, id);


--
-- Name: files_owner_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX files_owner_id_idx ON app_public.files USING btree (owner_id, created_at);


--
-- Name: files_pending_expiry_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX files_pending_expiry_idx ON app_public.files USING btree (upload_expires_at) WHERE (status = 'pending'::app_public.file_status);


--
-- Name: files_unattached_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX files_unattached_idx ON app_public.files USING btree (ready_at) WHERE ((status = 'ready'::app_public.file_status) AND (attached_at IS NULL));


--
-- Name: idx_delivery_requests_text; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX idx_delivery_requests_text ON app_public.delivery_requests USING gin ((((((COALESCE(title, ''::text) || ' '::text) || COALESCE(description, ''::text)) || ' '::text) || COALESCE(item_name, ''::text))) public.gin_trgm_ops);


--
-- Name: idx_trips_text; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX idx_trips_text ON app_public.trips USING gin ((((((((COALESCE(title, ''::text) || ' '::text) || COALESCE(description, ''::text)) || ' '::text) || COALESCE(origin_address, ''::text)) || ' '::text) || COALESCE(destination_address, ''::text))) public.gin_trgm_ops);


--
-- Name: offer_versions_proposed_by_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX offer_versions_proposed_by_user_id_idx ON app_public.offer_versions USING btree (proposed_by_user_id);


--
-- Name: payment_intents_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX payment_intents_customer_id_idx ON app_public.payment_intents USING btree (customer_id, created_at);


--
-- Name: payment_intents_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX payment_intents_traveler_id_idx ON app_public.payment_intents USING btree (traveler_id, created_at);


--
-- Name: payment_intents_unauthorized_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX payment_intents_unauthorized_idx ON app_public.payment_intents USING btree (created_at) WHERE (status = ANY (ARRAY['requires_payment_method'::app_public.payment_status, 'requires_confirmation'::app_public.payment_status, 'requires_action'::app_public.payment_status, 'processing'::app_public.payment_status, 'failed'::app_public.payment_status]));


--
-- Name: payouts_payout_account_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX payouts_payout_account_id_idx ON app_public.payouts USING btree (payout_account_id);


--
-- Name: payouts_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX payouts_user_id_idx ON app_public.payouts USING btree (user_id, created_at);


--
-- Name: refunds_created_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX refunds_created_by_idx ON app_public.refunds USING btree (created_by);


--
-- Name: refunds_customer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX refunds_customer_id_idx ON app_public.refunds USING btree (customer_id, created_at);


--
-- Name: refunds_delivery_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX refunds_delivery_id_idx ON app_public.refunds USING btree (delivery_id);


--
-- Name: refunds_payment_intent_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX refunds_payment_intent_id_idx ON app_public.refunds USING btree (payment_intent_id);


--
-- Name: refunds_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX refunds_traveler_id_idx ON app_public.refunds USING btree (traveler_id, created_at);


--
-- Name: request_matches_trip_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX request_matches_trip_id_idx ON app_public.request_matches USING btree (trip_id);


--
-- Name: review_reports_handled_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX review_reports_handled_by_idx ON app_public.review_reports USING btree (handled_by);


--
-- Name: review_reports_reporter_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX review_reports_reporter_id_idx ON app_public.review_reports USING btree (reporter_id);


--
-- Name: reviews_moderated_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX reviews_moderated_by_idx ON app_public.reviews USING btree (moderated_by);


--
-- Name: reviews_pending_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX reviews_pending_idx ON app_public.reviews USING btree (created_at) WHERE (moderation_status = 'pending'::app_public.moderation_status);


--
-- Name: reviews_reviewee_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX reviews_reviewee_id_idx ON app_public.reviews USING btree (reviewee_id, created_at);


--
-- Name: reviews_reviewer_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX reviews_reviewer_id_idx ON app_public.reviews USING btree (reviewer_id, created_at);


--
-- Name: system_configuration_updated_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX system_configuration_updated_by_idx ON app_public.system_configuration USING btree (updated_by);


--
-- Name: trip_capacity_reservations_trip_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trip_capacity_reservations_trip_id_idx ON app_public.trip_capacity_reservations USING btree (trip_id, status);


--
-- Name: trip_weather_expires_at_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trip_weather_expires_at_idx ON app_public.trip_weather USING btree (expires_at);


--
-- Name: trips_cancelled_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_cancelled_by_idx ON app_public.trips USING btree (cancelled_by);


--
-- Name: trips_departure_time_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_departure_time_idx ON app_public.trips USING btree (departure_time, id);


--
-- Name: trips_destination_point_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_destination_point_idx ON app_public.trips USING gist (destination_point);


--
-- Name: trips_live_departure_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_live_departure_idx ON app_public.trips USING btree (status, departure_time) WHERE (status = ANY (ARRAY['upcoming'::app_public.trip_status, 'delayed'::app_public.trip_status, 'active'::app_public.trip_status]));


--
-- Name: trips_live_route_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_live_route_idx ON app_public.trips USING gist (origin_point, destination_point, departure_time) WHERE (status = ANY (ARRAY['upcoming'::app_public.trip_status, 'delayed'::app_public.trip_status]));


--
-- Name: trips_origin_point_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_origin_point_idx ON app_public.trips USING gist (origin_point);


--
-- Name: trips_parent_departure_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX trips_parent_departure_key ON app_public.trips USING btree (parent_trip_id, departure_time);


--
-- Name: INDEX trips_parent_departure_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.trips_parent_departure_key IS 'departure_time: this recurring trip already has a trip at that departure';


--
-- Name: trips_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX trips_traveler_id_idx ON app_public.trips USING btree (traveler_id, departure_time);


--
-- Name: user_addresses_one_default_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX user_addresses_one_default_key ON app_public.user_addresses USING btree (user_id) WHERE is_default;


--
-- Name: INDEX user_addresses_one_default_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.user_addresses_one_default_key IS 'is_default: you already have a default address';


--
-- Name: user_addresses_point_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_addresses_point_idx ON app_public.user_addresses USING gist (point);


--
-- Name: user_addresses_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_addresses_user_id_idx ON app_public.user_addresses USING btree (user_id, created_at);


--
-- Name: user_blocks_blocked_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_blocks_blocked_id_idx ON app_public.user_blocks USING btree (blocked_id);


--
-- Name: user_contacts_referral_code_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX user_contacts_referral_code_key ON app_public.user_contacts USING btree (referral_code);


--
-- Name: INDEX user_contacts_referral_code_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.user_contacts_referral_code_key IS 'referral_code is already taken';


--
-- Name: user_contacts_verified_phone_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX user_contacts_verified_phone_key ON app_public.user_contacts USING btree (phone_number) WHERE (phone_verified_at IS NOT NULL);


--
-- Name: INDEX user_contacts_verified_phone_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.user_contacts_verified_phone_key IS 'phone_number is already verified on another account';


--
-- Name: user_favorites_traveler_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_favorites_traveler_id_idx ON app_public.user_favorites USING btree (traveler_id);


--
-- Name: user_reports_delivery_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_delivery_id_idx ON app_public.user_reports USING btree (delivery_id);


--
-- Name: user_reports_delivery_request_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_delivery_request_id_idx ON app_public.user_reports USING btree (delivery_request_id);


--
-- Name: user_reports_handled_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_handled_by_idx ON app_public.user_reports USING btree (handled_by);


--
-- Name: user_reports_open_pair_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX user_reports_open_pair_key ON app_public.user_reports USING btree (reporter_id, reported_user_id) WHERE (status = ANY (ARRAY['pending'::app_public.report_status, 'reviewed'::app_public.report_status]));


--
-- Name: INDEX user_reports_open_pair_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.user_reports_open_pair_key IS 'reported_user_id: you already reported this user; moderators are looking at it';


--
-- Name: user_reports_queue_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_queue_idx ON app_public.user_reports USING btree (priority, created_at) WHERE (status = ANY (ARRAY['pending'::app_public.report_status, 'reviewed'::app_public.report_status]));


--
-- Name: user_reports_reported_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_reported_user_id_idx ON app_public.user_reports USING btree (reported_user_id);


--
-- Name: user_reports_reporter_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_reports_reporter_id_idx ON app_public.user_reports USING btree (reporter_id, created_at);


--
-- Name: user_verification_documents_back_image_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_back_image_id_idx ON app_public.user_verification_documents USING btree (back_image_id);


--
-- Name: user_verification_documents_front_image_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_front_image_id_idx ON app_public.user_verification_documents USING btree (front_image_id);


--
-- Name: user_verification_documents_live_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX user_verification_documents_live_key ON app_public.user_verification_documents USING btree (user_id, document_type) WHERE (status = ANY (ARRAY['pending'::app_public.verification_status, 'under_review'::app_public.verification_status, 'approved'::app_public.verification_status]));


--
-- Name: INDEX user_verification_documents_live_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON INDEX app_public.user_verification_documents_live_key IS 'document_type: a document of this type is already waiting for review or approved';


--
-- Name: user_verification_documents_queue_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_queue_idx ON app_public.user_verification_documents USING btree (created_at) WHERE (status = ANY (ARRAY['pending'::app_public.verification_status, 'under_review'::app_public.verification_status]));


--
-- Name: user_verification_documents_selfie_image_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_selfie_image_id_idx ON app_public.user_verification_documents USING btree (selfie_image_id);


--
-- Name: user_verification_documents_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_user_id_idx ON app_public.user_verification_documents USING btree (user_id, document_type, created_at);


--
-- Name: user_verification_documents_verified_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX user_verification_documents_verified_by_idx ON app_public.user_verification_documents USING btree (verified_by);


--
-- Name: users_names_trgm_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX users_names_trgm_idx ON app_public.users USING gin ((((first_name || ' '::text) || display_name)) public.gin_trgm_ops);


--
-- Name: users_picture_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX users_picture_id_idx ON app_public.users USING btree (picture_id);


--
-- Name: users_referred_by_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX users_referred_by_user_id_idx ON app_public.users USING btree (referred_by_user_id);


--
-- Name: users_suspension_end_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX users_suspension_end_idx ON app_public.users USING btree (suspended_until) WHERE (status = 'suspended'::app_public.user_status);


--
-- Name: ledger_accounts _100_append_only; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only BEFORE DELETE OR UPDATE ON app_private.ledger_accounts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_entries _100_append_only; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only BEFORE DELETE OR UPDATE ON app_private.ledger_entries FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_transactions _100_append_only; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only BEFORE DELETE OR UPDATE ON app_private.ledger_transactions FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_accounts _100_append_only_truncate; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only_truncate BEFORE TRUNCATE ON app_private.ledger_accounts FOR EACH STATEMENT EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_entries _100_append_only_truncate; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only_truncate BEFORE TRUNCATE ON app_private.ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_transactions _100_append_only_truncate; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_append_only_truncate BEFORE TRUNCATE ON app_private.ledger_transactions FOR EACH STATEMENT EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: ledger_entries _900_balanced; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE CONSTRAINT TRIGGER _900_balanced AFTER INSERT ON app_private.ledger_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.tg_ledger__assert_balanced();


--
-- Name: ledger_transactions _900_balanced; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE CONSTRAINT TRIGGER _900_balanced AFTER INSERT ON app_private.ledger_transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.tg_ledger__assert_balanced();


--
-- Name: emails _900_enqueue_send; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _900_enqueue_send AFTER INSERT ON app_private.emails FOR EACH ROW WHEN ((new.status = 'queued'::app_private.email_status)) EXECUTE FUNCTION app_private.tg_emails__enqueue_send();


--
-- Name: delivery_status_history _100_append_only; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_append_only BEFORE UPDATE ON app_public.delivery_status_history FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: offer_versions _100_append_only; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_append_only BEFORE UPDATE ON app_public.offer_versions FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__append_only();


--
-- Name: user_addresses _100_default_user; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_default_user BEFORE INSERT ON app_public.user_addresses FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__default_current_user('user_id');


--
-- Name: user_blocks _100_default_user; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_default_user BEFORE INSERT ON app_public.user_blocks FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__default_current_user('blocker_id');


--
-- Name: user_favorites _100_default_user; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_default_user BEFORE INSERT ON app_public.user_favorites FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__default_current_user('user_id');


--
-- Name: user_reports _100_default_user; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_default_user BEFORE INSERT ON app_public.user_reports FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__default_current_user('reporter_id');


--
-- Name: user_verification_documents _100_default_user; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_default_user BEFORE INSERT ON app_public.user_verification_documents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__default_current_user('user_id');


--
-- Name: user_contacts _100_referral_code; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_referral_code BEFORE INSERT ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_contacts__referral_code();


--
-- Name: deliveries _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.deliveries FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: delivery_offers _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.delivery_offers FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: delivery_requests _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.delivery_requests FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: escrow_accounts _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.escrow_accounts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: payment_intents _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.payment_intents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: payout_accounts _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.payout_accounts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: payouts _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.payouts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: refunds _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.refunds FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: request_matches _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.request_matches FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: reviews _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.reviews FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: system_configuration _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.system_configuration FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: trip_capacity_reservations _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.trip_capacity_reservations FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: trip_templates _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.trip_templates FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: trips _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.trips FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_addresses _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_addresses FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_contacts _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_earnings _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_earnings FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_preferences _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_preferences FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_reports _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_reports FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_statistics _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_statistics FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_verification_documents _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_verification_documents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: users _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: deliveries _200_attach_files; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_attach_files BEFORE INSERT OR UPDATE OF pickup_photo_id, delivery_photo_id, signature_id ON app_public.deliveries FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__attach_files('traveler_id', 'pickup_photo_id:pickup_evidence|refused_pickup', 'delivery_photo_id:delivery_evidence', 'signature_id:delivery_evidence');


--
-- Name: user_verification_documents _200_attach_files; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_attach_files BEFORE INSERT OR UPDATE OF front_image_id, back_image_id, selfie_image_id ON app_public.user_verification_documents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__attach_files('user_id', 'front_image_id:verification_document', 'back_image_id:verification_document', 'selfie_image_id:verification_document');


--
-- Name: users _200_attach_files; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_attach_files BEFORE INSERT OR UPDATE OF picture_id ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__attach_files('id', 'picture_id:avatar');


--
-- Name: deliveries _200_check_transition; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_check_transition BEFORE UPDATE OF status ON app_public.deliveries FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_deliveries__check_transition();


--
-- Name: user_contacts _200_date_of_birth; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_date_of_birth BEFORE INSERT OR UPDATE OF date_of_birth ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_contacts__date_of_birth();


--
-- Name: users _200_display_name; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_display_name BEFORE INSERT OR UPDATE OF first_name, display_name ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_users__display_name();


--
-- Name: user_addresses _200_first_is_default; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_first_is_default BEFORE INSERT ON app_public.user_addresses FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_addresses__first_is_default();


--
-- Name: user_statistics _200_is_public; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_is_public BEFORE INSERT ON app_public.user_statistics FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_statistics__is_public();


--
-- Name: user_reports _200_priority; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_priority BEFORE INSERT ON app_public.user_reports FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_reports__priority();


--
-- Name: user_preferences _200_statistics_visibility; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_statistics_visibility AFTER INSERT OR UPDATE OF privacy ON app_public.user_preferences FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_preferences__statistics_visibility();


--
-- Name: users _200_statistics_visibility; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_statistics_visibility AFTER UPDATE OF status, deleted_at ON app_public.users FOR EACH ROW WHEN (((old.status IS DISTINCT FROM new.status) OR (old.deleted_at IS DISTINCT FROM new.deleted_at))) EXECUTE FUNCTION app_hidden.tg_users__statistics_visibility();


--
-- Name: user_verification_documents _200_upload_limit; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_upload_limit BEFORE INSERT ON app_public.user_verification_documents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_verification_documents__upload_limit();


--
-- Name: reviews _200_verified; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_verified BEFORE INSERT ON app_public.reviews FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_reviews__verified();


--
-- Name: deliveries _500_after_status; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_after_status AFTER INSERT OR UPDATE OF status ON app_public.deliveries FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_deliveries__after_status();


--
-- Name: system_configuration _500_check_value; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_check_value BEFORE INSERT OR UPDATE ON app_public.system_configuration FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_system_configuration__check_value();


--
-- Name: delivery_offers _500_count_answer; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE CONSTRAINT TRIGGER _500_count_answer AFTER UPDATE ON app_public.delivery_offers DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((old.status = 'pending'::app_public.offer_status)) EXECUTE FUNCTION app_hidden.tg_delivery_offers__count_answer();


--
-- Name: trips _500_count_completed; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_count_completed AFTER UPDATE OF status ON app_public.trips FOR EACH ROW WHEN (((new.status = 'completed'::app_public.trip_status) AND (old.status IS DISTINCT FROM 'completed'::app_public.trip_status))) EXECUTE FUNCTION app_hidden.tg_trips__count_completed();


--
-- Name: users _500_create_related; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_create_related AFTER INSERT ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_users__create_related();


--
-- Name: user_blocks _500_decline_offers; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_decline_offers AFTER INSERT ON app_public.user_blocks FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_blocks__decline_offers();


--
-- Name: user_contacts _500_display_name; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_display_name AFTER INSERT OR UPDATE OF last_name ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_contacts__display_name();


--
-- Name: user_preferences _500_display_name; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_display_name AFTER UPDATE OF privacy ON app_public.user_preferences FOR EACH ROW WHEN (((old.privacy -> 'show_last_name'::text) IS DISTINCT FROM (new.privacy -> 'show_last_name'::text))) EXECUTE FUNCTION app_hidden.tg_user_preferences__display_name();


--
-- Name: user_addresses _500_promote_default; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_promote_default AFTER DELETE ON app_public.user_addresses FOR EACH ROW WHEN (old.is_default) EXECUTE FUNCTION app_hidden.tg_user_addresses__promote_default();


--
-- Name: reviews _500_rating_statistics; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_rating_statistics AFTER INSERT OR DELETE OR UPDATE OF overall_rating, status, moderation_status, reviewee_id ON app_public.reviews FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_reviews__rating_statistics();


--
-- Name: users _500_remove_replaced_picture; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_remove_replaced_picture AFTER UPDATE OF picture_id ON app_public.users FOR EACH ROW WHEN (((old.picture_id IS NOT NULL) AND (old.picture_id IS DISTINCT FROM new.picture_id))) EXECUTE FUNCTION app_hidden.tg_users__remove_replaced_picture();


--
-- Name: delivery_offers _500_request_status; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_request_status AFTER INSERT OR UPDATE OF status ON app_public.delivery_offers FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_delivery_offers__request_status();


--
-- Name: delivery_requests _900_enqueue_matching; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE CONSTRAINT TRIGGER _900_enqueue_matching AFTER INSERT ON app_public.delivery_requests DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.tg_delivery_requests__enqueue_matching();


--
-- Name: trips _900_enqueue_matching; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE CONSTRAINT TRIGGER _900_enqueue_matching AFTER INSERT ON app_public.trips DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.tg_trips__enqueue_matching();


--
-- Name: user_verification_documents _900_refresh_level; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _900_refresh_level AFTER INSERT OR DELETE OR UPDATE OF status, expires_on ON app_public.user_verification_documents FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_verification_documents__refresh_level();


--
-- Name: account_closures account_closures_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.account_closures
    ADD CONSTRAINT account_closures_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT account_closures_user_id_fkey ON account_closures; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT account_closures_user_id_fkey ON app_private.account_closures IS 'user_id must name an existing user';


--
-- Name: admin_users admin_users_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.admin_users
    ADD CONSTRAINT admin_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT admin_users_user_id_fkey ON admin_users; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT admin_users_user_id_fkey ON app_private.admin_users IS 'user_id must name an existing user';


--
-- Name: email_verification_tokens email_verification_tokens_email_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verification_tokens
    ADD CONSTRAINT email_verification_tokens_email_id_fkey FOREIGN KEY (email_id) REFERENCES app_private.emails(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT email_verification_tokens_email_id_fkey ON email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT email_verification_tokens_email_id_fkey ON app_private.email_verification_tokens IS 'email_id must name an existing email';


--
-- Name: email_verification_tokens email_verification_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verification_tokens
    ADD CONSTRAINT email_verification_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT email_verification_tokens_user_id_fkey ON email_verification_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT email_verification_tokens_user_id_fkey ON app_private.email_verification_tokens IS 'user_id must name an existing user';


--
-- Name: emails emails_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.emails
    ADD CONSTRAINT emails_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT emails_user_id_fkey ON emails; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT emails_user_id_fkey ON app_private.emails IS 'user_id must name an existing user';


--
-- Name: file_objects file_objects_file_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.file_objects
    ADD CONSTRAINT file_objects_file_id_fkey FOREIGN KEY (file_id) REFERENCES app_public.files(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT file_objects_file_id_fkey ON file_objects; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT file_objects_file_id_fkey ON app_private.file_objects IS 'file_id must name an existing file';


--
-- Name: ledger_accounts ledger_accounts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_accounts
    ADD CONSTRAINT ledger_accounts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT ledger_accounts_user_id_fkey ON ledger_accounts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_accounts_user_id_fkey ON app_private.ledger_accounts IS 'user_id must name an existing user';


--
-- Name: ledger_entries ledger_entries_account_id_currency_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_entries
    ADD CONSTRAINT ledger_entries_account_id_currency_fkey FOREIGN KEY (account_id, currency) REFERENCES app_private.ledger_accounts(id, currency) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT ledger_entries_account_id_currency_fkey ON ledger_entries; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_entries_account_id_currency_fkey ON app_private.ledger_entries IS 'account_id must name an existing ledger account of the entry''s currency';


--
-- Name: ledger_entries ledger_entries_transaction_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_entries
    ADD CONSTRAINT ledger_entries_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES app_private.ledger_transactions(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT ledger_entries_transaction_id_fkey ON ledger_entries; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_entries_transaction_id_fkey ON app_private.ledger_entries IS 'transaction_id must name an existing ledger transaction';


--
-- Name: ledger_transactions ledger_transactions_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.ledger_transactions
    ADD CONSTRAINT ledger_transactions_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT ledger_transactions_delivery_id_fkey ON ledger_transactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT ledger_transactions_delivery_id_fkey ON app_private.ledger_transactions IS 'delivery_id must name an existing delivery';


--
-- Name: login_attempts login_attempts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.login_attempts
    ADD CONSTRAINT login_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT login_attempts_user_id_fkey ON login_attempts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT login_attempts_user_id_fkey ON app_private.login_attempts IS 'user_id must name an existing user';


--
-- Name: mfa_challenges mfa_challenges_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.mfa_challenges
    ADD CONSTRAINT mfa_challenges_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT mfa_challenges_user_id_fkey ON mfa_challenges; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT mfa_challenges_user_id_fkey ON app_private.mfa_challenges IS 'user_id must name an existing user';


--
-- Name: password_reset_tokens password_reset_tokens_email_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_reset_tokens
    ADD CONSTRAINT password_reset_tokens_email_id_fkey FOREIGN KEY (email_id) REFERENCES app_private.emails(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT password_reset_tokens_email_id_fkey ON password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT password_reset_tokens_email_id_fkey ON app_private.password_reset_tokens IS 'email_id must name an existing email';


--
-- Name: password_reset_tokens password_reset_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_reset_tokens
    ADD CONSTRAINT password_reset_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT password_reset_tokens_user_id_fkey ON password_reset_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT password_reset_tokens_user_id_fkey ON app_private.password_reset_tokens IS 'user_id must name an existing user';


--
-- Name: phone_verification_codes phone_verification_codes_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.phone_verification_codes
    ADD CONSTRAINT phone_verification_codes_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT phone_verification_codes_user_id_fkey ON phone_verification_codes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT phone_verification_codes_user_id_fkey ON app_private.phone_verification_codes IS 'user_id must name an existing user';


--
-- Name: session_rotated_tokens session_rotated_tokens_session_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.session_rotated_tokens
    ADD CONSTRAINT session_rotated_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES app_private.sessions(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT session_rotated_tokens_session_id_fkey ON session_rotated_tokens; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT session_rotated_tokens_session_id_fkey ON app_private.session_rotated_tokens IS 'session_id must name an existing session';


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT sessions_user_id_fkey ON sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT sessions_user_id_fkey ON app_private.sessions IS 'user_id must name an existing user';


--
-- Name: stripe_refs stripe_refs_escrow_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_escrow_id_fkey FOREIGN KEY (escrow_id) REFERENCES app_public.escrow_accounts(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT stripe_refs_escrow_id_fkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_escrow_id_fkey ON app_private.stripe_refs IS 'escrow_id must name an existing escrow';


--
-- Name: stripe_refs stripe_refs_payment_intent_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payment_intent_id_fkey FOREIGN KEY (payment_intent_id) REFERENCES app_public.payment_intents(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT stripe_refs_payment_intent_id_fkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payment_intent_id_fkey ON app_private.stripe_refs IS 'payment_intent_id must name an existing payment';


--
-- Name: stripe_refs stripe_refs_payout_account_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payout_account_id_fkey FOREIGN KEY (payout_account_id) REFERENCES app_public.payout_accounts(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT stripe_refs_payout_account_id_fkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payout_account_id_fkey ON app_private.stripe_refs IS 'payout_account_id must name an existing payout account';


--
-- Name: stripe_refs stripe_refs_payout_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES app_public.payouts(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT stripe_refs_payout_id_fkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_payout_id_fkey ON app_private.stripe_refs IS 'payout_id must name an existing payout';


--
-- Name: stripe_refs stripe_refs_refund_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stripe_refs
    ADD CONSTRAINT stripe_refs_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES app_public.refunds(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT stripe_refs_refund_id_fkey ON stripe_refs; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT stripe_refs_refund_id_fkey ON app_private.stripe_refs IS 'refund_id must name an existing refund';


--
-- Name: two_factor_setups two_factor_setups_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.two_factor_setups
    ADD CONSTRAINT two_factor_setups_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT two_factor_setups_user_id_fkey ON two_factor_setups; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT two_factor_setups_user_id_fkey ON app_private.two_factor_setups IS 'user_id must name an existing user';


--
-- Name: user_secrets user_secrets_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_secrets_user_id_fkey ON user_secrets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_secrets_user_id_fkey ON app_private.user_secrets IS 'user_id must name an existing user';


--
-- Name: user_status_changes user_status_changes_changed_by_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_status_changes
    ADD CONSTRAINT user_status_changes_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT user_status_changes_changed_by_fkey ON user_status_changes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_status_changes_changed_by_fkey ON app_private.user_status_changes IS 'changed_by must name an existing user';


--
-- Name: user_status_changes user_status_changes_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_status_changes
    ADD CONSTRAINT user_status_changes_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_status_changes_user_id_fkey ON user_status_changes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_status_changes_user_id_fkey ON app_private.user_status_changes IS 'user_id must name an existing user';


--
-- Name: user_two_factor_auth user_two_factor_auth_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_two_factor_auth
    ADD CONSTRAINT user_two_factor_auth_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_two_factor_auth_user_id_fkey ON user_two_factor_auth; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT user_two_factor_auth_user_id_fkey ON app_private.user_two_factor_auth IS 'user_id must name an existing user';


--
-- Name: deliveries deliveries_cancelled_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_cancelled_by_fkey FOREIGN KEY (cancelled_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT deliveries_cancelled_by_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_cancelled_by_fkey ON app_public.deliveries IS 'cancelled_by must name an existing user';


--
-- Name: deliveries deliveries_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_customer_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_customer_id_fkey ON app_public.deliveries IS 'customer_id must name an existing user';


--
-- Name: deliveries deliveries_delivery_photo_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_delivery_photo_id_fkey FOREIGN KEY (delivery_photo_id) REFERENCES app_public.files(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_delivery_photo_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_delivery_photo_id_fkey ON app_public.deliveries IS '@behavior -filterBy
@backwardBehavior -*
delivery_photo_id must name an existing file';


--
-- Name: deliveries deliveries_offer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_offer_id_fkey FOREIGN KEY (offer_id) REFERENCES app_public.delivery_offers(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_offer_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_offer_id_fkey ON app_public.deliveries IS 'offer_id must name an existing offer';


--
-- Name: deliveries deliveries_pickup_photo_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_pickup_photo_id_fkey FOREIGN KEY (pickup_photo_id) REFERENCES app_public.files(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_pickup_photo_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_pickup_photo_id_fkey ON app_public.deliveries IS '@behavior -filterBy
@backwardBehavior -*
pickup_photo_id must name an existing file';


--
-- Name: deliveries deliveries_request_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_request_id_fkey FOREIGN KEY (request_id) REFERENCES app_public.delivery_requests(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_request_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_request_id_fkey ON app_public.deliveries IS 'request_id must name an existing delivery request';


--
-- Name: deliveries deliveries_signature_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_signature_id_fkey FOREIGN KEY (signature_id) REFERENCES app_public.files(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_signature_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_signature_id_fkey ON app_public.deliveries IS '@behavior -filterBy
@backwardBehavior -*
signature_id must name an existing file';


--
-- Name: deliveries deliveries_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_traveler_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_traveler_id_fkey ON app_public.deliveries IS 'traveler_id must name an existing user';


--
-- Name: deliveries deliveries_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.deliveries
    ADD CONSTRAINT deliveries_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES app_public.trips(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT deliveries_trip_id_fkey ON deliveries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT deliveries_trip_id_fkey ON app_public.deliveries IS 'trip_id must name an existing trip';


--
-- Name: delivery_offers delivery_offers_closed_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT delivery_offers_closed_by_fkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_closed_by_fkey ON app_public.delivery_offers IS 'closed_by must name an existing user';


--
-- Name: delivery_offers delivery_offers_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT delivery_offers_customer_id_fkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_customer_id_fkey ON app_public.delivery_offers IS 'customer_id must name an existing user';


--
-- Name: delivery_offers delivery_offers_request_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_request_id_fkey FOREIGN KEY (request_id) REFERENCES app_public.delivery_requests(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT delivery_offers_request_id_fkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_request_id_fkey ON app_public.delivery_offers IS 'request_id must name an existing delivery request';


--
-- Name: delivery_offers delivery_offers_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT delivery_offers_traveler_id_fkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_traveler_id_fkey ON app_public.delivery_offers IS 'traveler_id must name an existing user';


--
-- Name: delivery_offers delivery_offers_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_offers
    ADD CONSTRAINT delivery_offers_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES app_public.trips(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT delivery_offers_trip_id_fkey ON delivery_offers; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_offers_trip_id_fkey ON app_public.delivery_offers IS 'trip_id must name an existing trip';


--
-- Name: delivery_requests delivery_requests_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_requests
    ADD CONSTRAINT delivery_requests_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT delivery_requests_customer_id_fkey ON delivery_requests; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_requests_customer_id_fkey ON app_public.delivery_requests IS 'customer_id must name an existing user';


--
-- Name: delivery_status_history delivery_status_history_changed_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_status_history
    ADD CONSTRAINT delivery_status_history_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT delivery_status_history_changed_by_fkey ON delivery_status_history; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_status_history_changed_by_fkey ON app_public.delivery_status_history IS 'changed_by must name an existing user';


--
-- Name: delivery_status_history delivery_status_history_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.delivery_status_history
    ADD CONSTRAINT delivery_status_history_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT delivery_status_history_delivery_id_fkey ON delivery_status_history; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT delivery_status_history_delivery_id_fkey ON app_public.delivery_status_history IS 'delivery_id must name an existing delivery';


--
-- Name: escrow_accounts escrow_accounts_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT escrow_accounts_customer_id_fkey ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_customer_id_fkey ON app_public.escrow_accounts IS 'customer_id must name an existing user';


--
-- Name: escrow_accounts escrow_accounts_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT escrow_accounts_delivery_id_fkey ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_delivery_id_fkey ON app_public.escrow_accounts IS 'delivery_id must name an existing delivery';


--
-- Name: escrow_accounts escrow_accounts_payment_intent_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_payment_intent_id_fkey FOREIGN KEY (payment_intent_id) REFERENCES app_public.payment_intents(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT escrow_accounts_payment_intent_id_fkey ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_payment_intent_id_fkey ON app_public.escrow_accounts IS 'payment_intent_id must name an existing payment';


--
-- Name: escrow_accounts escrow_accounts_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.escrow_accounts
    ADD CONSTRAINT escrow_accounts_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT escrow_accounts_traveler_id_fkey ON escrow_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT escrow_accounts_traveler_id_fkey ON app_public.escrow_accounts IS 'traveler_id must name an existing user';


--
-- Name: files files_owner_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.files
    ADD CONSTRAINT files_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT files_owner_id_fkey ON files; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT files_owner_id_fkey ON app_public.files IS 'owner_id must name an existing user';


--
-- Name: offer_versions offer_versions_offer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.offer_versions
    ADD CONSTRAINT offer_versions_offer_id_fkey FOREIGN KEY (offer_id) REFERENCES app_public.delivery_offers(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT offer_versions_offer_id_fkey ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_offer_id_fkey ON app_public.offer_versions IS 'offer_id must name an existing offer';


--
-- Name: offer_versions offer_versions_proposed_by_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.offer_versions
    ADD CONSTRAINT offer_versions_proposed_by_user_id_fkey FOREIGN KEY (proposed_by_user_id) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT offer_versions_proposed_by_user_id_fkey ON offer_versions; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT offer_versions_proposed_by_user_id_fkey ON app_public.offer_versions IS 'proposed_by_user_id must name an existing user';


--
-- Name: payment_intents payment_intents_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payment_intents_customer_id_fkey ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_customer_id_fkey ON app_public.payment_intents IS 'customer_id must name an existing user';


--
-- Name: payment_intents payment_intents_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payment_intents_delivery_id_fkey ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_delivery_id_fkey ON app_public.payment_intents IS 'delivery_id must name an existing delivery';


--
-- Name: payment_intents payment_intents_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payment_intents
    ADD CONSTRAINT payment_intents_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payment_intents_traveler_id_fkey ON payment_intents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payment_intents_traveler_id_fkey ON app_public.payment_intents IS 'traveler_id must name an existing user';


--
-- Name: payout_accounts payout_accounts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payout_accounts
    ADD CONSTRAINT payout_accounts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payout_accounts_user_id_fkey ON payout_accounts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payout_accounts_user_id_fkey ON app_public.payout_accounts IS 'user_id must name an existing user';


--
-- Name: payouts payouts_payout_account_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payouts
    ADD CONSTRAINT payouts_payout_account_id_fkey FOREIGN KEY (payout_account_id) REFERENCES app_public.payout_accounts(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payouts_payout_account_id_fkey ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_payout_account_id_fkey ON app_public.payouts IS 'payout_account_id must name an existing payout account';


--
-- Name: payouts payouts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.payouts
    ADD CONSTRAINT payouts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT payouts_user_id_fkey ON payouts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT payouts_user_id_fkey ON app_public.payouts IS 'user_id must name an existing user';


--
-- Name: refunds refunds_created_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT refunds_created_by_fkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_created_by_fkey ON app_public.refunds IS 'created_by must name an existing user';


--
-- Name: refunds refunds_customer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT refunds_customer_id_fkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_customer_id_fkey ON app_public.refunds IS 'customer_id must name an existing user';


--
-- Name: refunds refunds_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT refunds_delivery_id_fkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_delivery_id_fkey ON app_public.refunds IS 'delivery_id must name an existing delivery';


--
-- Name: refunds refunds_payment_intent_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_payment_intent_id_fkey FOREIGN KEY (payment_intent_id) REFERENCES app_public.payment_intents(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT refunds_payment_intent_id_fkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_payment_intent_id_fkey ON app_public.refunds IS 'payment_intent_id must name an existing payment';


--
-- Name: refunds refunds_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.refunds
    ADD CONSTRAINT refunds_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;


--
-- Name: CONSTRAINT refunds_traveler_id_fkey ON refunds; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT refunds_traveler_id_fkey ON app_public.refunds IS 'traveler_id must name an existing user';


--
-- Name: request_matches request_matches_request_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.request_matches
    ADD CONSTRAINT request_matches_request_id_fkey FOREIGN KEY (request_id) REFERENCES app_public.delivery_requests(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT request_matches_request_id_fkey ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_request_id_fkey ON app_public.request_matches IS 'request_id must name an existing delivery request';


--
-- Name: request_matches request_matches_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.request_matches
    ADD CONSTRAINT request_matches_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES app_public.trips(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT request_matches_trip_id_fkey ON request_matches; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT request_matches_trip_id_fkey ON app_public.request_matches IS 'trip_id must name an existing trip';


--
-- Name: review_reports review_reports_handled_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.review_reports
    ADD CONSTRAINT review_reports_handled_by_fkey FOREIGN KEY (handled_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT review_reports_handled_by_fkey ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_handled_by_fkey ON app_public.review_reports IS 'handled_by must name an existing user';


--
-- Name: review_reports review_reports_reporter_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.review_reports
    ADD CONSTRAINT review_reports_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT review_reports_reporter_id_fkey ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_reporter_id_fkey ON app_public.review_reports IS 'reporter_id must name an existing user';


--
-- Name: review_reports review_reports_review_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.review_reports
    ADD CONSTRAINT review_reports_review_id_fkey FOREIGN KEY (review_id) REFERENCES app_public.reviews(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT review_reports_review_id_fkey ON review_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT review_reports_review_id_fkey ON app_public.review_reports IS 'review_id must name an existing review';


--
-- Name: reviews reviews_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT reviews_delivery_id_fkey ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_delivery_id_fkey ON app_public.reviews IS 'delivery_id must name an existing delivery';


--
-- Name: reviews reviews_moderated_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_moderated_by_fkey FOREIGN KEY (moderated_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT reviews_moderated_by_fkey ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_moderated_by_fkey ON app_public.reviews IS 'moderated_by must name an existing user';


--
-- Name: reviews reviews_reviewee_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_reviewee_id_fkey FOREIGN KEY (reviewee_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT reviews_reviewee_id_fkey ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_reviewee_id_fkey ON app_public.reviews IS 'reviewee_id must name an existing user';


--
-- Name: reviews reviews_reviewer_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.reviews
    ADD CONSTRAINT reviews_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT reviews_reviewer_id_fkey ON reviews; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT reviews_reviewer_id_fkey ON app_public.reviews IS 'reviewer_id must name an existing user';


--
-- Name: system_configuration system_configuration_updated_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.system_configuration
    ADD CONSTRAINT system_configuration_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT system_configuration_updated_by_fkey ON system_configuration; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT system_configuration_updated_by_fkey ON app_public.system_configuration IS '@behavior -*
updated_by must name an existing user';


--
-- Name: trip_capacity_reservations trip_capacity_reservations_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_capacity_reservations
    ADD CONSTRAINT trip_capacity_reservations_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT trip_capacity_reservations_delivery_id_fkey ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_delivery_id_fkey ON app_public.trip_capacity_reservations IS 'delivery_id must name an existing delivery';


--
-- Name: trip_capacity_reservations trip_capacity_reservations_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_capacity_reservations
    ADD CONSTRAINT trip_capacity_reservations_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES app_public.trips(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT trip_capacity_reservations_trip_id_fkey ON trip_capacity_reservations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_capacity_reservations_trip_id_fkey ON app_public.trip_capacity_reservations IS 'trip_id must name an existing trip';


--
-- Name: trip_templates trip_templates_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_templates
    ADD CONSTRAINT trip_templates_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT trip_templates_user_id_fkey ON trip_templates; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_templates_user_id_fkey ON app_public.trip_templates IS 'user_id must name an existing user';


--
-- Name: trip_weather trip_weather_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trip_weather
    ADD CONSTRAINT trip_weather_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES app_public.trips(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT trip_weather_trip_id_fkey ON trip_weather; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trip_weather_trip_id_fkey ON app_public.trip_weather IS 'trip_id must name an existing trip';


--
-- Name: trips trips_cancelled_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trips
    ADD CONSTRAINT trips_cancelled_by_fkey FOREIGN KEY (cancelled_by) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT trips_cancelled_by_fkey ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_cancelled_by_fkey ON app_public.trips IS 'cancelled_by must name an existing user';


--
-- Name: trips trips_parent_trip_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trips
    ADD CONSTRAINT trips_parent_trip_id_fkey FOREIGN KEY (parent_trip_id) REFERENCES app_public.trips(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT trips_parent_trip_id_fkey ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_parent_trip_id_fkey ON app_public.trips IS 'parent_trip_id must name an existing trip';


--
-- Name: trips trips_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.trips
    ADD CONSTRAINT trips_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT trips_traveler_id_fkey ON trips; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT trips_traveler_id_fkey ON app_public.trips IS 'traveler_id must name an existing user';


--
-- Name: user_addresses user_addresses_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_addresses
    ADD CONSTRAINT user_addresses_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_addresses_user_id_fkey ON user_addresses; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_addresses_user_id_fkey ON app_public.user_addresses IS 'user_id must name an existing user';


--
-- Name: user_blocks user_blocks_blocked_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_blocks
    ADD CONSTRAINT user_blocks_blocked_id_fkey FOREIGN KEY (blocked_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_blocks_blocked_id_fkey ON user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_blocks_blocked_id_fkey ON app_public.user_blocks IS 'blocked_id must name an existing user';


--
-- Name: user_blocks user_blocks_blocker_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_blocks
    ADD CONSTRAINT user_blocks_blocker_id_fkey FOREIGN KEY (blocker_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_blocks_blocker_id_fkey ON user_blocks; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_blocks_blocker_id_fkey ON app_public.user_blocks IS 'blocker_id must name an existing user';


--
-- Name: user_contacts user_contacts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_contacts_user_id_fkey ON user_contacts; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_contacts_user_id_fkey ON app_public.user_contacts IS 'user_id must name an existing user';


--
-- Name: user_earnings user_earnings_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_earnings
    ADD CONSTRAINT user_earnings_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_earnings_user_id_fkey ON user_earnings; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_earnings_user_id_fkey ON app_public.user_earnings IS 'user_id must name an existing user';


--
-- Name: user_favorites user_favorites_traveler_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_favorites
    ADD CONSTRAINT user_favorites_traveler_id_fkey FOREIGN KEY (traveler_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_favorites_traveler_id_fkey ON user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_favorites_traveler_id_fkey ON app_public.user_favorites IS 'traveler_id must name an existing user';


--
-- Name: user_favorites user_favorites_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_favorites
    ADD CONSTRAINT user_favorites_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_favorites_user_id_fkey ON user_favorites; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_favorites_user_id_fkey ON app_public.user_favorites IS 'user_id must name an existing user';


--
-- Name: user_preferences user_preferences_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_preferences
    ADD CONSTRAINT user_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_preferences_user_id_fkey ON user_preferences; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_preferences_user_id_fkey ON app_public.user_preferences IS 'user_id must name an existing user';


--
-- Name: user_reports user_reports_delivery_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES app_public.deliveries(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT user_reports_delivery_id_fkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_delivery_id_fkey ON app_public.user_reports IS 'delivery_id must name an existing delivery';


--
-- Name: user_reports user_reports_delivery_request_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_delivery_request_id_fkey FOREIGN KEY (delivery_request_id) REFERENCES app_public.delivery_requests(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT user_reports_delivery_request_id_fkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_delivery_request_id_fkey ON app_public.user_reports IS 'delivery_request_id must name an existing delivery request';


--
-- Name: user_reports user_reports_handled_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_handled_by_fkey FOREIGN KEY (handled_by) REFERENCES app_private.admin_users(user_id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT user_reports_handled_by_fkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_handled_by_fkey ON app_public.user_reports IS 'handled_by must name an existing admin';


--
-- Name: user_reports user_reports_reported_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_reported_user_id_fkey FOREIGN KEY (reported_user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_reports_reported_user_id_fkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_reported_user_id_fkey ON app_public.user_reports IS 'reported_user_id must name an existing user';


--
-- Name: user_reports user_reports_reporter_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_reports
    ADD CONSTRAINT user_reports_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_reports_reporter_id_fkey ON user_reports; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_reports_reporter_id_fkey ON app_public.user_reports IS 'reporter_id must name an existing user';


--
-- Name: user_statistics user_statistics_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_statistics
    ADD CONSTRAINT user_statistics_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_statistics_user_id_fkey ON user_statistics; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_statistics_user_id_fkey ON app_public.user_statistics IS 'user_id must name an existing user';


--
-- Name: user_verification_documents user_verification_documents_back_image_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_back_image_id_fkey FOREIGN KEY (back_image_id) REFERENCES app_public.files(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_verification_documents_back_image_id_fkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_back_image_id_fkey ON app_public.user_verification_documents IS '@behavior -filterBy
@backwardBehavior -*
back_image_id must name an existing file';


--
-- Name: user_verification_documents user_verification_documents_front_image_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_front_image_id_fkey FOREIGN KEY (front_image_id) REFERENCES app_public.files(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_verification_documents_front_image_id_fkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_front_image_id_fkey ON app_public.user_verification_documents IS '@behavior -filterBy
@backwardBehavior -*
front_image_id must name an existing file';


--
-- Name: user_verification_documents user_verification_documents_selfie_image_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_selfie_image_id_fkey FOREIGN KEY (selfie_image_id) REFERENCES app_public.files(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_verification_documents_selfie_image_id_fkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_selfie_image_id_fkey ON app_public.user_verification_documents IS '@behavior -filterBy
@backwardBehavior -*
selfie_image_id must name an existing file';


--
-- Name: user_verification_documents user_verification_documents_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: CONSTRAINT user_verification_documents_user_id_fkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_user_id_fkey ON app_public.user_verification_documents IS 'user_id must name an existing user';


--
-- Name: user_verification_documents user_verification_documents_verified_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_verification_documents
    ADD CONSTRAINT user_verification_documents_verified_by_fkey FOREIGN KEY (verified_by) REFERENCES app_private.admin_users(user_id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT user_verification_documents_verified_by_fkey ON user_verification_documents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT user_verification_documents_verified_by_fkey ON app_public.user_verification_documents IS 'verified_by must name an existing admin';


--
-- Name: users users_picture_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_picture_id_fkey FOREIGN KEY (picture_id) REFERENCES app_public.files(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT users_picture_id_fkey ON users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT users_picture_id_fkey ON app_public.users IS '@behavior -filterBy
@backwardBehavior -*
picture_id must name an existing file';


--
-- Name: users users_referred_by_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_referred_by_user_id_fkey FOREIGN KEY (referred_by_user_id) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: CONSTRAINT users_referred_by_user_id_fkey ON users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT users_referred_by_user_id_fkey ON app_public.users IS 'referred_by_user_id must name an existing user';


--
-- Name: account_closures; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.account_closures ENABLE ROW LEVEL SECURITY;

--
-- Name: admin_users; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.admin_users ENABLE ROW LEVEL SECURITY;

--
-- Name: api_request_budgets; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.api_request_budgets ENABLE ROW LEVEL SECURITY;

--
-- Name: email_verification_tokens; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.email_verification_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: emails; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.emails ENABLE ROW LEVEL SECURITY;

--
-- Name: file_objects; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.file_objects ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_accounts; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.ledger_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_entries; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.ledger_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_transactions; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.ledger_transactions ENABLE ROW LEVEL SECURITY;

--
-- Name: login_attempts; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.login_attempts ENABLE ROW LEVEL SECURITY;

--
-- Name: mfa_challenges; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.mfa_challenges ENABLE ROW LEVEL SECURITY;

--
-- Name: password_reset_tokens; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.password_reset_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: phone_verification_codes; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.phone_verification_codes ENABLE ROW LEVEL SECURITY;

--
-- Name: rate_limit_hits; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.rate_limit_hits ENABLE ROW LEVEL SECURITY;

--
-- Name: session_rotated_tokens; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.session_rotated_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: sessions; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_events; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.stripe_events ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_refs; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.stripe_refs ENABLE ROW LEVEL SECURITY;

--
-- Name: two_factor_setups; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.two_factor_setups ENABLE ROW LEVEL SECURITY;

--
-- Name: user_secrets; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_secrets ENABLE ROW LEVEL SECURITY;

--
-- Name: user_status_changes; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_status_changes ENABLE ROW LEVEL SECURITY;

--
-- Name: user_two_factor_auth; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_two_factor_auth ENABLE ROW LEVEL SECURITY;

--
-- Name: worker_heartbeats; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.worker_heartbeats ENABLE ROW LEVEL SECURITY;

--
-- Name: trip_templates delete_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY delete_own ON app_public.trip_templates FOR DELETE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_addresses delete_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY delete_own ON app_public.user_addresses FOR DELETE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_blocks delete_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY delete_own ON app_public.user_blocks FOR DELETE TO app_user USING ((blocker_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_favorites delete_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY delete_own ON app_public.user_favorites FOR DELETE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: deliveries; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.deliveries ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_offers; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.delivery_offers ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_requests; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.delivery_requests ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_status_history; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.delivery_status_history ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_transitions; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.delivery_transitions ENABLE ROW LEVEL SECURITY;

--
-- Name: escrow_accounts; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.escrow_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: files; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.files ENABLE ROW LEVEL SECURITY;

--
-- Name: user_addresses insert_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY insert_own ON app_public.user_addresses FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_blocks insert_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY insert_own ON app_public.user_blocks FOR INSERT TO app_user WITH CHECK ((blocker_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_favorites insert_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY insert_own ON app_public.user_favorites FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_reports insert_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY insert_own ON app_public.user_reports FOR INSERT TO app_user WITH CHECK (((reporter_id = ( SELECT app_public.current_user_id() AS current_user_id)) AND (status = 'pending'::app_public.report_status)));


--
-- Name: user_verification_documents insert_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY insert_own ON app_public.user_verification_documents FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: offer_versions; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.offer_versions ENABLE ROW LEVEL SECURITY;

--
-- Name: payment_intents; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.payment_intents ENABLE ROW LEVEL SECURITY;

--
-- Name: payout_accounts; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.payout_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: payouts; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.payouts ENABLE ROW LEVEL SECURITY;

--
-- Name: refunds; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: request_matches; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.request_matches ENABLE ROW LEVEL SECURITY;

--
-- Name: review_reports; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.review_reports ENABLE ROW LEVEL SECURITY;

--
-- Name: reviews; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.reviews ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_transitions select_all; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_all ON app_public.delivery_transitions FOR SELECT TO app_user USING (true);


--
-- Name: trip_templates select_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_own ON app_public.trip_templates FOR SELECT TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_blocks select_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_own ON app_public.user_blocks FOR SELECT TO app_user USING ((blocker_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_favorites select_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_own ON app_public.user_favorites FOR SELECT TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: trips select_unblocked; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_unblocked ON app_public.trips AS RESTRICTIVE FOR SELECT TO app_user USING (((NOT (traveler_id IN ( SELECT app_hidden.blocked_user_ids() AS blocked_user_ids))) OR ( SELECT app_hidden.current_user_has_permission('deliveries.read'::text) AS current_user_has_permission)));


--
-- Name: deliveries select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.deliveries FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: delivery_offers select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.delivery_offers FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: delivery_requests select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.delivery_requests FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (id = ANY (ARRAY( SELECT app_hidden.current_traveler_request_ids() AS current_traveler_request_ids))) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: escrow_accounts select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.escrow_accounts FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: files select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.files FOR SELECT TO app_user USING (((owner_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR ((purpose = 'avatar'::app_public.file_purpose) AND (status = 'ready'::app_public.file_status)) OR (id = ANY (ARRAY( SELECT app_hidden.current_party_delivery_file_ids() AS current_party_delivery_file_ids))) OR ((purpose = 'verification_document'::app_public.file_purpose) AND (status <> 'pending'::app_public.file_status) AND ((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.verify'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.verify'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36)) OR ((purpose = ANY (ARRAY['item_photo'::app_public.file_purpose, 'pickup_evidence'::app_public.file_purpose, 'delivery_evidence'::app_public.file_purpose, 'refused_pickup'::app_public.file_purpose])) AND (status <> 'pending'::app_public.file_status) AND ((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36)) OR ((purpose = 'dispute_evidence'::app_public.file_purpose) AND (status <> 'pending'::app_public.file_status) AND ((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['disputes.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['disputes.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: payment_intents select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.payment_intents FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: payout_accounts select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.payout_accounts FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: payouts select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.payouts FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: refunds select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.refunds FOR SELECT TO app_user USING (((customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['finance.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: request_matches select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.request_matches FOR SELECT TO app_user USING (((request_id = ANY (ARRAY( SELECT r.id
   FROM app_public.delivery_requests r
  WHERE (r.customer_id = ( SELECT app_public.current_user_id() AS current_user_id))))) OR (trip_id = ANY (ARRAY( SELECT t.id
   FROM app_public.trips t
  WHERE (t.traveler_id = ( SELECT app_public.current_user_id() AS current_user_id))))) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: review_reports select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.review_reports FOR SELECT TO app_user USING (((reporter_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['content.moderate'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['content.moderate'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: reviews select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.reviews FOR SELECT TO app_user USING (((reviewer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (reviewee_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['content.moderate'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['content.moderate'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: system_configuration select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.system_configuration FOR SELECT TO app_anonymous USING ((is_public OR ( SELECT app_hidden.current_user_has_permission('system.read'::text) AS current_user_has_permission)));


--
-- Name: trip_capacity_reservations select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.trip_capacity_reservations FOR SELECT TO app_user USING (((trip_id = ANY (ARRAY( SELECT t.id
   FROM app_public.trips t
  WHERE (t.traveler_id = ( SELECT app_public.current_user_id() AS current_user_id))))) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: trips select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.trips FOR SELECT TO app_user USING (((visibility = 'public'::app_public.trip_visibility) OR (traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (id = ANY (ARRAY( SELECT d.trip_id
   FROM app_public.deliveries d
  WHERE (d.customer_id = ( SELECT app_public.current_user_id() AS current_user_id))))) OR ((visibility = 'friends_only'::app_public.trip_visibility) AND (traveler_id = ANY (ARRAY( SELECT d.traveler_id
   FROM app_public.deliveries d
  WHERE ((d.customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) AND (d.status = 'delivered'::app_public.delivery_status)))))) OR ( SELECT app_hidden.current_user_has_permission('deliveries.read'::text) AS current_user_has_permission)));


--
-- Name: user_addresses select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_addresses FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: user_contacts select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_contacts FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((user_id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_from)) AND (user_id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_to))) AND (length((user_id)::text) = 36))));


--
-- Name: user_earnings select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_earnings FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((user_id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_from)) AND (user_id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_to))) AND (length((user_id)::text) = 36))));


--
-- Name: user_preferences select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_preferences FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((user_id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_from)) AND (user_id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.read'::text]) AS permitted_ids_to))) AND (length((user_id)::text) = 36))));


--
-- Name: user_reports select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_reports FOR SELECT TO app_user USING (((reporter_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['content.moderate'::text, 'users.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['content.moderate'::text, 'users.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: user_statistics select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_statistics FOR SELECT TO app_user USING ((is_public OR (user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR ( SELECT app_hidden.current_user_has_permission('users.read'::text) AS current_user_has_permission)));


--
-- Name: user_verification_documents select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.user_verification_documents FOR SELECT TO app_user USING (((user_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['users.verify'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['users.verify'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: users select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.users FOR SELECT TO app_user USING ((((status = 'active'::app_public.user_status) AND (deleted_at IS NULL)) OR (id = ( SELECT app_public.current_user_id() AS current_user_id)) OR ( SELECT app_hidden.current_user_has_permission('users.read'::text) AS current_user_has_permission)));


--
-- Name: delivery_status_history select_visible_delivery; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible_delivery ON app_public.delivery_status_history FOR SELECT TO app_user USING (((delivery_id = ANY (ARRAY( SELECT d.id
   FROM app_public.deliveries d
  WHERE ((d.customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (d.traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)))))) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: offer_versions select_visible_thread; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible_thread ON app_public.offer_versions FOR SELECT TO app_user USING (((offer_id = ANY (ARRAY( SELECT o.id
   FROM app_public.delivery_offers o
  WHERE ((o.customer_id = ( SELECT app_public.current_user_id() AS current_user_id)) OR (o.traveler_id = ( SELECT app_public.current_user_id() AS current_user_id)))))) OR (((id >= ( SELECT app_hidden.permitted_ids_from(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_from)) AND (id <= ( SELECT app_hidden.permitted_ids_to(VARIADIC ARRAY['deliveries.read'::text]) AS permitted_ids_to))) AND (length((id)::text) = 36))));


--
-- Name: trip_weather select_visible_trip; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible_trip ON app_public.trip_weather FOR SELECT TO app_user USING ((( SELECT t.id
   FROM app_public.trips t
  WHERE (t.id = trip_weather.trip_id)) IS NOT NULL));


--
-- Name: system_configuration; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.system_configuration ENABLE ROW LEVEL SECURITY;

--
-- Name: trip_capacity_reservations; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.trip_capacity_reservations ENABLE ROW LEVEL SECURITY;

--
-- Name: trip_templates; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.trip_templates ENABLE ROW LEVEL SECURITY;

--
-- Name: trip_weather; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.trip_weather ENABLE ROW LEVEL SECURITY;

--
-- Name: trips; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.trips ENABLE ROW LEVEL SECURITY;

--
-- Name: user_addresses update_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_own ON app_public.user_addresses FOR UPDATE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_contacts update_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_own ON app_public.user_contacts FOR UPDATE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_preferences update_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_own ON app_public.user_preferences FOR UPDATE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: users update_self; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_self ON app_public.users FOR UPDATE TO app_user USING ((id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_addresses; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_addresses ENABLE ROW LEVEL SECURITY;

--
-- Name: user_blocks; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_blocks ENABLE ROW LEVEL SECURITY;

--
-- Name: user_contacts; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_contacts ENABLE ROW LEVEL SECURITY;

--
-- Name: user_earnings; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_earnings ENABLE ROW LEVEL SECURITY;

--
-- Name: user_favorites; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_favorites ENABLE ROW LEVEL SECURITY;

--
-- Name: user_preferences; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_preferences ENABLE ROW LEVEL SECURITY;

--
-- Name: user_reports; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_reports ENABLE ROW LEVEL SECURITY;

--
-- Name: user_statistics; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_statistics ENABLE ROW LEVEL SECURITY;

--
-- Name: user_verification_documents; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_verification_documents ENABLE ROW LEVEL SECURITY;

--
-- Name: users; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA app_hidden; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app_hidden TO app_anonymous;
GRANT USAGE ON SCHEMA app_hidden TO app_user;


--
-- Name: SCHEMA app_public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app_public TO app_anonymous;
GRANT USAGE ON SCHEMA app_public TO app_user;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO app_anonymous;
GRANT USAGE ON SCHEMA public TO app_user;


--
-- Name: TABLE deliveries; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.deliveries TO app_user;


--
-- Name: FUNCTION accept_offer_version(offer_id uuid, version integer, actor_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.accept_offer_version(offer_id uuid, version integer, actor_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION account_open_items(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.account_open_items(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION admin_role_permissions(role app_public.admin_role); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.admin_role_permissions(role app_public.admin_role) FROM PUBLIC;


--
-- Name: FUNCTION admin_session_ok(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.admin_session_ok() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.admin_session_ok() TO app_anonymous;


--
-- Name: FUNCTION assert_date_of_birth(date_of_birth date); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_date_of_birth(date_of_birth date) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.assert_date_of_birth(date_of_birth date) TO app_user;


--
-- Name: TABLE delivery_requests; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.delivery_requests TO app_user;


--
-- Name: FUNCTION assert_offer_price(request app_public.delivery_requests, price bigint); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_offer_price(request app_public.delivery_requests, price bigint) FROM PUBLIC;


--
-- Name: FUNCTION assert_password_policy(password text, email text, names text[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) TO app_anonymous;


--
-- Name: FUNCTION assert_request_open(request app_public.delivery_requests); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_request_open(request app_public.delivery_requests) FROM PUBLIC;


--
-- Name: FUNCTION assert_review_input(overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_review_input(overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text) FROM PUBLIC;


--
-- Name: FUNCTION assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text) FROM PUBLIC;


--
-- Name: TABLE trips; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.trips TO app_user;


--
-- Name: FUNCTION assert_trip_fits(request app_public.delivery_requests, trip app_public.trips); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_trip_fits(request app_public.delivery_requests, trip app_public.trips) FROM PUBLIC;


--
-- Name: FUNCTION assert_trip_limits(departure_time timestamp with time zone, arrival_time timestamp with time zone, trip_start timestamp with time zone, currency text, base_price bigint, price_per_kg bigint, price_per_km bigint, auto_accept_price bigint, max_item_value bigint); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_trip_limits(departure_time timestamp with time zone, arrival_time timestamp with time zone, trip_start timestamp with time zone, currency text, base_price bigint, price_per_kg bigint, price_per_km bigint, auto_accept_price bigint, max_item_value bigint) FROM PUBLIC;


--
-- Name: FUNCTION assert_trip_options(auto_accept boolean, recurring_pattern jsonb, level app_public.verification_level); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_trip_options(auto_accept boolean, recurring_pattern jsonb, level app_public.verification_level) FROM PUBLIC;


--
-- Name: TABLE delivery_offers; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.delivery_offers TO app_user;


--
-- Name: FUNCTION auto_accept_if_allowed(offer app_public.delivery_offers); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.auto_accept_if_allowed(offer app_public.delivery_offers) FROM PUBLIC;


--
-- Name: FUNCTION blocked_user_ids(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.blocked_user_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.blocked_user_ids() TO app_user;


--
-- Name: FUNCTION cancel_delivery_as(delivery_id uuid, source app_public.transition_source, actor_id uuid, reason app_public.delivery_cancel_reason, note text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.cancel_delivery_as(delivery_id uuid, source app_public.transition_source, actor_id uuid, reason app_public.delivery_cancel_reason, note text) FROM PUBLIC;


--
-- Name: FUNCTION charge_amounts(traveler_amount bigint, credits bigint, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.charge_amounts(traveler_amount bigint, credits bigint, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.charge_amounts(traveler_amount bigint, credits bigint, OUT platform_fee bigint, OUT processing_fee bigint, OUT credits_applied bigint, OUT amount bigint) TO app_user;


--
-- Name: FUNCTION checked_delivery_request_details(details app_public.delivery_request_details, customer_id uuid, created_at timestamp with time zone, default_expiry boolean); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.checked_delivery_request_details(details app_public.delivery_request_details, customer_id uuid, created_at timestamp with time zone, default_expiry boolean) FROM PUBLIC;


--
-- Name: FUNCTION config_value(setting text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.config_value(setting text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.config_value(setting text) TO app_anonymous;


--
-- Name: FUNCTION configuration_value_problem(data_type app_public.configuration_data_type, validation jsonb, value jsonb); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.configuration_value_problem(data_type app_public.configuration_data_type, validation jsonb, value jsonb) FROM PUBLIC;


--
-- Name: TABLE trip_capacity_reservations; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.trip_capacity_reservations TO app_user;


--
-- Name: FUNCTION consume_trip_capacity(delivery_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.consume_trip_capacity(delivery_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION contacts_open(status app_public.delivery_status, delivered_at timestamp with time zone); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.contacts_open(status app_public.delivery_status, delivered_at timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION contacts_until(delivered_at timestamp with time zone); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.contacts_until(delivered_at timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries) FROM PUBLIC;


--
-- Name: TABLE user_verification_documents; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.user_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(user_id) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.document_type; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(document_type) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.expires_on; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(expires_on) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.front_image_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(front_image_id) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.back_image_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(back_image_id) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: COLUMN user_verification_documents.selfie_image_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(selfie_image_id) ON TABLE app_public.user_verification_documents TO app_user;


--
-- Name: FUNCTION counts_as_proof_of_address(document app_public.user_verification_documents); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.counts_as_proof_of_address(document app_public.user_verification_documents) FROM PUBLIC;


--
-- Name: FUNCTION current_ip(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_ip() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_ip() TO app_anonymous;


--
-- Name: FUNCTION current_party_delivery_file_ids(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_party_delivery_file_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_party_delivery_file_ids() TO app_user;


--
-- Name: FUNCTION current_session_id(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_session_id() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_session_id() TO app_anonymous;


--
-- Name: FUNCTION current_traveler_request_ids(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_traveler_request_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_traveler_request_ids() TO app_user;


--
-- Name: FUNCTION current_user_has_permission(permission text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_user_has_permission(permission text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_user_has_permission(permission text) TO app_anonymous;


--
-- Name: FUNCTION customer_charge(delivery app_public.deliveries); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.customer_charge(delivery app_public.deliveries) FROM PUBLIC;


--
-- Name: FUNCTION default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.default_quote(distance_km numeric, weight_kg numeric, urgency app_public.urgency_level, is_fragile boolean, currency text) TO app_user;


--
-- Name: FUNCTION delivery_request_details_of(request app_public.delivery_requests); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.delivery_request_details_of(request app_public.delivery_requests) FROM PUBLIC;


--
-- Name: FUNCTION delivery_request_estimate(details app_public.delivery_request_details); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.delivery_request_estimate(details app_public.delivery_request_details) FROM PUBLIC;


--
-- Name: FUNCTION display_name(first_name text, last_name text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.display_name(first_name text, last_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.display_name(first_name text, last_name text) TO app_anonymous;


--
-- Name: FUNCTION insert_delivery_request(customer_id uuid, details app_public.delivery_request_details); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.insert_delivery_request(customer_id uuid, details app_public.delivery_request_details) FROM PUBLIC;


--
-- Name: FUNCTION is_admin_user(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.is_admin_user() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.is_admin_user() TO app_anonymous;


--
-- Name: FUNCTION listed_delivery_requests(viewer_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.listed_delivery_requests(viewer_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION lock_delivery_for_party(delivery_id uuid, user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.lock_delivery_for_party(delivery_id uuid, user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION lock_offer(offer_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.lock_offer(offer_id uuid) FROM PUBLIC;


--
-- Name: TABLE reviews; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.reviews TO app_user;


--
-- Name: FUNCTION lock_review(review_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.lock_review(review_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION lock_traveler_deliveries(traveler_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.lock_traveler_deliveries(traveler_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION matches(request_id uuid, trip_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.matches(request_id uuid, trip_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION matching_config(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.matching_config() FROM PUBLIC;


--
-- Name: FUNCTION notify_trip_customers(trip_id uuid, subject text, body text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.notify_trip_customers(trip_id uuid, subject text, body text) FROM PUBLIC;


--
-- Name: FUNCTION offer_party_of(offer app_public.delivery_offers, user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.offer_party_of(offer app_public.delivery_offers, user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION offer_valid_until(request app_public.delivery_requests); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.offer_valid_until(request app_public.delivery_requests) FROM PUBLIC;


--
-- Name: FUNCTION on_request_cancelled(request_id uuid, actor_id uuid, reason app_public.request_cancel_reason); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.on_request_cancelled(request_id uuid, actor_id uuid, reason app_public.request_cancel_reason) FROM PUBLIC;


--
-- Name: FUNCTION on_request_changed(request_id uuid, terms_changed boolean, max_price bigint, blacklisted_travelers uuid[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.on_request_changed(request_id uuid, terms_changed boolean, max_price bigint, blacklisted_travelers uuid[]) FROM PUBLIC;


--
-- Name: FUNCTION on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean) FROM PUBLIC;


--
-- Name: FUNCTION on_users_blocked(a uuid, b uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.on_users_blocked(a uuid, b uuid) FROM PUBLIC;


--
-- Name: FUNCTION open_offer_thread(request app_public.delivery_requests, trip app_public.trips, initiated_by app_public.offer_party, actor_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.open_offer_thread(request app_public.delivery_requests, trip app_public.trips, initiated_by app_public.offer_party, actor_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) FROM PUBLIC;


--
-- Name: FUNCTION own_trip_for_update(trip_id uuid, user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.own_trip_for_update(trip_id uuid, user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb) FROM PUBLIC;


--
-- Name: FUNCTION pair_quote(request app_public.delivery_requests, trip app_public.trips); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.pair_quote(request app_public.delivery_requests, trip app_public.trips) FROM PUBLIC;


--
-- Name: FUNCTION payment_authorized(delivery_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.payment_authorized(delivery_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.payment_authorized(delivery_id uuid) TO app_user;


--
-- Name: FUNCTION payment_status_advances(from_status app_public.payment_status, to_status app_public.payment_status); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.payment_status_advances(from_status app_public.payment_status, to_status app_public.payment_status) FROM PUBLIC;


--
-- Name: FUNCTION payment_status_rank(status app_public.payment_status); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.payment_status_rank(status app_public.payment_status) FROM PUBLIC;


--
-- Name: FUNCTION permitted_ids_from(VARIADIC permissions text[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.permitted_ids_from(VARIADIC permissions text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.permitted_ids_from(VARIADIC permissions text[]) TO app_anonymous;


--
-- Name: FUNCTION permitted_ids_to(VARIADIC permissions text[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.permitted_ids_to(VARIADIC permissions text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.permitted_ids_to(VARIADIC permissions text[]) TO app_anonymous;


--
-- Name: FUNCTION queue_email(user_id uuid, subject text, body text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.queue_email(user_id uuid, subject text, body text) FROM PUBLIC;


--
-- Name: FUNCTION queue_verification_email(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.queue_verification_email(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION rate_limit_take(bucket text, subject text, max_hits integer, window_length interval); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.rate_limit_take(bucket text, subject text, max_hits integer, window_length interval) FROM PUBLIC;


--
-- Name: FUNCTION refresh_statistics_visibility(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.refresh_statistics_visibility(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION refresh_user_rating(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.refresh_user_rating(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION refresh_verification_level(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.refresh_verification_level(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION release_trip_capacity(delivery_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.release_trip_capacity(delivery_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION request_status_for(status app_public.delivery_status); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.request_status_for(status app_public.delivery_status) FROM PUBLIC;


--
-- Name: FUNCTION require_not_suspended(action text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.require_not_suspended(action text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.require_not_suspended(action text) TO app_user;


--
-- Name: FUNCTION require_session(action text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.require_session(action text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.require_session(action text) TO app_anonymous;


--
-- Name: FUNCTION require_user(min_level app_public.verification_level, action text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.require_user(min_level app_public.verification_level, action text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.require_user(min_level app_public.verification_level, action text) TO app_user;


--
-- Name: FUNCTION reserve_trip_capacity(trip_id uuid, delivery_id uuid, weight_kg numeric, volume_l numeric, items integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.reserve_trip_capacity(trip_id uuid, delivery_id uuid, weight_kg numeric, volume_l numeric, items integer) FROM PUBLIC;


--
-- Name: FUNCTION snapped_point(point public.geography); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.snapped_point(point public.geography) FROM PUBLIC;


--
-- Name: FUNCTION statistics_public(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.statistics_public(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION tg__append_only(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg__append_only() FROM PUBLIC;


--
-- Name: FUNCTION tg__attach_files(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg__attach_files() FROM PUBLIC;


--
-- Name: FUNCTION tg__default_current_user(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg__default_current_user() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg__default_current_user() TO app_anonymous;


--
-- Name: FUNCTION tg__set_updated_at(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg__set_updated_at() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg__set_updated_at() TO app_anonymous;


--
-- Name: FUNCTION tg_deliveries__after_status(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_deliveries__after_status() FROM PUBLIC;


--
-- Name: FUNCTION tg_deliveries__check_transition(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_deliveries__check_transition() FROM PUBLIC;


--
-- Name: FUNCTION tg_delivery_offers__count_answer(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_delivery_offers__count_answer() FROM PUBLIC;


--
-- Name: FUNCTION tg_delivery_offers__request_status(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_delivery_offers__request_status() FROM PUBLIC;


--
-- Name: FUNCTION tg_reviews__rating_statistics(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_reviews__rating_statistics() FROM PUBLIC;


--
-- Name: FUNCTION tg_reviews__verified(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_reviews__verified() FROM PUBLIC;


--
-- Name: FUNCTION tg_system_configuration__check_value(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_system_configuration__check_value() FROM PUBLIC;


--
-- Name: FUNCTION tg_trips__count_completed(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_trips__count_completed() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_trips__count_completed() TO app_user;


--
-- Name: FUNCTION tg_user_addresses__first_is_default(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_addresses__first_is_default() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_addresses__first_is_default() TO app_user;


--
-- Name: FUNCTION tg_user_addresses__promote_default(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_addresses__promote_default() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_addresses__promote_default() TO app_user;


--
-- Name: FUNCTION tg_user_blocks__decline_offers(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_blocks__decline_offers() FROM PUBLIC;


--
-- Name: FUNCTION tg_user_contacts__date_of_birth(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_contacts__date_of_birth() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_contacts__date_of_birth() TO app_user;


--
-- Name: FUNCTION tg_user_contacts__display_name(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_contacts__display_name() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_contacts__display_name() TO app_anonymous;


--
-- Name: FUNCTION tg_user_contacts__referral_code(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_contacts__referral_code() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_contacts__referral_code() TO app_anonymous;


--
-- Name: FUNCTION tg_user_preferences__display_name(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_preferences__display_name() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_preferences__display_name() TO app_anonymous;


--
-- Name: FUNCTION tg_user_preferences__statistics_visibility(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_preferences__statistics_visibility() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_preferences__statistics_visibility() TO app_anonymous;


--
-- Name: FUNCTION tg_user_reports__priority(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_reports__priority() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_reports__priority() TO app_user;


--
-- Name: FUNCTION tg_user_statistics__is_public(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_statistics__is_public() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_statistics__is_public() TO app_anonymous;


--
-- Name: FUNCTION tg_user_verification_documents__refresh_level(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_verification_documents__refresh_level() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_verification_documents__refresh_level() TO app_user;


--
-- Name: FUNCTION tg_user_verification_documents__upload_limit(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_verification_documents__upload_limit() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_verification_documents__upload_limit() TO app_user;


--
-- Name: FUNCTION tg_users__create_related(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_users__create_related() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_users__create_related() TO app_anonymous;


--
-- Name: FUNCTION tg_users__display_name(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_users__display_name() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_users__display_name() TO app_anonymous;


--
-- Name: FUNCTION tg_users__remove_replaced_picture(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_users__remove_replaced_picture() FROM PUBLIC;


--
-- Name: FUNCTION tg_users__statistics_visibility(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_users__statistics_visibility() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_users__statistics_visibility() TO app_anonymous;


--
-- Name: FUNCTION transition_delivery(delivery_id uuid, to_status app_public.delivery_status, source app_public.transition_source, actor_id uuid, reason text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.transition_delivery(delivery_id uuid, to_status app_public.delivery_status, source app_public.transition_source, actor_id uuid, reason text) FROM PUBLIC;


--
-- Name: FUNCTION trip_visible_to(trip app_public.trips, user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.trip_visible_to(trip app_public.trips, user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION trips_visible_to(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.trips_visible_to(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION users_blocked(a uuid, b uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.users_blocked(a uuid, b uuid) FROM PUBLIC;


--
-- Name: FUNCTION users_blocked_with(user_id uuid); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.users_blocked_with(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION admit_api_request(session_id uuid, client_ip text, OUT live boolean, OUT retry_after integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admit_api_request(session_id uuid, client_ip text, OUT live boolean, OUT retry_after integer) FROM PUBLIC;


--
-- Name: FUNCTION anonymise_deleted_users(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.anonymise_deleted_users() FROM PUBLIC;


--
-- Name: FUNCTION apply_payment_intent(intent jsonb, occurred_at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.apply_payment_intent(intent jsonb, occurred_at timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION auto_complete_trips(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.auto_complete_trips() FROM PUBLIC;


--
-- Name: FUNCTION base32_encode(data bytea); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.base32_encode(data bytea) FROM PUBLIC;


--
-- Name: FUNCTION beat_and_claim_dead_workers(worker_id text, stale_after interval); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.beat_and_claim_dead_workers(worker_id text, stale_after interval) FROM PUBLIC;


--
-- Name: FUNCTION check_password(user_id uuid, password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_password(user_id uuid, password text) FROM PUBLIC;


--
-- Name: FUNCTION cleanup_expired_data(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.cleanup_expired_data() FROM PUBLIC;


--
-- Name: FUNCTION complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint) FROM PUBLIC;


--
-- Name: FUNCTION create_session(user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_session(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION delete_expired_trip_weather(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.delete_expired_trip_weather() FROM PUBLIC;


--
-- Name: FUNCTION end_suspensions(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.end_suspensions() FROM PUBLIC;


--
-- Name: FUNCTION escrows_to_release(max_rows integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.escrows_to_release(max_rows integer) FROM PUBLIC;


--
-- Name: FUNCTION expire_delivery_requests(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.expire_delivery_requests() FROM PUBLIC;


--
-- Name: FUNCTION expire_offers(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.expire_offers() FROM PUBLIC;


--
-- Name: FUNCTION expire_uploads(batch_size integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.expire_uploads(batch_size integer) FROM PUBLIC;


--
-- Name: FUNCTION expire_verification_documents(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.expire_verification_documents() FROM PUBLIC;


--
-- Name: FUNCTION file_download_target(file_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.file_download_target(file_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION file_upload_target(file_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.file_upload_target(file_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION forget_worker(worker_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.forget_worker(worker_id text) FROM PUBLIC;


--
-- Name: FUNCTION hash_password(password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.hash_password(password text) FROM PUBLIC;


--
-- Name: FUNCTION issue_email_token(email_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.issue_email_token(email_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION issue_phone_code(code_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.issue_phone_code(code_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION ledger_account(code text, user_id uuid, currency text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.ledger_account(code text, user_id uuid, currency text) FROM PUBLIC;


--
-- Name: FUNCTION materialise_recurring_trips(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.materialise_recurring_trips() FROM PUBLIC;


--
-- Name: FUNCTION new_backup_codes(user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.new_backup_codes(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION open_totp_secret(two_factor app_private.user_two_factor_auth); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.open_totp_secret(two_factor app_private.user_two_factor_auth) FROM PUBLIC;


--
-- Name: FUNCTION payment_to_capture(delivery_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.payment_to_capture(delivery_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION post_ledger_transaction(kind text, idempotency_key text, delivery_id uuid, currency text, entries jsonb, description text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.post_ledger_transaction(kind text, idempotency_key text, delivery_id uuid, currency text, entries jsonb, description text) FROM PUBLIC;


--
-- Name: FUNCTION prepare_payment_intent(delivery_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prepare_payment_intent(delivery_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION process_stripe_event(event_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.process_stripe_event(event_id text) FROM PUBLIC;


--
-- Name: FUNCTION prune_account_tokens(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_account_tokens() FROM PUBLIC;


--
-- Name: FUNCTION prune_api_request_budgets(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_api_request_budgets() FROM PUBLIC;


--
-- Name: FUNCTION prune_sessions(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_sessions() FROM PUBLIC;


--
-- Name: FUNCTION reactivate_account(user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.reactivate_account(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION record_email_attempt(email_id uuid, error text, final_attempt boolean); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_email_attempt(email_id uuid, error text, final_attempt boolean) FROM PUBLIC;


--
-- Name: FUNCTION record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition) FROM PUBLIC;


--
-- Name: FUNCTION record_login_failure(user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_login_failure(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION record_match_candidates(request_id uuid, trip_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_match_candidates(request_id uuid, trip_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION record_payment_intent(delivery_id uuid, intent jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_payment_intent(delivery_id uuid, intent jsonb) FROM PUBLIC;


--
-- Name: FUNCTION record_stripe_event(event_id text, event_type text, body jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_stripe_event(event_id text, event_type text, body jsonb) FROM PUBLIC;


--
-- Name: TABLE trip_weather; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.trip_weather TO app_user;


--
-- Name: FUNCTION record_trip_weather(trip_id uuid, weather jsonb, provider text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_trip_weather(trip_id uuid, weather jsonb, provider text) FROM PUBLIC;


--
-- Name: FUNCTION refresh_stale_verification_levels(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refresh_stale_verification_levels() FROM PUBLIC;


--
-- Name: FUNCTION reject_file_upload(file_id uuid, reason text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.reject_file_upload(file_id uuid, reason text) FROM PUBLIC;


--
-- Name: FUNCTION remove_unattached_files(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.remove_unattached_files() FROM PUBLIC;


--
-- Name: FUNCTION revoke_user_sessions(user_id uuid, except_session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.revoke_user_sessions(user_id uuid, except_session_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION seal_totp_secret(user_id uuid, secret bytea); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.seal_totp_secret(user_id uuid, secret bytea) FROM PUBLIC;


--
-- Name: FUNCTION session_claims(session_id uuid, expires_at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.session_claims(session_id uuid, expires_at timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION start_escrow_hold(delivery_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.start_escrow_hold(delivery_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION start_mfa_challenge(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.start_mfa_challenge(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) FROM PUBLIC;


--
-- Name: FUNCTION start_session(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.start_session(user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) FROM PUBLIC;


--
-- Name: FUNCTION take_api_request(subject text, max_requests integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.take_api_request(subject text, max_requests integer) FROM PUBLIC;


--
-- Name: FUNCTION tg_delivery_requests__enqueue_matching(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tg_delivery_requests__enqueue_matching() FROM PUBLIC;


--
-- Name: FUNCTION tg_emails__enqueue_send(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tg_emails__enqueue_send() FROM PUBLIC;


--
-- Name: FUNCTION tg_ledger__assert_balanced(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tg_ledger__assert_balanced() FROM PUBLIC;


--
-- Name: FUNCTION tg_trips__enqueue_matching(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tg_trips__enqueue_matching() FROM PUBLIC;


--
-- Name: FUNCTION totp_code(secret bytea, step bigint, digits integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.totp_code(secret bytea, step bigint, digits integer) FROM PUBLIC;


--
-- Name: FUNCTION totp_key(which text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.totp_key(which text) FROM PUBLIC;


--
-- Name: FUNCTION totp_key_id(key text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.totp_key_id(key text) FROM PUBLIC;


--
-- Name: FUNCTION touch_session(session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.touch_session(session_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION trips_needing_weather(max_trips integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.trips_needing_weather(max_trips integer) FROM PUBLIC;


--
-- Name: FUNCTION uri_encode(value text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.uri_encode(value text) FROM PUBLIC;


--
-- Name: FUNCTION use_backup_code(user_id uuid, code text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.use_backup_code(user_id uuid, code text) FROM PUBLIC;


--
-- Name: FUNCTION use_totp_code(user_id uuid, code text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.use_totp_code(user_id uuid, code text) FROM PUBLIC;


--
-- Name: FUNCTION weather_alerts(at_end text, forecast jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.weather_alerts(at_end text, forecast jsonb) FROM PUBLIC;


--
-- Name: FUNCTION accept_offer(offer_id uuid, version integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.accept_offer(offer_id uuid, version integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.accept_offer(offer_id uuid, version integer) TO app_user;


--
-- Name: TABLE user_favorites; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT,DELETE ON TABLE app_public.user_favorites TO app_user;


--
-- Name: COLUMN user_favorites.user_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(user_id) ON TABLE app_public.user_favorites TO app_user;


--
-- Name: COLUMN user_favorites.traveler_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(traveler_id) ON TABLE app_public.user_favorites TO app_user;


--
-- Name: FUNCTION add_favorite_traveler(traveler_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.add_favorite_traveler(traveler_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.add_favorite_traveler(traveler_id uuid) TO app_user;


--
-- Name: TABLE user_blocks; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT,DELETE ON TABLE app_public.user_blocks TO app_user;


--
-- Name: COLUMN user_blocks.blocker_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(blocker_id) ON TABLE app_public.user_blocks TO app_user;


--
-- Name: COLUMN user_blocks.blocked_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(blocked_id) ON TABLE app_public.user_blocks TO app_user;


--
-- Name: COLUMN user_blocks.reason; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(reason) ON TABLE app_public.user_blocks TO app_user;


--
-- Name: FUNCTION block_user(user_id uuid, reason app_public.block_reason); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.block_user(user_id uuid, reason app_public.block_reason) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.block_user(user_id uuid, reason app_public.block_reason) TO app_user;


--
-- Name: FUNCTION cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_delivery(delivery_id uuid, reason app_public.delivery_cancel_reason, note text) TO app_user;


--
-- Name: FUNCTION cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_delivery_request(request_id uuid, reason app_public.request_cancel_reason, note text) TO app_user;


--
-- Name: FUNCTION cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_trip(trip_id uuid, reason app_public.trip_cancel_reason, note text) TO app_user;


--
-- Name: FUNCTION change_password(current_password text, new_password text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.change_password(current_password text, new_password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.change_password(current_password text, new_password text) TO app_anonymous;


--
-- Name: FUNCTION complete_trip(trip_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.complete_trip(trip_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.complete_trip(trip_id uuid) TO app_user;


--
-- Name: FUNCTION confirm_delivery(delivery_id uuid, delivery_photo_id uuid, signature_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.confirm_delivery(delivery_id uuid, delivery_photo_id uuid, signature_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.confirm_delivery(delivery_id uuid, delivery_photo_id uuid, signature_id uuid) TO app_user;


--
-- Name: FUNCTION confirm_phone_verification(code text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.confirm_phone_verification(code text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.confirm_phone_verification(code text) TO app_user;


--
-- Name: FUNCTION confirm_pickup(delivery_id uuid, pickup_photo_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.confirm_pickup(delivery_id uuid, pickup_photo_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.confirm_pickup(delivery_id uuid, pickup_photo_id uuid) TO app_user;


--
-- Name: FUNCTION confirm_receipt(delivery_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.confirm_receipt(delivery_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.confirm_receipt(delivery_id uuid) TO app_user;


--
-- Name: FUNCTION confirm_two_factor(code text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.confirm_two_factor(code text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.confirm_two_factor(code text) TO app_user;


--
-- Name: FUNCTION counter_offer(offer_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.counter_offer(offer_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.counter_offer(offer_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) TO app_user;


--
-- Name: FUNCTION create_delivery_request(details app_public.delivery_request_details); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.create_delivery_request(details app_public.delivery_request_details) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.create_delivery_request(details app_public.delivery_request_details) TO app_user;


--
-- Name: FUNCTION create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, currency text, express_multiplier numeric, fragile_multiplier numeric, description text, origin_airport text, destination_airport text, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, currency text, express_multiplier numeric, fragile_multiplier numeric, description text, origin_airport text, destination_airport text, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.create_trip(title text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, destination_address text, destination_point public.geography, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, currency text, express_multiplier numeric, fragile_multiplier numeric, description text, origin_airport text, destination_airport text, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) TO app_user;


--
-- Name: FUNCTION create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.create_trip_from_template(template_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) TO app_user;


--
-- Name: TABLE users; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.users TO app_user;


--
-- Name: COLUMN users.first_name; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(first_name) ON TABLE app_public.users TO app_user;


--
-- Name: COLUMN users.user_type; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(user_type) ON TABLE app_public.users TO app_user;


--
-- Name: COLUMN users.bio; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(bio) ON TABLE app_public.users TO app_user;


--
-- Name: COLUMN users.picture_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(picture_id) ON TABLE app_public.users TO app_user;


--
-- Name: FUNCTION "current_user"(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public."current_user"() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public."current_user"() TO app_anonymous;


--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.current_user_id() TO app_anonymous;


--
-- Name: FUNCTION current_user_permissions(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.current_user_permissions() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.current_user_permissions() TO app_anonymous;


--
-- Name: FUNCTION deactivate_account(password text, reason text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.deactivate_account(password text, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.deactivate_account(password text, reason text) TO app_user;


--
-- Name: FUNCTION decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.decline_offer(offer_id uuid, reason app_public.offer_decline_reason, note text) TO app_user;


--
-- Name: FUNCTION delete_account(password text, reason text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.delete_account(password text, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.delete_account(password text, reason text) TO app_user;


--
-- Name: FUNCTION delivery_contacts(delivery_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.delivery_contacts(delivery_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.delivery_contacts(delivery_id uuid) TO app_user;


--
-- Name: FUNCTION disable_two_factor(password text, code text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.disable_two_factor(password text, code text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.disable_two_factor(password text, code text) TO app_user;


--
-- Name: FUNCTION duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone, pickup_window_end timestamp with time zone, delivery_window_start timestamp with time zone, delivery_window_end timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone, pickup_window_end timestamp with time zone, delivery_window_start timestamp with time zone, delivery_window_end timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.duplicate_delivery_request(request_id uuid, pickup_window_start timestamp with time zone, pickup_window_end timestamp with time zone, delivery_window_start timestamp with time zone, delivery_window_end timestamp with time zone) TO app_user;


--
-- Name: FUNCTION duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.duplicate_trip(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) TO app_user;


--
-- Name: FUNCTION forgot_password(email text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.forgot_password(email text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.forgot_password(email text) TO app_anonymous;


--
-- Name: TABLE user_reports; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.reporter_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(reporter_id) ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.reported_user_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(reported_user_id) ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.delivery_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(delivery_id) ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.delivery_request_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(delivery_request_id) ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.category; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(category) ON TABLE app_public.user_reports TO app_user;


--
-- Name: COLUMN user_reports.description; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(description) ON TABLE app_public.user_reports TO app_user;


--
-- Name: FUNCTION handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action, resolution_notes text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action, resolution_notes text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.handle_user_report(report_id uuid, status app_public.report_status, resolution_action app_public.report_resolution_action, resolution_notes text) TO app_user;


--
-- Name: FUNCTION invite_traveler(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.invite_traveler(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.invite_traveler(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone) TO app_user;


--
-- Name: FUNCTION login(email text, password text, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.login(email text, password text, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.login(email text, password text, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text) TO app_anonymous;


--
-- Name: FUNCTION logout(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.logout() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.logout() TO app_anonymous;


--
-- Name: FUNCTION logout_all(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.logout_all() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.logout_all() TO app_user;


--
-- Name: FUNCTION mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.mark_trip_delayed(trip_id uuid, departure_time timestamp with time zone, arrival_time timestamp with time zone) TO app_user;


--
-- Name: FUNCTION matching_requests(trip_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.matching_requests(trip_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.matching_requests(trip_id uuid) TO app_user;


--
-- Name: FUNCTION matching_trips(request_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.matching_trips(request_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.matching_trips(request_id uuid) TO app_user;


--
-- Name: FUNCTION moderate_review(review_id uuid, decision app_public.moderation_status, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.moderate_review(review_id uuid, decision app_public.moderation_status, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.moderate_review(review_id uuid, decision app_public.moderation_status, note text) TO app_user;


--
-- Name: FUNCTION my_sessions(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_sessions() TO app_user;


--
-- Name: FUNCTION quote_price(request_id uuid, trip_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.quote_price(request_id uuid, trip_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.quote_price(request_id uuid, trip_id uuid) TO app_user;


--
-- Name: FUNCTION refresh_session(refresh_token text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.refresh_session(refresh_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.refresh_session(refresh_token text) TO app_anonymous;


--
-- Name: FUNCTION refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.refuse_pickup(delivery_id uuid, reason app_public.delivery_cancel_reason, pickup_photo_id uuid, note text) TO app_user;


--
-- Name: FUNCTION regenerate_backup_codes(code text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.regenerate_backup_codes(code text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.regenerate_backup_codes(code text) TO app_user;


--
-- Name: FUNCTION register(email text, password text, first_name text, last_name text, user_type app_public.user_type, referral_code text, accept_terms boolean); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type, referral_code text, accept_terms boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type, referral_code text, accept_terms boolean) TO app_anonymous;


--
-- Name: FUNCTION remove_favorite_traveler(traveler_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.remove_favorite_traveler(traveler_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.remove_favorite_traveler(traveler_id uuid) TO app_user;


--
-- Name: FUNCTION report_delivery_request(request_id uuid, category app_public.user_report_category, description text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.report_delivery_request(request_id uuid, category app_public.user_report_category, description text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.report_delivery_request(request_id uuid, category app_public.user_report_category, description text) TO app_user;


--
-- Name: TABLE review_reports; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.review_reports TO app_user;


--
-- Name: FUNCTION report_review(review_id uuid, reason app_public.report_reason, details text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.report_review(review_id uuid, reason app_public.report_reason, details text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.report_review(review_id uuid, reason app_public.report_reason, details text) TO app_user;


--
-- Name: FUNCTION report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid, delivery_request_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid, delivery_request_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.report_user(user_id uuid, category app_public.user_report_category, description text, delivery_id uuid, delivery_request_id uuid) TO app_user;


--
-- Name: FUNCTION request_phone_verification(phone_number text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.request_phone_verification(phone_number text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.request_phone_verification(phone_number text) TO app_user;


--
-- Name: TABLE files; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.files TO app_user;


--
-- Name: FUNCTION request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.request_upload(purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text) TO app_user;


--
-- Name: FUNCTION resend_verification_email(email text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.resend_verification_email(email text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.resend_verification_email(email text) TO app_anonymous;


--
-- Name: FUNCTION reset_password(token text, new_password text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.reset_password(token text, new_password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.reset_password(token text, new_password text) TO app_anonymous;


--
-- Name: FUNCTION respond_to_review(review_id uuid, response text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.respond_to_review(review_id uuid, response text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.respond_to_review(review_id uuid, response text) TO app_user;


--
-- Name: FUNCTION review_verification_document(document_id uuid, approve boolean, rejection_reason text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.review_verification_document(document_id uuid, approve boolean, rejection_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.review_verification_document(document_id uuid, approve boolean, rejection_reason text) TO app_user;


--
-- Name: FUNCTION revoke_session(session_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.revoke_session(session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.revoke_session(session_id uuid) TO app_user;


--
-- Name: TABLE trip_templates; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT,DELETE ON TABLE app_public.trip_templates TO app_user;


--
-- Name: FUNCTION save_trip_template(trip_id uuid, name text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.save_trip_template(trip_id uuid, name text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.save_trip_template(trip_id uuid, name text) TO app_user;


--
-- Name: FUNCTION schedule_dropoff(delivery_id uuid, at timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.schedule_dropoff(delivery_id uuid, at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.schedule_dropoff(delivery_id uuid, at timestamp with time zone) TO app_user;


--
-- Name: FUNCTION schedule_pickup(delivery_id uuid, at timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.schedule_pickup(delivery_id uuid, at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.schedule_pickup(delivery_id uuid, at timestamp with time zone) TO app_user;


--
-- Name: FUNCTION search_requests(near public.geography, radius_km numeric, destination public.geography, category app_public.item_category, window_from timestamp with time zone, window_to timestamp with time zone); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.search_requests(near public.geography, radius_km numeric, destination public.geography, category app_public.item_category, window_from timestamp with time zone, window_to timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.search_requests(near public.geography, radius_km numeric, destination public.geography, category app_public.item_category, window_from timestamp with time zone, window_to timestamp with time zone) TO app_user;


--
-- Name: FUNCTION search_trips(origin public.geography, destination public.geography, radius_km double precision, departure_from timestamp with time zone, departure_to timestamp with time zone, min_weight_kg numeric, query text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.search_trips(origin public.geography, destination public.geography, radius_km double precision, departure_from timestamp with time zone, departure_to timestamp with time zone, min_weight_kg numeric, query text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.search_trips(origin public.geography, destination public.geography, radius_km double precision, departure_from timestamp with time zone, departure_to timestamp with time zone, min_weight_kg numeric, query text) TO app_user;


--
-- Name: FUNCTION search_users(q text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.search_users(q text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.search_users(q text) TO app_user;


--
-- Name: TABLE user_addresses; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT,DELETE ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.user_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(user_id) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.address_type; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(address_type),UPDATE(address_type) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.label; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(label),UPDATE(label) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.street; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(street),UPDATE(street) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.city; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(city),UPDATE(city) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.postal_code; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(postal_code),UPDATE(postal_code) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.country; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(country),UPDATE(country) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: COLUMN user_addresses.point; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(point),UPDATE(point) ON TABLE app_public.user_addresses TO app_user;


--
-- Name: FUNCTION set_default_address(address_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.set_default_address(address_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.set_default_address(address_id uuid) TO app_user;


--
-- Name: FUNCTION setup_two_factor(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.setup_two_factor() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.setup_two_factor() TO app_user;


--
-- Name: FUNCTION start_document_review(document_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.start_document_review(document_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.start_document_review(document_id uuid) TO app_user;


--
-- Name: FUNCTION start_transit(delivery_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.start_transit(delivery_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.start_transit(delivery_id uuid) TO app_user;


--
-- Name: FUNCTION start_trip(trip_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.start_trip(trip_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.start_trip(trip_id uuid) TO app_user;


--
-- Name: FUNCTION submit_offer(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.submit_offer(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.submit_offer(request_id uuid, trip_id uuid, price bigint, message text, pickup_time timestamp with time zone, delivery_time timestamp with time zone, guarantees text[]) TO app_user;


--
-- Name: FUNCTION submit_review(delivery_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.submit_review(delivery_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.submit_review(delivery_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) TO app_user;


--
-- Name: FUNCTION submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid, selfie_image_id uuid, expires_on date); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid, selfie_image_id uuid, expires_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.submit_verification_document(document_type app_public.document_type, front_image_id uuid, back_image_id uuid, selfie_image_id uuid, expires_on date) TO app_user;


--
-- Name: FUNCTION unblock_user(user_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.unblock_user(user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.unblock_user(user_id uuid) TO app_user;


--
-- Name: FUNCTION update_delivery_request(request_id uuid, details app_public.delivery_request_details); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_delivery_request(request_id uuid, details app_public.delivery_request_details) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_delivery_request(request_id uuid, details app_public.delivery_request_details) TO app_user;


--
-- Name: TABLE user_preferences; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_preferences TO app_user;


--
-- Name: COLUMN user_preferences.privacy; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(privacy) ON TABLE app_public.user_preferences TO app_user;


--
-- Name: COLUMN user_preferences.location; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(location) ON TABLE app_public.user_preferences TO app_user;


--
-- Name: FUNCTION update_preferences(privacy jsonb, location jsonb); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_preferences(privacy jsonb, location jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_preferences(privacy jsonb, location jsonb) TO app_user;


--
-- Name: FUNCTION update_profile(first_name text, last_name text, bio text, picture_id uuid, user_type app_public.user_type, date_of_birth date); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_profile(first_name text, last_name text, bio text, picture_id uuid, user_type app_public.user_type, date_of_birth date) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_profile(first_name text, last_name text, bio text, picture_id uuid, user_type app_public.user_type, date_of_birth date) TO app_user;


--
-- Name: FUNCTION update_review(review_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_review(review_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_review(review_id uuid, overall_rating integer, communication_rating integer, punctuality_rating integer, care_rating integer, accuracy_rating integer, comment text, is_anonymous boolean) TO app_user;


--
-- Name: FUNCTION update_trip(trip_id uuid, title text, description text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, origin_airport text, destination_address text, destination_point public.geography, destination_airport text, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, express_multiplier numeric, fragile_multiplier numeric, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_trip(trip_id uuid, title text, description text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, origin_airport text, destination_address text, destination_point public.geography, destination_airport text, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, express_multiplier numeric, fragile_multiplier numeric, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_trip(trip_id uuid, title text, description text, trip_type app_public.trip_type, origin_address text, origin_point public.geography, origin_airport text, destination_address text, destination_point public.geography, destination_airport text, departure_time timestamp with time zone, arrival_time timestamp with time zone, capacity_weight_kg numeric, capacity_volume_l numeric, capacity_items integer, base_price bigint, price_per_kg bigint, price_per_km bigint, express_multiplier numeric, fragile_multiplier numeric, no_fragile boolean, no_electronics boolean, max_item_value bigint, prohibited_categories text[], visibility app_public.trip_visibility, auto_accept boolean, auto_accept_price bigint, recurring_pattern jsonb) TO app_user;


--
-- Name: TABLE user_earnings; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_earnings TO app_user;


--
-- Name: TABLE user_statistics; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_statistics TO app_user;


--
-- Name: TABLE user_profiles; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_profiles TO app_user;


--
-- Name: FUNCTION user_profiles_earnings(profile app_public.user_profiles); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.user_profiles_earnings(profile app_public.user_profiles) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.user_profiles_earnings(profile app_public.user_profiles) TO app_user;


--
-- Name: FUNCTION user_reviews(user_id uuid); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.user_reviews(user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.user_reviews(user_id uuid) TO app_user;


--
-- Name: FUNCTION verify_email(token text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.verify_email(token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.verify_email(token text) TO app_anonymous;


--
-- Name: FUNCTION verify_two_factor_login(challenge text, code text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.verify_two_factor_login(challenge text, code text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.verify_two_factor_login(challenge text, code text) TO app_anonymous;


--
-- Name: FUNCTION withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.withdraw_offer(offer_id uuid, reason app_public.offer_withdraw_reason, note text) TO app_user;


--
-- Name: TABLE active_deliveries; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.active_deliveries TO app_user;


--
-- Name: TABLE delivery_analytics; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.delivery_analytics TO app_user;


--
-- Name: TABLE delivery_status_history; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.delivery_status_history TO app_user;


--
-- Name: TABLE delivery_transitions; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.delivery_transitions TO app_user;


--
-- Name: TABLE escrow_accounts; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.escrow_accounts TO app_user;


--
-- Name: TABLE offer_versions; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.offer_versions TO app_user;


--
-- Name: TABLE payment_intents; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.payment_intents TO app_user;


--
-- Name: TABLE payout_accounts; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.payout_accounts TO app_user;


--
-- Name: TABLE payouts; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.payouts TO app_user;


--
-- Name: TABLE refunds; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.refunds TO app_user;


--
-- Name: TABLE request_matches; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.request_matches TO app_user;


--
-- Name: TABLE route_popularity; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.route_popularity TO app_user;


--
-- Name: TABLE system_configuration; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.system_configuration TO app_anonymous;


--
-- Name: TABLE user_contacts; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.user_contacts TO app_user;


--
-- Name: COLUMN user_contacts.last_name; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(last_name) ON TABLE app_public.user_contacts TO app_user;


--
-- Name: COLUMN user_contacts.date_of_birth; Type: ACL; Schema: app_public; Owner: -
--

GRANT UPDATE(date_of_birth) ON TABLE app_public.user_contacts TO app_user;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE app_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- PostgreSQL database dump complete
--

\unrestrict app


-- Applied migrations
--   20261125060000
--   20261125060100
--   20261125060200
--   20261125070000
--   20261125070150
--   20261125070200
--   20261125081500
--   20261125083000
--   20261125090000
--   20261125090500
--   20261125091000
--   20261125092000
--   20261125093000
--   20261125094000
--   20261207100000
--   20261207100100
--   20261207100200
--   20261207110000
--   20261207110100
--   20261207110200
--   20261207130000
--   20261207130100
--   20261207140000
--   20261207140100
--   20261207140200
--   20261207160000
--   20261207160100
--   20261207170000
--   20261207170100
--   20261207170200
--   20261207180000
--   20261207190000
--   20261207200000
--   20261207220000
--   20261208100000
