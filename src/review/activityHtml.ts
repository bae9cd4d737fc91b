import MarkdownIt from 'markdown-it';
import type { AdaptiveCard } from '../channels/render/adaptiveCard.js';
import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';
import { countSegments } from '../channels/sms/smsText.js';
import { escapeHtml } from './html.js';

// Web Chat and Teams read markdown; raw HTML in content is shown as text, as they do.
const markdown = new MarkdownIt({ html: false, linkify: false, breaks: false });

/** The zero-width joiner the card renderer adds to keep markdown inert: not for the eye. */
const INERT = /\u2060/g;

/**
 * An Adaptive Card as Teams draws it: each TextBlock on its own line (bold, subtle), then
 * its actions as buttons. Call and website buttons show where they go, so a reviewer can
 * check every number and address; choices show their label only, as Teams does.
 */
function adaptiveCardHtml(card: AdaptiveCard): string {
  const body = card.body
    .map((block) => {
      const style = [
        block.weight === 'Bolder' ? 'font-weight:700' : '',
        block.size === 'Medium' ? 'font-size:16px' : '',
        block.isSubtle ? 'color:#475467' : '',
      ]
        .filter(Boolean)
        .join(';');
      return `<div class="line"${style ? ` style="${style}"` : ''}>${escapeHtml(block.text.replace(INERT, ''))}</div>`;
    })
    .join('');
  const actions = card.actions
    .map((action) =>
      action.type === 'Action.OpenUrl'
        ? `<span class="button" title="${escapeHtml(action.url)}">${escapeHtml(action.title)} <span class="small">(${escapeHtml(action.url)})</span></span>`
        : `<span class="button">${escapeHtml(action.title)}</span>`,
    )
    .join('');
  return `<div class="card">${body}${actions ? `<div>${actions}</div>` : ''}</div>`;
}

/**
 * One rendered activity as the person would see it on `channel`: markdown as formatted
 * text, cards with their buttons, suggested actions as buttons, SMS as the exact characters
 * sent with their length and segments (what Twilio bills).
 */
export function activityHtml(activity: OutgoingActivity, channel: string): string {
  if (activity.type === 'endOfConversation') {
    return '<div class="end">The conversation ends here and is forgotten.</div>';
  }
  const parts: string[] = [];
  if (activity.textFormat === 'markdown') {
    parts.push(`<div class="bubble">${markdown.render(activity.text)}</div>`);
  } else if (channel === 'sms') {
    const count = countSegments(activity.text);
    parts.push(
      `<div class="bubble sms">${escapeHtml(activity.text)}</div><div class="small">${count.characters} characters, ${count.segments} segment${count.segments === 1 ? '' : 's'} (${escapeHtml(count.encoding)})</div>`,
    );
  } else {
    parts.push(`<div class="bubble plain">${escapeHtml(activity.text)}</div>`);
  }
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
      parts.push(adaptiveCardHtml(attachment.content));
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
