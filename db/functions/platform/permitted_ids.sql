-- The admin arm of a policy whose other arms are index conditions (db/README.md, Policies). Written as
--   or (select app_hidden.current_user_has_permission('deliveries.read'))
-- a bare boolean in an OR is no index condition, so the planner cannot serve "my rows" from the indexes of the other
-- arms and scans the whole table for every user. Written instead as a range of an indexed uuid column,
--   or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
--                  and (select app_hidden.permitted_ids_to('deliveries.read'))
--       and length(id::text) = 36)
-- every arm is an index condition (the plan is a BitmapOr of index scans), and the range is empty (null bounds) for
-- everyone without the permission, the whole uuid space for a holder. Each bound is evaluated once per statement.
-- `length(id::text) = 36` holds for every uuid; it is there for the planner, which cannot see the bounds when it plans
-- and prices the range at 0.5 % of the table. At that price a user's listing in key order (a connection's default)
-- looks cheaper as a walk along the key index, expecting one row in two hundred to be theirs, than as the BitmapOr of
-- their own rows; for a user with few rows the walk reads most of the table. The clause, opaque to the planner, is
-- priced at 0.5 % too, which brings the range down to what a non-admin sees: next to nothing. It costs admins nothing
-- but the price of a string per row read.
create or replace function app_hidden.permitted_ids_from(variadic permissions text[])
returns uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case when exists (select 1 from unnest(permitted_ids_from.permissions) p
                            where app_hidden.current_user_has_permission(p))
              then '00000000-0000-0000-0000-000000000000'::uuid end;
$$;
comment on function app_hidden.permitted_ids_from(text[]) is 'The lowest uuid for a holder of one of the permissions, null for anyone else (policies'' admin arms).';
grant execute on function app_hidden.permitted_ids_from(text[]) to app_anonymous;

create or replace function app_hidden.permitted_ids_to(variadic permissions text[])
returns uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case when exists (select 1 from unnest(permitted_ids_to.permissions) p
                            where app_hidden.current_user_has_permission(p))
              then 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid end;
$$;
comment on function app_hidden.permitted_ids_to(text[]) is 'The highest uuid for a holder of one of the permissions, null for anyone else (policies'' admin arms).';
grant execute on function app_hidden.permitted_ids_to(text[]) to app_anonymous;
