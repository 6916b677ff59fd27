// Catalog lint (db/README.md, Rules): rules a reviewer would otherwise have to remember, checked against
// the migrated schema. Each rule is one query listing offending objects, so a failure names exactly what to fix,
// and each rule is proven to work by a probe: a violation created in a rolled-back transaction must be reported.
import test from "ava";
import type pg from "pg";
import { APP_SCHEMAS_LIKE, column, rolledBack, withClient } from "../helpers/catalog.ts";
import { useTestDatabase } from "../helpers/database.ts";

interface LintRule {
  /** What must hold; the test title. */
  rule: string;
  /** How to fix an offender, printed above the list. */
  fix: string;
  /** One row per offender, first column a description that names the object. */
  sql: string;
  /** Creates a violation (inside a transaction that is rolled back) … */
  probe: string;
  /** … which the rule must report in an offender containing this text. */
  caught: string;
}

const APP = `'${APP_SCHEMAS_LIKE}'`;

/** Roles the API acts as; app_authenticator too, since a grant to it would reach every request. */
const API_ROLES = "('app_anonymous', 'app_user', 'app_authenticator')";

/** Objects created by an extension belong to it, not to our migrations. */
const notExtensionMember = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_depend d
               where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;

const functionName = "format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))";

const rules: LintRule[] = [
  {
    rule: "every table in app_* has row-level security enabled and forced",
    fix: "Add `alter table … enable row level security; alter table … force row level security;` in a migration",
    sql: `
      select format('%I.%I (%s)', n.nspname, c.relname,
                    concat_ws(', ', case when not c.relrowsecurity then 'not enabled' end,
                                    case when not c.relforcerowsecurity then 'not forced' end))
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname like ${APP} and c.relkind in ('r', 'p') and not (c.relrowsecurity and c.relforcerowsecurity)
       order by 1`,
    probe: `create table app_public.lint_probe_rls (id int primary key);
            alter table app_public.lint_probe_rls enable row level security;`,
    caught: "app_public.lint_probe_rls (not forced)",
  },
  {
    rule: "every table in app_public and app_hidden has at least one policy",
    fix: "Write its policies in db/policies/<domain>/<table>.sql (tables meant to stay closed belong in app_private)",
    sql: `
      select format('%I.%I', n.nspname, c.relname)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('app_public', 'app_hidden') and c.relkind in ('r', 'p')
         and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
       order by 1`,
    probe: "create table app_hidden.lint_probe_policy (id int primary key);",
    caught: "app_hidden.lint_probe_policy",
  },
  {
    rule: "the API roles have no privilege in app_private (schema, tables, columns, sequences, functions)",
    fix: "Revoke it: app_private is reached only by server code as app_owner, or through a security definer function",
    sql: `
      with api_roles as (select rolname from pg_roles where rolname in ${API_ROLES}),
      objects as (
        select 'schema app_private' as object, r.rolname,
               has_schema_privilege(r.rolname, 'app_private', 'USAGE,CREATE') as allowed
          from api_roles r
        union all
        select format('%s %I.%I', case c.relkind when 'S' then 'sequence' else 'table' end, n.nspname, c.relname),
               r.rolname,
               case when c.relkind = 'S' then has_sequence_privilege(r.rolname, c.oid, 'USAGE,SELECT,UPDATE')
                    else has_table_privilege(r.rolname, c.oid,
                                             'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER')
                      or has_any_column_privilege(r.rolname, c.oid, 'SELECT,INSERT,UPDATE,REFERENCES') end
          from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join api_roles r
         where n.nspname = 'app_private' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
        union all
        select 'function ' || ${functionName}, r.rolname, has_function_privilege(r.rolname, p.oid, 'EXECUTE')
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace cross join api_roles r
         where n.nspname = 'app_private'
      )
      select format('%s: %s', rolname, object) from objects where allowed order by 1`,
    probe: `create table app_private.lint_probe_closed (id int primary key);
            grant select on app_private.lint_probe_closed to app_anonymous;`,
    // app_user inherits app_anonymous's grant: has_*_privilege reports what a role can actually do.
    caught: "app_user: table app_private.lint_probe_closed",
  },
  {
    rule: "every security definer function in app_* pins search_path, ending with pg_temp",
    fix: "Add `set search_path = pg_catalog, public, pg_temp` (pg_temp last, so temporary objects cannot shadow ours)",
    sql: `
      select ${functionName}
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname like ${APP} and p.prosecdef
         and not exists (select 1 from unnest(p.proconfig) s where s ~ '^search_path=.*\\mpg_temp"?$')
       order by 1`,
    probe: `create function app_public.lint_probe_definer() returns int
              language sql stable security definer as 'select 1';`,
    caught: "app_public.lint_probe_definer()",
  },
  {
    rule: "PUBLIC cannot execute any function in app_*",
    fix: "Create functions as app_owner (whose default privileges revoke PUBLIC execute), or " +
      "`revoke execute … from public`",
    sql: `
      select ${functionName}
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname like ${APP} and ${notExtensionMember("pg_proc", "p.oid")}
         -- a null ACL means the built-in default, which lets PUBLIC execute
         and (p.proacl is null
              or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
       order by 1`,
    // The superuser has no default privileges revoking PUBLIC execute, as a forgotten `set role` would show.
    probe: "create function app_hidden.lint_probe_public() returns int language sql immutable as 'select 1';",
    caught: "app_hidden.lint_probe_public()",
  },
  {
    rule: "every foreign key in app_* has an index whose leading columns are the key's columns",
    fix: "Add `create index … on <table> (<columns>)` in a migration (otherwise every delete or key update on " +
      "the parent scans the child)",
    sql: `
      select format('%I.%I (%s) [%I]', n.nspname, c.relname,
                    (select string_agg(quote_ident(a.attname), ', ' order by k.ord)
                       from unnest(con.conkey) with ordinality k(attnum, ord)
                       join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum),
                    con.conname)
        from pg_constraint con
        join pg_class c on c.oid = con.conrelid
        join pg_namespace n on n.oid = c.relnamespace
       where con.contype = 'f' and n.nspname like ${APP}
         and not exists (
           select 1 from pg_index i
            where i.indrelid = con.conrelid and i.indisvalid and i.indpred is null
              and cardinality(con.conkey) <= i.indnkeyatts
              -- indkey is 0-based; the first n key columns, in any order, must be the foreign key's columns
              and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) k)
                = (select array_agg(k order by k) from unnest(con.conkey) k))
       order by 1`,
    probe: `create table app_private.lint_probe_fk (id int primary key,
              user_id uuid constraint lint_probe_fk_user references app_public.users (id));
            create index on app_private.lint_probe_fk (id, user_id);`,
    caught: "app_private.lint_probe_fk (user_id) [lint_probe_fk_user]",
  },
  {
    rule: "no column-level SELECT grant to the API roles or PUBLIC",
    fix: "Grant select on the whole table and move secret columns to a 1:1 table in app_private (db/README.md)",
    sql: `
      select format('%I.%I.%I to %s', n.nspname, c.relname, a.attname,
                    case when x.grantee = 0 then 'PUBLIC' else x.grantee::regrole::text end)
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        cross join lateral aclexplode(a.attacl) x
       where n.nspname like ${APP} and x.privilege_type = 'SELECT'
         and (x.grantee = 0 or x.grantee in (select oid from pg_roles where rolname in ${API_ROLES}))
       order by 1`,
    probe: `create table app_public.lint_probe_columns (id int primary key, secret text);
            grant select (id) on app_public.lint_probe_columns to app_user;`,
    caught: "app_public.lint_probe_columns.id to app_user",
  },
  {
    rule: "every policy reads current_user_id() only as a sub-select",
    fix: "Write `(select app_public.current_user_id())`, which is evaluated once per statement instead of once per row",
    // pg_policies deparses `(select app_public.current_user_id())` as `( SELECT app_public.current_user_id() AS
    // current_user_id)`; once those are removed, no call may remain.
    sql: `
      select format('%I on %I.%I: %s', p.policyname, p.schemaname, p.tablename, e.expr)
        from pg_policies p cross join lateral (values (p.qual), (p.with_check)) e(expr)
       where p.schemaname like ${APP} and e.expr is not null
         and regexp_replace(e.expr,
               '\\(\\s*SELECT\\s+(app_public\\.)?current_user_id\\(\\)\\s+AS\\s+current_user_id\\s*\\)', '', 'gi')
             ~* 'current_user_id\\s*\\('
       order by 1`,
    probe: `create table app_public.lint_probe_initplan (id uuid primary key);
            create policy select_own on app_public.lint_probe_initplan for select to app_user
              using (id = app_public.current_user_id() or id = (select app_public.current_user_id()));`,
    caught: "select_own on app_public.lint_probe_initplan",
  },
  {
    rule: "every object in app_public has a comment (its GraphQL description)",
    fix: "Add `comment on …` (in the migration for tables, columns and types; beside the function for functions)",
    sql: `
      select format('%s %I.%I', case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                                when 'f' then 'foreign table' else 'table' end, n.nspname, c.relname)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'app_public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
         and obj_description(c.oid, 'pg_class') is null
      union all
      -- columns of tables and views, and attributes of composite types (fields of the types functions return)
      select format('column %I.%I.%I', n.nspname, c.relname, a.attname)
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'app_public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
         and a.attnum > 0 and not a.attisdropped and col_description(c.oid, a.attnum) is null
      union all
      select 'function ' || ${functionName}
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'app_public' and ${notExtensionMember("pg_proc", "p.oid")}
         and obj_description(p.oid, 'pg_proc') is null
      union all
      -- enums, domains, ranges and composite types; a table's row type is documented by the table
      select format('type %I.%I', n.nspname, t.typname)
        from pg_type t join pg_namespace n on n.oid = t.typnamespace
        left join pg_class c on c.oid = t.typrelid
       where n.nspname = 'app_public' and t.typtype in ('e', 'd', 'r', 'c') and coalesce(c.relkind, 'c') = 'c'
         and ${notExtensionMember("pg_type", "t.oid")}
         and obj_description(t.oid, 'pg_type') is null
       order by 1`,
    probe: `create type app_public.lint_probe_kind as enum ('a');
            comment on type app_public.lint_probe_kind is 'documented';
            create table app_public.lint_probe_comment (id int primary key);
            comment on table app_public.lint_probe_comment is 'documented, unlike its column';`,
    caught: "column app_public.lint_probe_comment.id",
  },
  {
    rule: "no table has several permissive policies for one command and one API role, unless each says why",
    fix: "Merge them into one policy, an OR of per-row or index conditions (db/README.md, Policies), or say in " +
      "`comment on policy … is '…'` (in the policy file) why each stays separate. Permissive policies are ORed " +
      "anyway, so separate ones only hide that the arms of that OR must each be an index condition",
    // A policy applies to the roles it names and to their members (app_user is an app_anonymous), and a policy for
    // all commands to each of them.
    sql: `
      with api_roles as (select oid, rolname from pg_roles where rolname in ('app_anonymous', 'app_user')),
      applicable as (
        select p.polrelid, p.polname, cmd, r.rolname, obj_description(p.oid, 'pg_policy') as why
          from pg_policy p
          join pg_class c on c.oid = p.polrelid
          join pg_namespace n on n.oid = c.relnamespace
          cross join api_roles r
          cross join lateral unnest(case when p.polcmd = '*' then array['select', 'insert', 'update', 'delete']
                                         else array[case p.polcmd when 'r' then 'select' when 'a' then 'insert'
                                                                  when 'w' then 'update' else 'delete' end] end) cmd
         where n.nspname like ${APP} and p.polpermissive
           and (0 = any (p.polroles) or exists (select 1 from unnest(p.polroles) pr where pg_has_role(r.oid, pr, 'MEMBER')))
      )
      select format('%s: %s as %s (%s)', polrelid::regclass, cmd, rolname, string_agg(polname, ', ' order by polname))
        from applicable
       group by polrelid, cmd, rolname
      having count(*) > 1 and bool_or(why is null)
       order by 1`,
    probe: `create table app_public.lint_probe_permissive (id uuid primary key);
            create policy select_own on app_public.lint_probe_permissive for select to app_user
              using (id = (select app_public.current_user_id()));
            create policy select_visible on app_public.lint_probe_permissive for select to app_anonymous using (true);`,
    caught: "app_public.lint_probe_permissive: select as app_user (select_own, select_visible)",
  },
  {
    rule: "every policy names its roles (none applies to PUBLIC)",
    fix: "Add `to app_anonymous` or `to app_user` to the policy",
    sql: `
      select format('%I on %I.%I', p.polname, n.nspname, c.relname)
        from pg_policy p
        join pg_class c on c.oid = p.polrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname like ${APP} and 0 = any (p.polroles)
       order by 1`,
    probe: `create table app_public.lint_probe_roles (id int primary key);
            create policy select_all on app_public.lint_probe_roles for select using (true);`,
    caught: "select_all on app_public.lint_probe_roles",
  },
  {
    rule: "every view the API roles can reach (app_public, app_hidden) is security_invoker",
    fix: "Create the view `with (security_invoker = true)` so that RLS applies to the caller; materialized views " +
      "cannot, so keep them out of these schemas",
    sql: `
      select format('%s %I.%I', case c.relkind when 'm' then 'materialized view' else 'view' end, n.nspname, c.relname)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('app_public', 'app_hidden') and c.relkind in ('v', 'm')
         and not (c.relkind = 'v' and exists (
           select 1 from pg_options_to_table(c.reloptions) o
            where o.option_name = 'security_invoker' and lower(o.option_value) in ('true', 'on', 'yes', '1')))
       order by 1`,
    probe: "create view app_public.lint_probe_view with (security_invoker = false) as select 1 as one;",
    caught: "view app_public.lint_probe_view",
  },
  {
    rule: "app_owner owns every object in app_*",
    fix: "Migrate as app_owner (DATABASE_URL), never as a superuser, or `alter … owner to app_owner` in a migration",
    sql: `
      with objects(kind, name, owner, oid, catalog) as (
        select 'schema', quote_ident(n.nspname), n.nspowner, n.oid, 'pg_namespace'::regclass
          from pg_namespace n where n.nspname like ${APP}
        union all
        select 'relation', format('%I.%I', n.nspname, c.relname), c.relowner, c.oid, 'pg_class'::regclass
          from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname like ${APP}
        union all
        select 'function', ${functionName}, p.proowner, p.oid, 'pg_proc'::regclass
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname like ${APP}
        union all
        select 'type', format('%I.%I', n.nspname, t.typname), t.typowner, t.oid, 'pg_type'::regclass
          from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname like ${APP}
        union all
        select 'operator', format('%I.%s', n.nspname, o.oprname), o.oprowner, o.oid, 'pg_operator'::regclass
          from pg_operator o join pg_namespace n on n.oid = o.oprnamespace where n.nspname like ${APP}
        union all
        select 'collation', format('%I.%I', n.nspname, l.collname), l.collowner, l.oid, 'pg_collation'::regclass
          from pg_collation l join pg_namespace n on n.oid = l.collnamespace where n.nspname like ${APP}
        union all
        select 'statistics', format('%I.%I', n.nspname, s.stxname), s.stxowner, s.oid, 'pg_statistic_ext'::regclass
          from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace where n.nspname like ${APP}
        union all
        select 'text search configuration', format('%I.%I', n.nspname, f.cfgname), f.cfgowner, f.oid,
               'pg_ts_config'::regclass
          from pg_ts_config f join pg_namespace n on n.oid = f.cfgnamespace where n.nspname like ${APP}
        union all
        select 'text search dictionary', format('%I.%I', n.nspname, d.dictname), d.dictowner, d.oid,
               'pg_ts_dict'::regclass
          from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace where n.nspname like ${APP}
      )
      select format('%s %s (owner %s)', o.kind, o.name, o.owner::regrole)
        from objects o
       where o.owner <> 'app_owner'::regrole
         and not exists (select 1 from pg_depend d where d.classid = o.catalog and d.objid = o.oid and d.deptype = 'e')
       order by 1`,
    probe: "create table app_private.lint_probe_owner (id int primary key);",
    caught: "relation app_private.lint_probe_owner (owner ",
  },
  {
    rule: "only app_hidden.require_session raises LOGIN (every other function calls one of the caller checks)",
    fix: "Replace the function's own `raise … using errcode = 'LOGIN'` with app_hidden.require_session(action), " +
      "require_not_suspended(action) or require_user(level, action) (db/functions/identity/caller_checks.sql)",
    sql: `
      select ${functionName}
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname like ${APP} and p.prosrc ~* $re$errcode\\s*=\\s*'LOGIN'$re$
         and (n.nspname, p.proname) <> ('app_hidden', 'require_session')
       order by 1`,
    probe: `create function app_public.lint_probe_login() returns void language plpgsql as $$
            begin raise exception 'Log in' using errcode = 'LOGIN'; end $$;`,
    caught: "app_public.lint_probe_login()",
  },
  {
    rule: "every constraint and unique index of a table in app_* has a client message (its comment) naming a column",
    fix: "Add `comment on constraint … on … is '<column> must …'` (or `comment on index` for a unique index) in a " +
      "migration: the server answers a violation with that message (server/errors.ts, db/README.md \"Validation\"); " +
      "name a column the constraint or index uses, as the client knows it",
    // CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY and EXCLUDE constraints, and unique indexes that back no constraint
    // (partial ones); leading @tag lines are PostGraphile's smart tags, not the message. NOT NULL needs none: its
    // message is "<column> is required".
    sql: `
      with rules(what, tbl, definition, comment) as (
        select format('constraint %s.%I', k.conrelid::regclass, k.conname), k.conrelid, pg_get_constraintdef(k.oid),
               obj_description(k.oid, 'pg_constraint')
          from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname like ${APP} and k.contype in ('c', 'u', 'p', 'f', 'x')
        union all
        select format('index %s', x.indexrelid::regclass), x.indrelid, pg_get_indexdef(x.indexrelid),
               obj_description(x.indexrelid, 'pg_class')
          from pg_index x join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname like ${APP} and x.indisunique
           and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
      ),
      messages as (
        select what, tbl, definition, btrim(regexp_replace(coalesce(comment, ''), '^(@[^\\n]*\\n)*', '')) as message
          from rules
      )
      select format('%s (%s)', m.what, case when m.message = '' then 'no message'
                                            else 'the message names none of its columns' end)
        from messages m
       where not exists (select 1 from pg_attribute a
                          where a.attrelid = m.tbl and a.attnum > 0 and not a.attisdropped
                            and m.definition ~ ('\\m' || a.attname || '\\M')
                            and m.message ~ ('\\m' || a.attname || '\\M'))
       order by 1`,
    probe: `create unique index lint_probe_unique on app_private.sessions (device_id);
            comment on index app_private.lint_probe_unique is 'a message that names no column';`,
    caught: "index app_private.lint_probe_unique (the message names none of its columns)",
  },
];

