-- Editing templates (docs/notifications.md "Templates"): an admin holding notifications.send, in a two-factor
-- session, creates a template or replaces its category-free settings (variables, status) and the text of one locale.
-- Every edit bumps the template's version once (the triggers of notification_rules.sql) and writes one audit entry.
--
-- Templates are data that admins edit while SQL keeps calling them, so an edit must not break a caller or a send:
-- - every {{…}} of a body, in every locale (the one edited, and the others against the new variables), is a declared
--   variable or an if/unless/each/else block of one, balanced (what the renderer,
--   workers/notifications/render.ts, compiles in strict mode); inside an each block, plain names are the item's
--   fields (the renderer's strict mode fails a missing one); triple braces and partials, which would print
--   unescaped HTML or reach beyond the template, are refused;
-- - an existing template keeps its category (preferences and past rows are filed under it) and gains no required
--   variable (its callers do not pass it: notify would fail their transaction); a security template stays active,
--   and one that mints a secret keeps {{token}} in its email;
-- - a new template starts with its English text (the fallback of every locale).
-- The shape rules (locale format, a channel's parts together, SMS length) are the tables' CHECKs.

-- The first problem of a body for the renderer, or null: a {{…}} that is not a declared variable (or, inside each, a
-- field of the item), nor an if/unless/each/else of one, or blocks that do not nest.
create or replace function app_hidden.template_body_problem(source text, declared text[])
returns text
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  -- Names Handlebars resolves to its built-in helpers before any variable: {{log}} would print nothing.
  c_helpers constant text[] := array['if', 'unless', 'each', 'with', 'lookup', 'log', 'else', 'this'];
  v_token text;
  v_parts text[];
  v_open text[] := '{}';
  v_else boolean[] := '{}';
begin
  if template_body_problem.source is null then
    return null;
  end if;
  -- Three braces open or close an unescaped output in Handlebars, wherever they stand ({{a}}} too).
  if template_body_problem.source ~ '\{\{\{|\}\}\}' then
    return 'triple braces are not allowed (they would print unescaped HTML)';
  end if;
  for v_token in select m[1] from regexp_matches(template_body_problem.source, '\{\{([^}]*)\}\}', 'g') m loop
    v_parts := regexp_match(v_token, '^\s*(?:(#)(if|unless|each)\s+([a-z_][a-z0-9_]*)|(/)(if|unless|each)|(else)|([a-z_][a-z0-9_]*))\s*$');
    if v_parts is null then
      return format('{{%s}} is not a variable nor an if/unless/each/else block', v_token);
    elsif coalesce(v_parts[3], v_parts[7]) = any (c_helpers) then
      return format('{{%s}} names a Handlebars helper, not a variable', v_token);
    elsif v_parts[1] is not null then
      if not (v_parts[3] = any (template_body_problem.declared) or 'each' = any (v_open)) then
        return format('{{%s}} uses %s, which is not a declared variable', v_token, v_parts[3]);
      end if;
      v_open := v_open || v_parts[2];
      v_else := v_else || false;
    elsif v_parts[4] is not null then
      if cardinality(v_open) = 0 or v_open[cardinality(v_open)] <> v_parts[5] then
        return format('{{%s}} closes no open block', v_token);
      end if;
      v_open := v_open[1:cardinality(v_open) - 1];
      v_else := v_else[1:cardinality(v_else) - 1];
    elsif v_parts[6] is not null then
      if cardinality(v_open) = 0 then
        return '{{else}} is outside an if/unless block';
      elsif v_else[cardinality(v_else)] then
        return format('{{else}} appears twice in one {{#%s}} block', v_open[cardinality(v_open)]);
      end if;
      v_else[cardinality(v_else)] := true;
    elsif not (v_parts[7] = any (template_body_problem.declared) or 'each' = any (v_open)) then
      return format('{{%s}} is not a declared variable', v_parts[7]);
    end if;
  end loop;
  if cardinality(v_open) > 0 then
    return format('{{#%s}} is never closed', v_open[cardinality(v_open)]);
  end if;
  if regexp_replace(template_body_problem.source, '\{\{([^}]*)\}\}', '', 'g') ~ '\{\{|\}\}' then
    return 'a {{ or }} is unmatched';
  end if;
  return null;
end;
$$;
comment on function app_hidden.template_body_problem(text, text[]) is
  'What the renderer would refuse in a template body (undeclared variable, unknown tag, unbalanced block); null when none.';

create or replace function app_public.upsert_notification_template(
  name text,
  category app_public.notification_category,
  variables jsonb,
  locale text,
  status app_public.template_status default 'active',
  push_title text default null,
  push_body text default null,
  email_subject text default null,
  email_text text default null,
  email_html text default null,
  sms_body text default null,
  in_app_title text default null,
  in_app_body text default null
)
returns app_public.notification_templates
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'edit notification templates');
  v_old app_public.notification_templates;
  v_template app_public.notification_templates;
  v_declared text[];
  v_field text;
  v_problem text;
  v_new_required text;
  v_unknown_label text;
