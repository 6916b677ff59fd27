-- Called by the SMS task: mints (or, on a retried send, re-mints) the code of a live request. Returns the number
-- and the code, or no row when the request was used or voided meanwhile.
create or replace function app_private.issue_phone_code(code_id uuid)
returns table (phone_number text, code text)
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
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
comment on function app_private.issue_phone_code(uuid) is 'Creates the code of a phone verification request (bcrypt hash stored) and returns it once with the number.';
