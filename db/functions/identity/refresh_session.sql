-- Exchanges a refresh token for a new access token and a new refresh token (rotation). The old token's hash is
-- kept: presenting it again means it leaked, so its device session is revoked. Every refusal answers null without
-- raising, so that revocation commits; the answer does not say why.
create or replace function app_public.refresh_session(refresh_token text)
returns app_public.auth_result
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
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
$$;
comment on function app_public.refresh_session(text) is E'@resultFieldName authResult\nExchanges a refresh token for a new access token and a new refresh token; the old one stops working. Null when the token is unknown, expired, revoked or already used — and reusing an already exchanged token ends that device session.';
grant execute on function app_public.refresh_session(text) to app_anonymous;
