import MarkdownIt from 'markdown-it';
import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';
import { escapeHtml } from './html.js';

// Web Chat and Teams read markdown; raw HTML in content is shown as text, as they do.
const markdown = new MarkdownIt({ html: false, linkify: false, breaks: false });

/**
 * One rendered activity as the person would see it: markdown as formatted text, cards with
 * their buttons, suggested actions as buttons, SMS as the exact characters sent.
 */
export function activityHtml(activity: OutgoingActivity): string {
  if (activity.type === 'endOfConversation') {
    return '<div class="end">The conversation ends here and is forgotten.</div>';
  }
  const parts: string[] = [];
  if (activity.textFormat === 'markdown') {
    parts.push(`<div class="bubble">${markdown.render(activity.text)}</div>`);
  } else {
    const segments = activity.text.length;
    parts.push(
      `<div class="bubble sms">${escapeHtml(activity.text)}</div><div class="small">${segments} characters</div>`,
    );
  }
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.hero') {
      // An Adaptive Card (Teams): its plain-text form is what a reviewer needs to read.
      parts.push(`<div class="card">${escapeHtml(attachment.content.fallbackText)}</div>`);
      continue;
    }
    const { title, text, buttons } = attachment.content;
    const body = [
      title ? `<div class="title">${escapeHtml(title)}</div>` : '',
      text ? markdown.render(text) : '',
      (buttons ?? [])
        .map(
          (button) =>
            `<span class="button" title="${escapeHtml(button.value)}">${escapeHtml(button.title)}</span>`,
        )
        .join(''),
    ].join('');
    parts.push(`<div class="card">${body}</div>`);
  }
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length > 0) {
    parts.push(
      `<div>${actions.map((action) => `<span class="button">${escapeHtml(action.title)}</span>`).join('')}</div>`,
    );
  }
  return parts.join('');
}
