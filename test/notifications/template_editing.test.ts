// upsertNotificationTemplate (docs/notifications.md "Editing templates"): an admin with notifications.send in a
// two-factor session creates a template in English, adds French, edits it; the version goes up once per edit; the
// real send task renders the edited text in the user's locale. Every edit that would break a caller or a send is
// INVAL naming the field, and leaves the template as it was; two admins editing at once both count.
import test from "ava";
import { createMember, createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs } from "../helpers/worker.ts";

const { db, server } = useTestServer(test);

const UPSERT = `mutation ($name: String!, $category: NotificationCategory!, $variables: JSON!, $locale: String!,
    $status: TemplateStatus, $pushTitle: String, $pushBody: String, $emailSubject: String, $emailText: String,
    $emailHtml: String, $smsBody: String, $inAppTitle: String, $inAppBody: String) {
  upsertNotificationTemplate(input: { name: $name, category: $category, variables: $variables, locale: $locale,
      status: $status, pushTitle: $pushTitle, pushBody: $pushBody, emailSubject: $emailSubject, emailText: $emailText,
      emailHtml: $emailHtml, smsBody: $smsBody, inAppTitle: $inAppTitle, inAppBody: $inAppBody }) {
    template { rowId name category status version variables } } }`;

const TIP = { name: "weekly_tip", category: "delivery_update",
  variables: [{ name: "first_name", required: true }, { name: "city", required: true }, { name: "bonus", required: false }] };
const VARIABLES = 'variables must be an array of {"name": text, "required": boolean} with distinct lowercase names';
const EN = { locale: "en", inAppTitle: "A tip for {{city}}",
  inAppBody: "Hello {{first_name}}, travelers to {{city}} are busy this week.{{#if bonus}} Bonus: {{bonus}}.{{/if}}" };

let adminToken: string;
let adminNoMfa: string;
let supportToken: string;
let userToken: string;
test.serial.before(async () => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  adminNoMfa = await tokenFor(db, admin, { mfaVerified: false });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  supportToken = await tokenFor(db, support, { mfaVerified: true });
  userToken = await tokenFor(db, await createMember(db, "both"));
});

const upsert = (variables: Record<string, unknown>, token = adminToken) => server.gql(UPSERT, { token, variables });
const refusal = async (variables: Record<string, unknown>) => {
  const res = await upsert(variables);
  return [errorCode(res), res.errors?.[0]?.message];
};
const template = async (name: string) => (await queryAsRoot(db, `select t.version, t.status::text, t.variables,
    (select jsonb_object_agg(b.locale, b.in_app_body) from app_public.notification_template_bodies b where b.template_id = t.id) as bodies
    from app_public.notification_templates t where t.name = $1`, [name]))[0];

test.serial("create in English, add French, edit: one version per edit; the send task renders the user's locale", async (t) => {
  for (const token of [undefined, userToken, supportToken, adminNoMfa]) {
    t.is(errorCode(await server.gql(UPSERT, { token, variables: { ...TIP, ...EN } })), "DNIED");
  }
  t.deepEqual(await refusal({ ...TIP, ...EN, locale: "fr" }),
    ["INVAL", "locale: a new template starts with its English text (en)"]);
  t.falsy(await template("weekly_tip"), "nothing written");

  const created = (await gqlData(server, UPSERT, { token: adminToken, variables: { ...TIP, ...EN } })).upsertNotificationTemplate.template;
  t.like(created, { name: "weekly_tip", category: "delivery_update", status: "active", version: 1 });
  await gqlData(server, UPSERT, { token: adminToken, variables: { ...TIP, locale: "fr", inAppTitle: "Un conseil pour {{city}}",
    inAppBody: "Bonjour {{first_name}}, les voyageurs vers {{city}} sont nombreux cette semaine.{{#if bonus}} Bonus : {{bonus}}.{{/if}}" } });
  t.like(await template("weekly_tip"), { version: 2 });
  const edited = (await gqlData(server, UPSERT, { token: adminToken,
    variables: { ...TIP, ...EN, inAppBody: "{{first_name}}, {{city}} is busy.{{#unless bonus}} No bonus.{{else}} {{bonus}}!{{/unless}}" } }))
    .upsertNotificationTemplate.template;
  t.is(edited.version, 3);

  const reader = await createUser(db);
  await queryAsRoot(db, "update app_public.notification_preferences set locale = 'fr' where user_id = $1", [reader.id]);
  await queryAsRoot(db, "select app_hidden.notify($1, 'weekly_tip', $2::jsonb)", [reader.id, JSON.stringify({ city: "Lyon", bonus: "5 €" })]);
  await runReadyJobs(db);
  const [row] = await notificationsTo(db, { userId: reader.id }, { template: "weekly_tip", channel: "in_app" });
  t.like(row, { status: "sent", title: "Un conseil pour Lyon" });
  t.regex(row!.body!, /^Bonjour .+, les voyageurs vers Lyon sont nombreux cette semaine\. Bonus : 5 €\.$/);
  const [version] = await queryAsRoot(db, `select n.template_version from app_public.notifications n
    join app_public.notification_templates t on t.id = n.template_id where t.name = 'weekly_tip'`);
  t.is(version!.template_version, 3, "the row records the version it was rendered from");
});

