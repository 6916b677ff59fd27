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
-- Name: email_status; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.email_status AS ENUM (
    'queued',
    'sent',
    'failed'
);


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
-- Name: admin_role_permissions(app_public.admin_role); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.admin_role_permissions(role app_public.admin_role) RETURNS text[]
    LANGUAGE sql IMMUTABLE
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
-- Name: current_session_id(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.current_session_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $_$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
    from (select pg_catalog.current_setting('jwt.claims.session_id', true) as s) as claim;
$_$;


--
-- Name: FUNCTION current_session_id(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_session_id() IS 'Session id claim of the current request, or NULL.';


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
     where a.user_id = app_public.current_user_id() and a.is_active
  ), false);
$$;


--
-- Name: FUNCTION current_user_has_permission(permission text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.current_user_has_permission(permission text) IS 'Whether the signed-in user is an active admin holding the permission.';


--
-- Name: display_name(text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.display_name(first_name text, last_name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
  select display_name.first_name || coalesce(' ' || upper(left(display_name.last_name, 1)) || '.', '');
$$;


--
-- Name: FUNCTION display_name(first_name text, last_name text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.display_name(first_name text, last_name text) IS 'Public name: first name and last initial.';


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
-- Name: tg_users__display_name(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.tg_users__display_name() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  NEW.display_name := app_hidden.display_name(NEW.first_name,
    (select c.last_name from app_public.user_contacts c where c.user_id = NEW.id));
  return NEW;
end;
$$;


--
-- Name: FUNCTION tg_users__display_name(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.tg_users__display_name() IS 'Derives users.display_name on insert and name changes.';


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
-- Name: create_session(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_session(user_id uuid) RETURNS app_public.jwt_token
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_session app_private.sessions;
begin
  insert into app_private.sessions (user_id, expires_at)
  values (create_session.user_id,
          now() + make_interval(days => (app_hidden.config_value('auth.refresh_token_days'))::int))
  returning * into v_session;
  return row(
    'app_user',
    v_session.id,
    floor(extract(epoch from least(v_session.expires_at,
      now() + make_interval(mins => (app_hidden.config_value('auth.access_token_minutes'))::int))))::bigint
  )::app_public.jwt_token;
end;
$$;


--
-- Name: FUNCTION create_session(user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.create_session(user_id uuid) IS 'Starts a device session for the user and returns its token claims.';


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
-- Name: prune_sessions(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_sessions() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  with pruned as (
    delete from app_private.sessions s
     where least(s.revoked_at, s.expires_at)
           < now() - make_interval(days => (app_hidden.config_value('retention.sessions_days'))::int)
    returning 1
  )
  select count(*)::integer from pruned;
$$;


--
-- Name: FUNCTION prune_sessions(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.prune_sessions() IS 'Deletes sessions that ended longer ago than the retention period.';


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


SET default_tablespace = '';

SET default_table_access_method = heap;

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
-- Name: current_user(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public."current_user"() RETURNS app_public.users
    LANGUAGE sql STABLE
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
-- Name: login(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.login(email text, password text) RETURNS app_public.jwt_token
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user_id uuid;
  v_hash text;
begin
  select c.user_id, s.password_hash into v_user_id, v_hash
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
    join app_private.user_secrets s on s.user_id = c.user_id
   where c.email = trim(login.email)::citext
     and u.status in ('pending', 'active');
  -- An unknown email still costs one bcrypt, so timing does not reveal which emails exist.
  if public.crypt(login.password, coalesce(v_hash, app_private.hash_password(login.password))) is distinct from v_hash then
    return null;
  end if;
  return app_private.create_session(v_user_id);
end;
$$;


--
-- Name: FUNCTION login(email text, password text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.login(email text, password text) IS '@resultFieldName jwtToken
Signs in with email and password and returns an access token, or null when they do not match.';


--
-- Name: logout(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.logout() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if app_public.current_user_id() is null then
    raise exception 'Log in first' using errcode = 'LOGIN';
  end if;
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
-- Name: register(text, text, text, text, app_public.user_type); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type DEFAULT 'customer'::app_public.user_type) RETURNS app_public.jwt_token
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_email text := trim(register.email);
  v_first_name text := trim(register.first_name);
  v_last_name text := nullif(trim(register.last_name), '');
  v_user app_public.users;
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
  perform app_hidden.assert_password_policy(register.password, v_email, array[v_first_name, v_last_name]);
  if exists (select 1 from app_public.user_contacts c where c.email = v_email::citext) then
    raise exception 'An account with this email already exists' using errcode = '23505';
  end if;

  insert into app_public.users (first_name, display_name, user_type)
  values (v_first_name, v_first_name, coalesce(register.user_type, 'customer'))
  returning * into v_user;
  insert into app_public.user_contacts (user_id, email, last_name) values (v_user.id, v_email, v_last_name);
  insert into app_private.user_secrets (user_id, password_hash)
  values (v_user.id, app_private.hash_password(register.password));
  insert into app_private.emails (user_id, recipient, subject, body)
  values (v_user.id, v_email, 'Welcome to P2P Delivery',
          format(E'Hello %s,\n\nyour account is ready. Post a delivery request or a trip to get started.\n', v_first_name));

  return app_private.create_session(v_user.id);
end;
$_$;


--
-- Name: FUNCTION register(email text, password text, first_name text, last_name text, user_type app_public.user_type); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type) IS '@resultFieldName jwtToken
Creates an account and signs it in. Errors: INVAL (bad email or name), WEAKP (password policy), 23505 (email taken), DNIED (registration closed).';


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
-- Name: sessions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_active_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);

ALTER TABLE ONLY app_private.sessions FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.sessions IS 'Device sessions: an access JWT carries a session id that is valid only while its row is live.';


--
-- Name: user_secrets; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_secrets (
    user_id uuid NOT NULL,
    password_hash text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app_private.user_secrets FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE user_secrets; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.user_secrets IS 'bcrypt password hash of each user (1:1).';


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
    CONSTRAINT system_configuration_category_check CHECK ((category ~ '^[a-z_]+$'::text)),
    CONSTRAINT system_configuration_key_check CHECK ((key ~ '^[a-z_0-9]+$'::text))
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
-- Name: user_contacts; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.user_contacts (
    user_id uuid NOT NULL,
    email public.citext NOT NULL,
    email_verified_at timestamp with time zone,
    last_name text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_contacts_email_check CHECK (((length((email)::text) <= 254) AND (email OPERATOR(public.~) '^[^@\s]+@[^@\s]+\.[^@\s]+$'::public.citext))),
    CONSTRAINT user_contacts_last_name_check CHECK (((length(last_name) >= 1) AND (length(last_name) <= 100)))
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
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);


--
-- Name: admin_users admin_users_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.admin_users
    ADD CONSTRAINT admin_users_pkey PRIMARY KEY (user_id);


--
-- Name: emails emails_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.emails
    ADD CONSTRAINT emails_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: user_secrets user_secrets_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_pkey PRIMARY KEY (user_id);


--
-- Name: system_configuration system_configuration_category_key_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.system_configuration
    ADD CONSTRAINT system_configuration_category_key_key UNIQUE (category, key);


--
-- Name: system_configuration system_configuration_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.system_configuration
    ADD CONSTRAINT system_configuration_pkey PRIMARY KEY (id);


--
-- Name: user_contacts user_contacts_email_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_email_key UNIQUE (email);


--
-- Name: user_contacts user_contacts_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_pkey PRIMARY KEY (user_id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: emails_queued_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX emails_queued_idx ON app_private.emails USING btree (created_at) WHERE (status = 'queued'::app_private.email_status);


--
-- Name: emails_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX emails_user_id_idx ON app_private.emails USING btree (user_id);


--
-- Name: sessions_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_user_id_idx ON app_private.sessions USING btree (user_id);


--
-- Name: emails _900_enqueue_send; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _900_enqueue_send AFTER INSERT ON app_private.emails FOR EACH ROW WHEN ((new.status = 'queued'::app_private.email_status)) EXECUTE FUNCTION app_private.tg_emails__enqueue_send();


--
-- Name: system_configuration _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.system_configuration FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: user_contacts _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: users _100_timestamps; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_timestamps BEFORE UPDATE ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg__set_updated_at();


--
-- Name: users _200_display_name; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_display_name BEFORE INSERT OR UPDATE OF first_name, display_name ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_users__display_name();


--
-- Name: user_contacts _500_display_name; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _500_display_name AFTER INSERT OR UPDATE OF last_name ON app_public.user_contacts FOR EACH ROW EXECUTE FUNCTION app_hidden.tg_user_contacts__display_name();


--
-- Name: admin_users admin_users_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.admin_users
    ADD CONSTRAINT admin_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: emails emails_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.emails
    ADD CONSTRAINT emails_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE SET NULL;


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: user_secrets user_secrets_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: user_contacts user_contacts_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.user_contacts
    ADD CONSTRAINT user_contacts_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;


--
-- Name: admin_users; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.admin_users ENABLE ROW LEVEL SECURITY;

--
-- Name: emails; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.emails ENABLE ROW LEVEL SECURITY;

--
-- Name: sessions; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: user_secrets; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_secrets ENABLE ROW LEVEL SECURITY;

--
-- Name: system_configuration select_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_admin ON app_public.system_configuration FOR SELECT TO app_user USING (( SELECT app_hidden.current_user_has_permission('system.read'::text) AS current_user_has_permission));


--
-- Name: user_contacts select_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_admin ON app_public.user_contacts FOR SELECT TO app_user USING (( SELECT app_hidden.current_user_has_permission('users.read'::text) AS current_user_has_permission));


--
-- Name: users select_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_admin ON app_public.users FOR SELECT TO app_user USING (( SELECT app_hidden.current_user_has_permission('users.read'::text) AS current_user_has_permission));


--
-- Name: user_contacts select_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_own ON app_public.user_contacts FOR SELECT TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: system_configuration select_public; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_public ON app_public.system_configuration FOR SELECT TO app_anonymous USING (is_public);


--
-- Name: users select_visible; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY select_visible ON app_public.users FOR SELECT TO app_user USING (((status = 'active'::app_public.user_status) OR (id = ( SELECT app_public.current_user_id() AS current_user_id))));


--
-- Name: system_configuration; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.system_configuration ENABLE ROW LEVEL SECURITY;

--
-- Name: user_contacts update_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_own ON app_public.user_contacts FOR UPDATE TO app_user USING ((user_id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: users update_self; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY update_self ON app_public.users FOR UPDATE TO app_user USING ((id = ( SELECT app_public.current_user_id() AS current_user_id)));


--
-- Name: user_contacts; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.user_contacts ENABLE ROW LEVEL SECURITY;

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
-- Name: FUNCTION admin_role_permissions(role app_public.admin_role); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.admin_role_permissions(role app_public.admin_role) FROM PUBLIC;


--
-- Name: FUNCTION assert_password_policy(password text, email text, names text[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.assert_password_policy(password text, email text, names text[]) TO app_anonymous;


--
-- Name: FUNCTION config_value(setting text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.config_value(setting text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.config_value(setting text) TO app_anonymous;


--
-- Name: FUNCTION current_ip(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_ip() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_ip() TO app_anonymous;


--
-- Name: FUNCTION current_session_id(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_session_id() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_session_id() TO app_anonymous;


--
-- Name: FUNCTION current_user_has_permission(permission text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.current_user_has_permission(permission text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.current_user_has_permission(permission text) TO app_anonymous;


--
-- Name: FUNCTION display_name(first_name text, last_name text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.display_name(first_name text, last_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.display_name(first_name text, last_name text) TO app_anonymous;


--
-- Name: FUNCTION tg__set_updated_at(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg__set_updated_at() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg__set_updated_at() TO app_anonymous;


--
-- Name: FUNCTION tg_user_contacts__display_name(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_user_contacts__display_name() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_user_contacts__display_name() TO app_anonymous;


--
-- Name: FUNCTION tg_users__display_name(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.tg_users__display_name() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.tg_users__display_name() TO app_anonymous;


--
-- Name: FUNCTION check_password(user_id uuid, password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_password(user_id uuid, password text) FROM PUBLIC;


--
-- Name: FUNCTION create_session(user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_session(user_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION hash_password(password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.hash_password(password text) FROM PUBLIC;


--
-- Name: FUNCTION prune_sessions(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_sessions() FROM PUBLIC;


--
-- Name: FUNCTION record_email_attempt(email_id uuid, error text, final_attempt boolean); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_email_attempt(email_id uuid, error text, final_attempt boolean) FROM PUBLIC;


--
-- Name: FUNCTION revoke_user_sessions(user_id uuid, except_session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.revoke_user_sessions(user_id uuid, except_session_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION tg_emails__enqueue_send(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tg_emails__enqueue_send() FROM PUBLIC;


--
-- Name: FUNCTION touch_session(session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.touch_session(session_id uuid) FROM PUBLIC;


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
-- Name: FUNCTION login(email text, password text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.login(email text, password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.login(email text, password text) TO app_anonymous;


--
-- Name: FUNCTION logout(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.logout() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.logout() TO app_anonymous;


--
-- Name: FUNCTION register(email text, password text, first_name text, last_name text, user_type app_public.user_type); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.register(email text, password text, first_name text, last_name text, user_type app_public.user_type) TO app_anonymous;


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