const db = useTestDatabase(test);

for (const lint of rules) {
  test(lint.rule, async (t) => {
    const offenders = await withClient(db.rootUrl, (client) => column(client, lint.sql));
    t.deepEqual(offenders, [], `${lint.fix}:\n  ${offenders.join("\n  ")}`);
  });

  // The lint itself must be honest: a query with a typo would pass forever on a clean schema.
  test(`lint self-check: ${lint.rule}`, async (t) => {
    const offenders = await withClient(db.rootUrl, (client) => rolledBack(client, async () => {
      await client.query(lint.probe);
      return column(client, lint.sql);
    }));
    t.true(offenders.some((o) => o.includes(lint.caught)),
      `the probe should be reported as "${lint.caught}"; the lint reported:\n  ${offenders.join("\n  ")}`);
  });
}

// ---- search_path: pinned, or proven not to need it ---------------------------------------------------------------
// A function that does not pin search_path resolves its unqualified names through the caller's: a schema or a
// temporary table placed ahead could redirect them. Every function in app_* pins it (`set search_path = pg_catalog,
// public, pg_temp`), except plain SQL helpers the planner must inline into policies, searches and matching (a SET
// clause stops inlining: db/README.md "Rules"). Those say why in their body (a `-- No search_path:` line, kept in the
// catalog) and must name everything outside pg_catalog with its schema, which is proven by creating them again under
// an empty search_path with body checks on: any name that only search_path could resolve fails to parse.

