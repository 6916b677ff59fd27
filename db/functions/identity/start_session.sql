-- Opens a device session: a refresh token (32 random bytes, returned once, stored as SHA-256) and the claims
-- PostGraphile signs into an access JWT. A user keeps at most auth.max_active_sessions live sessions: the least
-- recently active ones beyond that are revoked. Callers serialise per user (login locks the user's secrets row).
create or replace function app_private.start_session(
  user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text)
returns app_public.auth_result
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
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
comment on function app_private.start_session(uuid, text, app_public.device_type, app_public.platform, text) is 'Starts a device session (evicting the least recently active beyond the limit) and returns its tokens.';

-- Access token claims of a session: 30 minutes (auth.access_token_minutes), never beyond the session's end.
create or replace function app_private.session_claims(session_id uuid, expires_at timestamptz)
returns app_public.jwt_token
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select row(
    'app_user',
    session_claims.session_id,
    floor(extract(epoch from least(session_claims.expires_at,
      now() + make_interval(mins => (app_hidden.config_value('auth.access_token_minutes'))::int))))::bigint
  )::app_public.jwt_token;
$$;
comment on function app_private.session_claims(uuid, timestamptz) is 'Access token claims for a session.';
