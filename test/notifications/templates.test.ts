// Every message comes from a template (docs/notifications.md, Templates): SQL passes a template's name and its data,
// never text. Checked over the installed catalog: no function hands notify (or alert_admins, notify_trip_customers)
// a subject or message or a formatted sentence; every template has English and French bodies that render through
// the worker's renderer with its declared variables, and uses exactly the variables it declares. Then the one alert
// function, app_private.alert_admins: who it reaches (role permissions, extra ones, wildcards, inactive admins), and
// the trip-change messages a customer reads in French.
import test from "ava";
import Handlebars from "handlebars";
import { type Bodies, renderChannel } from "../../workers/notifications/render.ts";
import { commitAs, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { createDeliveryRecord, createTripAsTraveler } from "../helpers/marketplace.ts";
import { notificationsTo, renderedNotification } from "../helpers/notifications.ts";

const db = useTestDatabase(test);

// ---- What SQL passes ------------------------------------------------------------------------------------------

const CALL = /\b(?:app_hidden\.notify|app_private\.alert_admins|app_hidden\.notify_trip_customers)\s*\(/g;

/** The argument text of every call of a message function in a function body (quotes and nesting respected). */
function messageCalls(source: string): string[] {
  const calls: string[] = [];
  for (const match of source.matchAll(CALL)) {
    let depth = 1;
    let i = match.index! + match[0].length;
    for (let quoted = false; i < source.length && depth > 0; i++) {
      const ch = source[i];
      if (ch === "'") quoted = !quoted;
      else if (!quoted && ch === "(") depth++;
      else if (!quoted && ch === ")") depth--;
    }
    calls.push(source.slice(match.index! + match[0].length, i - 1));
  }
  return calls;
}

/** Why a call passes text instead of data: a subject or message key, or a sentence made with format(). */
function proseIn(call: string): string | undefined {
  if (/(?<!->>?\s*)'(?:subject|message)'\s*,/.test(call)) return "a subject or message variable";
  if (/\bformat\s*\(/.test(call)) return "text made with format()";
  return undefined;
}

test("the detector: it finds prose in a call and lets a template name with data pass", (t) => {
  const [bad] = messageCalls(`perform app_hidden.notify(v_user, 'x', jsonb_build_object('subject', 'It (really) broke',
    'message', left(v_text, 10)), 'high');`);
  t.is(proseIn(bad!), "a subject or message variable");
  t.is(proseIn(messageCalls("perform app_private.alert_admins('finance.read', 'x_alert', jsonb_build_object('n', format('%s!', v)));")[0]!),
    "text made with format()");
  const [good] = messageCalls("perform app_private.alert_admins('disputes.read', 'dispute_opened_alert', jsonb_build_object('case_number', v.case_number));");
  t.is(good, "'disputes.read', 'dispute_opened_alert', jsonb_build_object('case_number', v.case_number)");
  t.is(proseIn(good!), undefined);
  t.is(proseIn("v, 'weather_alert', jsonb_build_object('alert', (select string_agg(a ->> 'message', '; ') from x a))"), undefined,
    "reading a message out of data is not passing one");
});

test("no function passes text to notify, alert_admins or notify_trip_customers: template names and data only", async (t) => {
  const functions = await queryAsRoot<{ name: string; source: string }>(db, `
    select p.oid::regprocedure::text as name, p.prosrc as source
      from pg_proc p where p.pronamespace::regnamespace::text in ('app_public', 'app_hidden', 'app_private')`);
  const offenders = functions.flatMap(({ name, source }) =>
    messageCalls(source).flatMap((call) => proseIn(call) ? [`${name}: ${proseIn(call)}`] : []));
  t.deepEqual(offenders, []);
  t.true(functions.filter(({ source }) => messageCalls(source).length > 0).length >= 25, "the calls were found");
  const oldFunctions = await queryAsRoot(db, `select p.proname from pg_proc p
    where p.proname in ('alert_handover_admins', 'alert_dispute_admins', 'alert_finance_admins')`);
  t.deepEqual(oldFunctions, [], "the three alert functions are gone");
});

test("no active template takes a subject or a message (but the bulk sends' an admin writes); the pass-through ones are inactive", async (t) => {
  const rows = await queryAsRoot(db, `select t.name from app_public.notification_templates t
    where t.status = 'active' and t.name not in ('announcement', 'promotion') and jsonb_path_exists(t.variables, '$[*] ? (@.name == "subject" || @.name == "message")')`);
  t.deepEqual(rows, []);
  const old = await queryAsRoot(db, `select name, status::text from app_public.notification_templates
    where name in ('trip_changed', 'handover_admin_alert', 'dispute_admin_alert', 'finance_admin_alert') order by name`);
  t.deepEqual(old.map((r) => r.status), ["inactive", "inactive", "inactive", "inactive"]);
});

// ---- The templates themselves -------------------------------------------------------------------------------

/**
 * The variable names a Handlebars body reads (helpers such as if and unless excluded). Inside {{#each list}} names are
 * the fields of each item, not variables: the list counts as read (and is listed in `lists`), its block is not read.
 */
function variablesOf(source: string, lists = new Set<string>()): Set<string> {
  const names = new Set<string>();
  const visit = (node: hbs.AST.Node | hbs.AST.Node[] | null | undefined): void => {
    if (!node) return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    switch (node.type) {
      case "Program":
        visit((node as hbs.AST.Program).body);
        break;
      case "MustacheStatement":
      case "SubExpression": {
        const call = node as hbs.AST.MustacheStatement;
        // A bare {{name}} reads a variable; {{helper args}} reads its arguments.
        if (call.params.length === 0 && !call.hash) visit(call.path);
        else visit(call.params);
        break;
      }
      case "BlockStatement": {
        const block = node as hbs.AST.BlockStatement;
        visit(block.params);
        if (block.path.type === "PathExpression" && (block.path as hbs.AST.PathExpression).original === "each") {
          for (const param of block.params) {
            if (param.type === "PathExpression") lists.add((param as hbs.AST.PathExpression).original);
          }
        } else {
          visit(block.program);
        }
        visit(block.inverse);
        break;
      }
      case "PathExpression": {
        const path = node as hbs.AST.PathExpression;
        names.add(path.parts[0] ?? path.original);
        break;
      }
    }
  };
  visit(Handlebars.parse(source));
  return names;
}

const CHANNELS = ["push", "email", "sms", "in_app"] as const;
const BODY_FIELDS = ["push_title", "push_body", "email_subject", "email_text", "email_html", "sms_body", "in_app_title",
  "in_app_body"] as const;

test("every template: English and French bodies that render on each of their channels, using exactly the variables it declares", async (t) => {
  const templates = await queryAsRoot<{ name: string; status: string; declared: string[]; bodies: Record<string, Bodies> }>(db, `
    select t.name, t.status::text,
           (select coalesce(jsonb_agg(v ->> 'name'), '[]') from jsonb_array_elements(t.variables) v) as declared,
           (select jsonb_object_agg(b.locale, to_jsonb(b) - 'template_id' - 'locale' - 'created_at' - 'updated_at')
              from app_public.notification_template_bodies b where b.template_id = t.id) as bodies
      from app_public.notification_templates t order by t.name`);
  t.true(templates.length >= 45);
  const problems: string[] = [];
  for (const { name, declared, bodies } of templates) {
    const locales = Object.keys(bodies ?? {}).sort();
    if (locales.join() !== "en,fr") problems.push(`${name}: locales ${locales.join() || "none"}`);
    for (const [locale, body] of Object.entries(bodies ?? {})) {
      const used = new Set<string>();
      const lists = new Set<string>();
      for (const field of BODY_FIELDS) for (const v of variablesOf(body[field] ?? "", lists)) used.add(v);
      // Short sample values: every declared variable present, as notify and the sending task make them (lists empty).
      const sample = Object.fromEntries(declared.map((v) => [v, lists.has(v) ? [] : `${v}-sample`]));
      for (const v of used) if (!declared.includes(v)) problems.push(`${name} (${locale}) uses ${v}, which it does not declare`);
      for (const v of declared) if (!used.has(v)) problems.push(`${name} (${locale}) declares ${v} but never uses it`);
      let channels = 0;
      for (const channel of CHANNELS) {
        try {
          const rendered = renderChannel(channel, body, sample, declared);
          if (rendered) channels++;
        } catch (error) {
          problems.push(`${name} (${locale}, ${channel}): ${(error as Error).message}`);
        }
      }
      if (channels === 0) problems.push(`${name} (${locale}) has no channel`);
    }
  }
  t.deepEqual(problems, []);
});

test("the renderer would catch it: an undeclared variable in a body fails", (t) => {
  t.throws(() => renderChannel("in_app", { in_app_title: "Hi", in_app_body: "{{case_number}} {{secret}}" },
    { case_number: "DSP-1", secret: "x" }, ["case_number"]));
  t.deepEqual([...variablesOf("{{#if pickup}}a{{else}}{{b}}{{/if}} {{c}}")].sort(), ["b", "c", "pickup"]);
  const lists = new Set<string>();
  t.deepEqual([...variablesOf("{{#each items}}{{title}}{{/each}} {{count}}", lists)].sort(), ["count", "items"]);
  t.deepEqual([...lists], ["items"], "an item's fields are not variables");
});

// ---- alert_admins ---------------------------------------------------------------------------------------------

/** Whom an alert reached: the recipients of the template's in-app rows carrying the marker. */
async function alerted(template: string, marker: string): Promise<string[]> {
  return (await queryAsRoot(db, `select n.user_id from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id
     where t.name = $1 and n.channel = 'in_app' and n.variables ->> 'delivery_number' = $2 order by n.user_id`,
    [template, marker])).map((r) => r.user_id as string).sort();
}

test.serial("alert_admins reaches the active admins whose role or extra permissions grant the permission, wildcards included", async (t) => {
  const admin = async (role: string | null, extra: string[] = [], active = true) => {
    const id = await createMember(db, "both");
    if (role) {
      await makeAdmin(db, id, role);
      await queryAsRoot(db, "update app_private.admin_users set permissions = $2, is_active = $3 where user_id = $1",
        [id, extra, active]);
    }
    return id;
  };
  const superAdmin = await admin("super_admin"); // *
  const general = await admin("admin"); // finance.*, qr.override
  const finance = await admin("finance"); // finance.*
  const support = await admin("support"); // qr.override, no finance
  const moderatorWithFinance = await admin("moderator", ["finance.read"]);
  const analystWithDomain = await admin("analyst", ["finance.*"]);
  const analystWithOther = await admin("analyst", ["finance.write", "qr.*"]);
  const inactive = await admin("finance", [], false);
  const member = await admin(null);

  await queryAsRoot(db, `select app_private.alert_admins('finance.read', 'payment_not_captured_alert',
    '{"delivery_number": "DEL-FIN-1", "payment_status": "requires_capture", "escrow_status": "missing"}')`);
  t.deepEqual(await alerted("payment_not_captured_alert", "DEL-FIN-1"),
    [superAdmin, general, finance, moderatorWithFinance, analystWithDomain].sort());

  await queryAsRoot(db, `select app_private.alert_admins('qr.override', 'handover_attempt_blocked_alert',
    '{"delivery_number": "DEL-QR-1", "pickup": true, "risk_score": 0.9}')`);
  t.deepEqual(await alerted("handover_attempt_blocked_alert", "DEL-QR-1"),
    [superAdmin, general, support, analystWithOther].sort());
  for (const nobody of [inactive, member]) {
    t.deepEqual(await notificationsTo(db, { userId: nobody }), [], "an inactive admin and a member hear nothing");
  }
});

test.serial("an alert reads in the admin's locale: French for a French admin", async (t) => {
  const id = await createMember(db, "both");
  await makeAdmin(db, id, "finance");
  await queryAsRoot(db, "update app_public.notification_preferences set locale = 'fr' where user_id = $1", [id]);
  await queryAsRoot(db, `select app_private.alert_admins('finance.read', 'traveler_owes_refund_alert', jsonb_build_object(
    'refund_id', 'r-1', 'delivery_number', 'DEL-FR-1', 'amount', app_hidden.notification_amount(1250), 'currency', 'EUR',
    'traveler_id', 't-1'))`);
  const [email] = await notificationsTo(db, { userId: id }, { template: "traveler_owes_refund_alert", channel: "email" });
  const rendered = await renderedNotification(db, email!.id);
  t.is(rendered?.title, "Un voyageur doit une part remboursée");
  t.regex(rendered!.text, /l'annulation de 12\.50 EUR sur le virement du voyageur a été refusée/);
  t.regex(rendered!.html!, /<p>Remboursement r-1 de la livraison DEL-FR-1 :/);
});

// ---- Trip changes ---------------------------------------------------------------------------------------------

test("a delayed trip and new times tell its customers with trip_delayed and trip_times_changed, in their locale", async (t) => {
  const traveler = await createMember(db, "traveler");
  const trip = await createTripAsTraveler(db, traveler, { title: "Berlin nach Paris" });
  const customer = await createMember(db, "customer", "email_verified");
  const english = await createMember(db, "customer", "email_verified");
  await createDeliveryRecord(db, trip, { customerId: customer });
  await createDeliveryRecord(db, trip, { customerId: english });
  await queryAsRoot(db, "update app_public.notification_preferences set locale = 'fr' where user_id = $1", [customer]);

  const departure = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 100 * 3600_000); // on the hour, 100 h on
  await commitAs(db, user(traveler), (c) => c.query("select app_public.mark_trip_delayed($1, $2)", [trip, departure.toISOString()]));
  const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const arrival = new Date(departure.getTime() + 12 * 3600_000);

  const [delayed] = await notificationsTo(db, { userId: customer }, { template: "trip_delayed", channel: "in_app" });
  t.like(delayed!.variables, { trip_title: "Berlin nach Paris", departure: when(departure), arrival: when(arrival) });
  const fr = await renderedNotification(db, delayed!.id);
  t.is(fr?.title, "Le trajet de votre voyageur est retardé");
  t.is(fr?.text, `Le trajet « Berlin nach Paris » part désormais le ${when(departure)} et arrive le ${when(arrival)}.`);
  const [en] = await notificationsTo(db, { userId: english }, { template: "trip_delayed", channel: "email" });
  t.is((await renderedNotification(db, en!.id))?.title, "Your traveler's trip is delayed");

  // New times on a trip with deliveries (updateTrip) keep it delayed and send the other message.
  const later = new Date(departure.getTime() + 24 * 3600_000);
  await commitAs(db, user(traveler), (c) => c.query(
    "select app_public.update_trip(trip_id => $1, departure_time => $2, arrival_time => $3)",
    [trip, later.toISOString(), new Date(later.getTime() + 3600_000).toISOString()]));
  const [changed] = await notificationsTo(db, { userId: customer }, { template: "trip_times_changed", channel: "in_app" });
  t.is((await renderedNotification(db, changed!.id))?.title, "Le trajet de votre voyageur change d'horaires");
  t.is(changed!.variables.departure, when(later));
  await asRoot(db, async (c) => {
    const { rows } = await c.query(`select count(*)::int as n from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id where t.name = 'trip_changed'`);
    t.is(rows[0].n, 0, "the pass-through template sends nothing");
  });
});

// ---- Labels: enum values in the reader's language -----------------------------------------------------------

test("every labelled variable names an enum whose every value has an English and a French label", async (t) => {
  const kinds = await queryAsRoot<{ template: string; variable: string; kind: string; values: string[] | null }>(db, `
    select t.name as template, v ->> 'name' as variable, v ->> 'label' as kind,
           (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e
              join pg_type ty on ty.oid = e.enumtypid join pg_namespace ns on ns.oid = ty.typnamespace
             where ns.nspname = 'app_public' and ty.typname = v ->> 'label') as values
      from app_public.notification_templates t, jsonb_array_elements(t.variables) v
     where v ? 'label' order by 1, 2`);
  t.true(kinds.length >= 7, "the templates that show enum values declare them");
  for (const { template, variable, kind, values } of kinds) {
    t.truthy(values, `${template}.${variable}: ${kind} is not an enum of app_public`);
    for (const locale of ["en", "fr"]) {
      const labelled = (await queryAsRoot<{ value: string }>(db,
        "select value from app_private.notification_labels where kind = $1 and locale = $2 order by value", [kind, locale])).map((r) => r.value);
      t.deepEqual(labelled, [...(values ?? [])].sort(), `${kind}: a ${locale} label for each value`);
    }
  }
});

test("a labelled value reads in the reader's language; the row keeps the value", async (t) => {
  const trip = await createTripAsTraveler(db, await createMember(db, "traveler"));
  const customer = await createMember(db, "customer", "email_verified");
  const delivery = await createDeliveryRecord(db, trip, { customerId: customer, reserveCapacity: true });
  await queryAsRoot(db, "update app_public.notification_preferences set locale = 'fr' where user_id = $1", [customer]);
  await asRoot(db, (c) => c.query("select app_hidden.cancel_delivery_as($1, 'admin', null, 'schedule_changed', null)", [delivery]));
  const [row] = await notificationsTo(db, { userId: customer }, { template: "delivery_cancelled", channel: "in_app" });
  t.like(row!.variables, { reason: "schedule_changed" });
  t.regex((await renderedNotification(db, row!.id))!.text, /a été annulée \(le programme a changé\)\./);
  t.regex((await renderedNotification(db, row!.id, { locale: "en" }))!.text, /was cancelled \(the schedule changed\)\./);
});