test.serial("every edit that would break a caller or a send is INVAL naming the field, and changes nothing", async (t) => {
  const before = await template("weekly_tip");
  const cases: [Record<string, unknown>, string][] = [
    [{ inAppBody: "Hello {{name}}" }, "in_app_body: {{name}} is not a declared variable"],
    [{ inAppBody: "Hello {{{city}}}" }, "in_app_body: triple braces are not allowed (they would print unescaped HTML)"],
    [{ inAppBody: "Hello {{city}}}" }, "in_app_body: triple braces are not allowed (they would print unescaped HTML)"],
    [{ inAppBody: "{{#if bonus}}a{{else}}b{{else}}c{{/if}}" }, "in_app_body: {{else}} appears twice in one {{#if}} block"],
    [{ inAppBody: "{{log}} {{city}}" }, "in_app_body: {{log}} names a Handlebars helper, not a variable"],
    [{ inAppBody: "{{#each city}}{{lookup}}{{/each}}" }, "in_app_body: {{lookup}} names a Handlebars helper, not a variable"],
    [{ inAppTitle: "{{> header}}" }, "in_app_title: {{> header}} is not a variable nor an if/unless/each/else block"],
    [{ inAppBody: "{{#if bonus}}Bonus" }, "in_app_body: {{#if}} is never closed"],
    [{ inAppBody: "{{#if bonus}}Bonus{{/unless}}" }, "in_app_body: {{/unless}} closes no open block"],
    [{ inAppBody: "{{else}} {{city}}" }, "in_app_body: {{else}} is outside an if/unless block"],
    [{ inAppBody: "{{#with city}}x{{/with}}" }, "in_app_body: {{#with city}} is not a variable nor an if/unless/each/else block"],
    [{ inAppBody: "{{#each places}}{{name}}{{/each}}" }, "in_app_body: {{#each places}} uses places, which is not a declared variable"],
    [{ inAppBody: "{{#if price}}x{{/if}}" }, "in_app_body: {{#if price}} uses price, which is not a declared variable"],
    [{ inAppBody: "Hello {{city" }, "in_app_body: a {{ or }} is unmatched"],
    // The French text still uses {{bonus}}: English may not drop it.
    [{ variables: TIP.variables.slice(0, 2), inAppBody: "Hello {{first_name}}, {{city}} is busy." },
      "variables: the fr text would no longer render (in_app_body: {{#if bonus}} uses bonus, which is not a declared variable)"],
    [{ inAppBody: "{{city.length}}" }, "in_app_body: {{city.length}} is not a variable nor an if/unless/each/else block"],
    [{ smsBody: "x".repeat(321) }, "sms_body must have 1 to 320 characters"],
    [{ pushTitle: "Only a title" }, "push_title and push_body go together"],
    [{ category: "promotional" }, "category of an existing template cannot change (it is delivery_update)"],
    [{ variables: [...TIP.variables.slice(0, 2), { name: "bonus", required: true }] },
      "variables: bonus cannot become required (the template's callers do not pass it)"],
    [{ variables: [{ name: "city", required: true }, { name: "city", required: false }] },
      VARIABLES],
    [{ variables: [{ name: "City", required: true }] }, VARIABLES],
    [{ variables: [...TIP.variables, { name: "why", required: false, label: "no_such_enum" }] },
      "variables: label no_such_enum names no enum with labels"],
    [{ variables: { city: true } }, VARIABLES],
    [{ variables: [{ name: "first_name", required: true }, { name: "city", required: true }, { name: "bonus" }] },
      'variables must be an array of {"name": text, "required": boolean}'],
  ];
  for (const [change, message] of cases) {
    t.deepEqual(await refusal({ ...TIP, ...EN, ...change }), ["INVAL", message], JSON.stringify(change));
  }
  t.deepEqual(await template("weekly_tip"), before, "the template is as it was");

  // Security templates: always active; one that mints a secret keeps its {{token}}.
  const [verify] = await queryAsRoot(db, `select t.variables, b.email_subject, b.email_text, b.email_html
    from app_public.notification_templates t join app_public.notification_template_bodies b on b.template_id = t.id and b.locale = 'en'
   where t.name = 'verify_email'`);
  const verifyEdit = { name: "verify_email", category: "security", variables: verify!.variables, locale: "en",
    emailSubject: verify!.email_subject, emailText: verify!.email_text, emailHtml: verify!.email_html };
  t.deepEqual(await refusal({ ...verifyEdit, status: "inactive" }),
    ["INVAL", "status: a security template stays active (security messages cannot be switched off)"]);
  t.deepEqual(await refusal({ ...verifyEdit, emailText: "Confirm at {{app_url}}/verify-email" }),
    ["INVAL", "email_text and email_html must carry {{token}}: this template's email sends a single-use link"]);
  const reworded = await upsert({ ...verifyEdit, emailSubject: "Please confirm your email address" });
  t.falsy(reworded.errors, JSON.stringify(reworded.errors));

  // The digest lists its items with each: inside the block, plain names are the item's fields.
  const [digest] = await queryAsRoot(db, `select t.variables, b.email_subject, b.email_text, b.email_html
    from app_public.notification_templates t join app_public.notification_template_bodies b on b.template_id = t.id and b.locale = 'fr'
   where t.name = 'digest'`);
  const resubmitted = await upsert({ name: "digest", category: "system", variables: digest!.variables, locale: "fr",
    emailSubject: digest!.email_subject, emailText: digest!.email_text, emailHtml: digest!.email_html });
  t.falsy(resubmitted.errors, JSON.stringify(resubmitted.errors));
});

