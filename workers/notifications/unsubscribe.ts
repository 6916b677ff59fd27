// The unsubscribe links that end every email outside the security category (docs/notifications.md, "Unsubscribe
// links"): added by the sending tasks to what they send, never to the template or the row, so no template edit can
// drop them. An email of one category ends with one link; a digest, which mixes categories, with one per category
// present, each saying which emails it stops (a link switches off one category: a single "unsubscribe" would be a
// promise it cannot keep).
export interface UnsubscribeLink {
  category: string;
  link: string;
}

export function withUnsubscribeLinks<M extends { text: string; html?: string }>(
  message: M,
  links: readonly UnsubscribeLink[]
): M {
  if (links.length === 0) return message;
  const label = (category: string) => category.replace(/_/g, " ");
  const text =
    links.length === 1
      ? [`Stop these emails: ${links[0]!.link}`]
      : links.map(({ category, link }) => `Stop ${label(category)} emails: ${link}`);
  const html =
    links.length === 1
      ? [`<p><a href="${escapeHtml(links[0]!.link)}">Unsubscribe from these emails</a></p>`]
      : links.map(
          ({ category, link }) =>
            `<p><a href="${escapeHtml(link)}">Unsubscribe from ${escapeHtml(label(category))} emails</a></p>`
        );
  return {
    ...message,
    text: `${message.text}\n\n${text.join("\n")}`,
    ...(message.html === undefined ? {} : { html: `${message.html}\n${html.join("\n")}` }),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