const UNPINNED_FUNCTIONS = `
  select p.oid, ${functionName} as name, l.lanname as language, p.prosrc as body
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
   where n.nspname like ${APP} and ${notExtensionMember("pg_proc", "p.oid")}
     and not exists (select 1 from unnest(p.proconfig) s where s like 'search_path=%')
   order by 2`;

const JUSTIFIED = /--\s*No search_path:/;

/** Why the function would resolve a name through search_path, or null when every name is qualified. */
async function unqualifiedName(client: pg.ClientBase, oid: number): Promise<string | null> {
  await client.query("savepoint qualification");
  try {
    await client.query("set local search_path = ''");
    await client.query("set local check_function_bodies = on");
    const { rows } = await client.query<{ definition: string }>("select pg_get_functiondef($1) as definition", [oid]);
    await client.query(rows[0]!.definition);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query("rollback to savepoint qualification");
  }
}

async function unpinnedOffenders(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ oid: number; name: string; language: string; body: string }>(UNPINNED_FUNCTIONS);
  const offenders: string[] = [];
  for (const f of rows) {
    if (f.language !== "sql") offenders.push(`${f.name}: ${f.language} is never inlined, so pin search_path`);
    else if (!JUSTIFIED.test(f.body)) offenders.push(`${f.name}: pin search_path, or say why not in a "-- No search_path:" line of its body`);
    else {
      const problem = await unqualifiedName(client, f.oid);
      if (problem) offenders.push(`${f.name}: a name resolves only through search_path (${problem})`);
    }
  }
  return offenders;
}

