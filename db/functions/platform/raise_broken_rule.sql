-- The one translation of a broken table rule into the client's terms (db/README.md "Validation"). Rules that never
-- change are CHECK constraints whose comment is the message, naming the field; functions that write user input wrap
-- the write and hand the violation here:
--
--   exception when check_violation or not_null_violation then
--     get stacked diagnostics v_table = table_name, v_constraint = constraint_name, v_column = column_name;
--     perform app_hidden.raise_broken_rule('app_public.trips', sqlstate, v_table, v_constraint, v_column);
--
-- It raises INVAL with the constraint's comment (a missing required value: "<column> is required"). A violation on
-- another table than the one written, or of a constraint without a comment, is not the client's input: it keeps
-- PostgreSQL's code, without PostgreSQL's message, which names tables and constraints.
create or replace function app_hidden.raise_broken_rule(
  written regclass,
  error_code text,
  table_name text,
  constraint_name text,
  column_name text
)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_message text;
begin
  if raise_broken_rule.table_name is distinct from
     (select c.relname::text from pg_class c where c.oid = raise_broken_rule.written) then
    raise exception 'A value breaks a rule of the data' using errcode = raise_broken_rule.error_code;
  end if;
  if raise_broken_rule.error_code = '23502' then
    raise exception '% is required', raise_broken_rule.column_name using errcode = 'INVAL';
  end if;
  select obj_description(k.oid, 'pg_constraint') into v_message
    from pg_constraint k
   where k.conrelid = raise_broken_rule.written and k.conname = raise_broken_rule.constraint_name;
  if v_message is null then
    raise exception 'A value breaks a rule of the data' using errcode = raise_broken_rule.error_code;
  end if;
  raise exception '%', v_message using errcode = 'INVAL';
end;
$$;
comment on function app_hidden.raise_broken_rule(regclass, text, text, text, text) is
  'Raises INVAL with the message (comment) of the CHECK broken on the written table, or "<column> is required"; other violations keep their code.';
