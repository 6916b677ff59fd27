-- Password policy of docs/identity.md: length bounds, four character classes, and not containing the
-- email's local part or the user's names.
create or replace function app_hidden.assert_password_policy(password text, email text, names text[])
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
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
comment on function app_hidden.assert_password_policy(text, text, text[]) is 'Raises WEAKP when a password breaks the policy.';
grant execute on function app_hidden.assert_password_policy(text, text, text[]) to app_anonymous;