const SEARCH_PATH_RULE = "every function in app_* pins search_path, or is an inlined SQL helper that says why and qualifies every name";

test(SEARCH_PATH_RULE, async (t) => {
  const offenders = await withClient(db.rootUrl, (client) => rolledBack(client, () => unpinnedOffenders(client)));
  t.deepEqual(offenders, [], `Add \`set search_path = pg_catalog, public, pg_temp\`, or qualify the names:\n  ${offenders.join("\n  ")}`);
});

test(`lint self-check: ${SEARCH_PATH_RULE}`, async (t) => {
  const offenders = await withClient(db.rootUrl, (client) => rolledBack(client, async () => {
    await client.query(`create function app_hidden.lint_probe_unjustified() returns int language sql stable
                          as 'select 1'`);
    await client.query(`create function app_hidden.lint_probe_unqualified() returns int language sql stable as $$
                          -- No search_path: a probe
                          select st_srid(null::public.geometry) $$`);
    await client.query(`create function app_hidden.lint_probe_plpgsql() returns int language plpgsql stable
                          as 'begin return 1; end'`);
    return unpinnedOffenders(client);
  }));
  for (const probe of ["lint_probe_unjustified()", "lint_probe_unqualified()", "lint_probe_plpgsql()"]) {
    t.true(offenders.some((o) => o.startsWith(`app_hidden.${probe}`)), `${probe} should be reported:\n  ${offenders.join("\n  ")}`);
  }
});
