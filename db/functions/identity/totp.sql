-- TOTP (RFC 6238 over RFC 4226's HOTP) with pgcrypto's hmac(): HMAC-SHA-1 of the 8-byte big-endian step, dynamic
-- truncation, the last `digits` decimal digits.
create or replace function app_private.totp_code(secret bytea, step bigint, digits integer default 6)
returns text
language plpgsql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
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
comment on function app_private.totp_code(bytea, bigint, integer) is 'RFC 6238 TOTP code (HMAC-SHA-1) of a secret for a 30-second step.';

-- RFC 4648 base32 (no padding), the form authenticator apps take secrets in.
create or replace function app_private.base32_encode(data bytea)
returns text
language plpgsql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
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
comment on function app_private.base32_encode(bytea) is 'RFC 4648 base32 of bytes, without padding.';

-- Percent-encoding of everything but RFC 3986's unreserved characters (for otpauth:// labels).
create or replace function app_private.uri_encode(value text)
returns text
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce(string_agg(case when chr(b) ~ '[A-Za-z0-9._~-]' then chr(b) else '%' || upper(lpad(to_hex(b), 2, '0')) end,
                             '' order by i), '')
    from (select i, get_byte(convert_to(uri_encode.value, 'UTF8'), i) as b
            from generate_series(0, octet_length(convert_to(uri_encode.value, 'UTF8')) - 1) as i) as bytes;
$$;
comment on function app_private.uri_encode(text) is 'Percent-encodes a string for a URI component.';