test.serial("two admins creating the same new template at once: the second is an edit, with an edit's checks", async (t) => {
  const name = "race_tip";
  const [first, second] = await Promise.all([
    upsert({ ...TIP, ...EN, name }),
    upsert({ ...TIP, ...EN, name, category: "promotional" }),
  ]);
  const outcomes = [first, second].map((r) => errorCode(r) ?? "ok").sort();
  t.deepEqual(outcomes, ["INVAL", "ok"], "one creates it; the other may not change its category");
  const [row] = await queryAsRoot(db, "select category::text, version from app_public.notification_templates where name = $1", [name]);
  t.like(row, { version: 1 });
});

test.serial("a draft or inactive template sends nothing; two admins editing at once both count", async (t) => {
  await gqlData(server, UPSERT, { token: adminToken, variables: { ...TIP, ...EN, status: "draft" } });
  const reader = await createUser(db);
  const [{ written }] = await queryAsRoot(db, "select app_hidden.notify($1, 'weekly_tip', '{\"city\": \"Lyon\"}') as written", [reader.id]) as [{ written: number }];
  t.is(written, 0);

  const { version } = (await template("weekly_tip"))!;
  const results = await Promise.all([1, 2, 3, 4].map((n) => upsert({ ...TIP, ...EN, inAppTitle: `Tip ${n} for {{city}}` })));
  t.deepEqual(results.map((r) => r.errors), [undefined, undefined, undefined, undefined]);
  const after = (await template("weekly_tip"))!;
  t.is(after.version, version + 4, "each edit bumps the version once, none lost");
  const [title] = await queryAsRoot(db, `select b.in_app_title from app_public.notification_template_bodies b
    join app_public.notification_templates t on t.id = b.template_id where t.name = 'weekly_tip' and b.locale = 'en'`);
  t.regex(title!.in_app_title, /^Tip [1-4] for \{\{city\}\}$/);
});