begin
  if upsert_notification_template.category is null then
    raise exception 'category is required' using errcode = 'INVAL';
  end if;
  if upsert_notification_template.locale is null then
    raise exception 'locale is required' using errcode = 'INVAL';
  end if;
  if jsonb_typeof(upsert_notification_template.variables) is distinct from 'array'
     or (select count(distinct v ->> 'name') <> count(*) or bool_or(v ->> 'name' !~ '^[a-z_][a-z0-9_]{0,63}$')
           from jsonb_array_elements(upsert_notification_template.variables) v
          where jsonb_typeof(v) = 'object') then
    raise exception 'variables must be an array of {"name": text, "required": boolean} with distinct lowercase names'
      using errcode = 'INVAL';
  end if;
  -- Two admins creating the same new name at once: the second waits here and then edits what the first made, with
  -- the checks of an edit (a row lock cannot wait for a row that does not exist yet).
  perform pg_advisory_xact_lock(hashtextextended('upsert_notification_template:' || upsert_notification_template.name, 0));
  select * into v_old from app_public.notification_templates t where t.name = upsert_notification_template.name for update;
  select v ->> 'label' into v_unknown_label from jsonb_array_elements(upsert_notification_template.variables) v
   where v ? 'label' and not exists (select 1 from app_private.notification_labels l where l.kind = v ->> 'label')
   limit 1;
  if v_unknown_label is not null then
    raise exception 'variables: label % names no enum with labels', v_unknown_label using errcode = 'INVAL';
  end if;

  if v_old.id is null then
    if upsert_notification_template.locale <> 'en' then
      raise exception 'locale: a new template starts with its English text (en)' using errcode = 'INVAL';
    end if;
  else
    if v_old.category <> upsert_notification_template.category then
      raise exception 'category of an existing template cannot change (it is %)', v_old.category using errcode = 'INVAL';
    end if;
    select min(v ->> 'name') into v_new_required
      from jsonb_array_elements(upsert_notification_template.variables) v
     where (v -> 'required') = 'true'
       and not exists (select 1 from jsonb_array_elements(v_old.variables) o
                        where o ->> 'name' = v ->> 'name' and (o -> 'required') = 'true');
    if v_new_required is not null then
      raise exception 'variables: % cannot become required (the template''s callers do not pass it)', v_new_required
        using errcode = 'INVAL';
    end if;
  end if;
  if upsert_notification_template.category = 'security' and upsert_notification_template.status <> 'active' then
    raise exception 'status: a security template stays active (security messages cannot be switched off)'
      using errcode = 'INVAL';
  end if;

  -- first_name is every recipient's (notify adds it); token is minted by the sending task of a secret template.
  v_declared := array(select v ->> 'name' from jsonb_array_elements(upsert_notification_template.variables) v);
  foreach v_field in array array['push_title', 'push_body', 'email_subject', 'email_text', 'email_html', 'sms_body',
                                 'in_app_title', 'in_app_body'] loop
    v_problem := app_hidden.template_body_problem(
      case v_field when 'push_title' then upsert_notification_template.push_title
                   when 'push_body' then upsert_notification_template.push_body
                   when 'email_subject' then upsert_notification_template.email_subject
                   when 'email_text' then upsert_notification_template.email_text
                   when 'email_html' then upsert_notification_template.email_html
                   when 'sms_body' then upsert_notification_template.sms_body
                   when 'in_app_title' then upsert_notification_template.in_app_title
                   else upsert_notification_template.in_app_body end,
      v_declared);
    if v_problem is not null then
      raise exception '%: %', v_field, v_problem using errcode = 'INVAL';
    end if;
  end loop;
  -- The template's other locales must still render with the new variables.
  select format('variables: the %s text would no longer render (%s: %s)', b.locale, f.field, f.problem)
    into v_problem
    from app_public.notification_template_bodies b
    cross join lateral (values ('push_title', b.push_title), ('push_body', b.push_body), ('email_subject', b.email_subject),
                               ('email_text', b.email_text), ('email_html', b.email_html), ('sms_body', b.sms_body),
                               ('in_app_title', b.in_app_title), ('in_app_body', b.in_app_body)) f0 (field, source)
    cross join lateral (select f0.field, app_hidden.template_body_problem(f0.source, v_declared) as problem) f
   where b.template_id = v_old.id and b.locale <> upsert_notification_template.locale and f.problem is not null
   order by b.locale, f.field
   limit 1;
  if v_problem is not null then
    raise exception '%', v_problem using errcode = 'INVAL';
  end if;
  if coalesce(v_old.secret, 'none') <> 'none'
     and not (coalesce(upsert_notification_template.email_text, '') ~ '\{\{\s*token\s*\}\}'
              and coalesce(upsert_notification_template.email_html, '') ~ '\{\{\s*token\s*\}\}') then
    raise exception 'email_text and email_html must carry {{token}}: this template''s email sends a single-use link'
      using errcode = 'INVAL';
  end if;

  insert into app_public.notification_templates as t (name, category, status, variables)
  values (upsert_notification_template.name, upsert_notification_template.category, upsert_notification_template.status,
          upsert_notification_template.variables)
  on conflict on constraint notification_templates_name_key do update set status = excluded.status, variables = excluded.variables
  returning * into v_template;
  insert into app_public.notification_template_bodies as b (template_id, locale, push_title, push_body, email_subject,
                                                             email_text, email_html, sms_body, in_app_title, in_app_body)
  values (v_template.id, upsert_notification_template.locale, upsert_notification_template.push_title,
          upsert_notification_template.push_body, upsert_notification_template.email_subject,
          upsert_notification_template.email_text, upsert_notification_template.email_html,
          upsert_notification_template.sms_body, upsert_notification_template.in_app_title,
          upsert_notification_template.in_app_body)
  on conflict on constraint notification_template_bodies_pkey do update
    set push_title = excluded.push_title, push_body = excluded.push_body, email_subject = excluded.email_subject,
        email_text = excluded.email_text, email_html = excluded.email_html, sms_body = excluded.sms_body,
        in_app_title = excluded.in_app_title, in_app_body = excluded.in_app_body;
  select * into v_template from app_public.notification_templates t where t.id = v_template.id;

  perform app_hidden.log_admin_action('upsert_notification_template', 'notification_template', v_template.id::text,
    (case when v_template.category = 'security' then 'high' else 'medium' end)::app_public.activity_severity,
    case when v_old.id is not null then jsonb_build_object('version', v_old.version, 'status', v_old.status,
                                                           'variables', v_old.variables) end,
    jsonb_build_object('version', v_template.version, 'status', v_template.status, 'variables', v_template.variables,
                       'locale', upsert_notification_template.locale));
  return v_template;
end;
$$;
comment on function app_public.upsert_notification_template(text, app_public.notification_category, jsonb, text, app_public.template_status, text, text, text, text, text, text, text, text) is
  E'@resultFieldName template\nCreates a template or edits it: its variables ([{"name", "required"}], and "label": an enum whose value is shown by its label in the language of the reader; first_name is always given), status and the text of one locale (a null field: no text on that channel). Bodies are Handlebars: {{variable}}, {{#if variable}}…{{else}}…{{/if}}, {{#unless}}, {{#each list}}…{{/each}}; nothing else. An existing template keeps its category and gains no required variable; security templates stay active; a new template starts in English. The version goes up by one. Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, INVAL (the field and what is wrong).';
grant execute on function app_public.upsert_notification_template(text, app_public.notification_category, jsonb, text, app_public.template_status, text, text, text, text, text, text, text, text) to app_user;
