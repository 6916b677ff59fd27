// Rendering of notification templates (app_public.notification_template_bodies) with Handlebars. Why Handlebars:
// templates are data that admins will edit, so the language must not run code (Handlebars is logic-less apart from
// its few built-in helpers, unlike EJS or Eta, which evaluate JavaScript); `{{x}}` HTML-escapes by default, so a
// user's text cannot inject markup into an email; strict mode turns a missing variable into an error instead of an
// empty string; it is maintained, typed, and has no dependencies at run time beyond its own.
//
// Every body is compiled twice over: HTML bodies with escaping, the text channels (email text, SMS, push, in-app)
// without it (they are not HTML: escaping would show "&amp;" to the reader). Only the variables a template declares
// may be used: an undeclared one fails rendering rather than silently showing nothing.
import Handlebars from "handlebars";

export type Bodies = Partial<
  Record<
    | "push_title"
    | "push_body"
    | "email_subject"
    | "email_text"
    | "email_html"
    | "sms_body"
    | "in_app_title"
    | "in_app_body",
    string | null
  >
>;

const SMS_MAX = 320;

/** A template refers to a variable it did not declare, or a declared variable is missing. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

const hb = Handlebars.create();

function render(
  source: string,
  variables: Record<string, unknown>,
  declared: readonly string[],
  html: boolean
): string {
  let template: Handlebars.TemplateDelegate;
  try {
    template = hb.compile(source, {
      strict: true,
      noEscape: !html,
      // each: the digest template lists its messages ({{#each items}}); like if/unless it runs no code of ours,
      // and what it prints is escaped in HTML as any {{value}}.
      knownHelpers: { if: true, unless: true, each: true },
      knownHelpersOnly: true,
    });
  } catch (error) {
    throw new TemplateError(`template does not compile: ${(error as Error).message}`);
  }
  // Only declared variables are visible; a template naming anything else fails in strict mode.
  const visible = Object.fromEntries(
    declared.filter((name) => name in variables).map((name) => [name, variables[name]])
  );
  for (const name of declared) if (!(name in visible)) visible[name] = null;
  try {
    return template(visible, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    throw new TemplateError((error as Error).message);
  }
}

export interface Rendered {
  title: string;
  text: string;
  html?: string;
}

/** The title and text (and HTML for email) of a channel; undefined when the template has no text for it. */
export function renderChannel(
  channel: string,
  bodies: Bodies,
  variables: Record<string, unknown>,
  declared: readonly string[]
): Rendered | undefined {
  const text = (source: string | null | undefined) =>
    source == null ? undefined : render(source, variables, declared, false);
  switch (channel) {
    case "email": {
      if (!bodies.email_subject || !bodies.email_text || !bodies.email_html) return undefined;
      return {
        title: text(bodies.email_subject)!,
        text: text(bodies.email_text)!,
        html: render(bodies.email_html, variables, declared, true),
      };
    }
    case "sms": {
      if (!bodies.sms_body) return undefined;
      const body = text(bodies.sms_body)!;
      if (body.length > SMS_MAX) throw new TemplateError(`the SMS has ${body.length} characters, more than ${SMS_MAX}`);
      return { title: "", text: body };
    }
    case "push":
      if (!bodies.push_title || !bodies.push_body) return undefined;
      return { title: text(bodies.push_title)!, text: text(bodies.push_body)! };
    case "in_app":
      if (!bodies.in_app_title || !bodies.in_app_body) return undefined;
      return { title: text(bodies.in_app_title)!, text: text(bodies.in_app_body)! };
    default:
      return undefined;
  }
}
