import { activityHtml } from './activityHtml.js';
import type { BookPath, DialogReview, EndGroup, MessageVariant, Review } from './bookModel.js';
import { reviewChannels } from './channelViews.js';
import { probeTitle } from './probeMessages.js';
import { escapeHtml, page } from './html.js';

/** "1 path", "2,816 paths". */
export function countPaths(count: number): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'path' : 'paths'}`;
}

function badge(urgency: string): string {
  return `<span class="badge ${escapeHtml(urgency)}">${escapeHtml(urgency)}</span>`;
}

/** The words of a reply as plain text, for transcripts: the channel-neutral text. */
function plainWords(variant: MessageVariant): string {
  const { reply } = variant.views;
  const services = reply.services.map((service) => `\n• ${service.name}`).join('');
  return `${reply.text}${services}`;
}

function variantBlock(variant: MessageVariant): string {
  const columns = reviewChannels
    .map(
      (channel) =>
        `<div class="channel"><div class="name">${escapeHtml(channel.title)}</div>${variant.views.views[
          channel.name
        ]
          .map((activity) => activityHtml(activity, channel.name))
          .join('')}</div>`,
    )
    .join('');
  return `<h4 id="${escapeHtml(variant.anchor)}">${escapeHtml(variant.step)} · message ${variant.number} ${badge(variant.urgency)} <span class="small">on ${countPaths(variant.pathCount)}</span></h4><div class="channels">${columns}</div>`;
}

function inputText(path: BookPath, index: number): string {
  const input = path.turns[index]?.input;
  if (!input) return '';
  return input.interruption
    ? `types “${escapeHtml(input.text)}” <span class="small">(${escapeHtml(probeTitle(input.interruption))})</span>`
    : `presses “${escapeHtml(input.text)}”`;
}

/** A path's choices on one line: what the person pressed or typed, and where it ends. */
export function pathSummary(path: BookPath): string {
  const steps = path.turns
    .slice(1)
    .map((turn) =>
      turn.input?.interruption ? `[types: ${turn.input.text}]` : (turn.input?.text ?? ''),
    );
  return `${steps.join(' › ')} → ${path.path.end.step}`;
}

function transcript(path: BookPath): string {
  const turns = path.turns
    .map((turn, index) => {
      const person = turn.input
        ? `<div class="turn"><span class="who">Person</span> <span class="person">${inputText(path, index)}</span></div>`
        : '';
      const bot = turn.messages
        .map(
          (message) =>
            `<div class="turn"><span class="who">Waymark</span> <a class="small" href="#${escapeHtml(message.anchor)}">${escapeHtml(message.step)} · message ${message.number}</a> ${message.urgency === 'routine' ? '' : badge(message.urgency)}<div class="says">${escapeHtml(plainWords(message))}</div></div>`,
        )
        .join('');
      return person + bot;
    })
    .join('');
  return `<details id="${escapeHtml(path.id)}"><summary><b>Path ${path.number}</b>: ${escapeHtml(pathSummary(path))}</summary><div class="transcript">${turns}</div></details>`;
}

function groupSection(group: EndGroup, services: Map<string, string>): string {
  const serviceNames = group.services.map((id) => services.get(id) ?? id).join(', ');
  const heading = `<h3 id="${escapeHtml(group.anchor)}">${escapeHtml(group.title)}: ${countPaths(group.paths.length)} ${group.urgencies.map(badge).join(' ')}</h3>`;
  const about = serviceNames ? `<p class="small">Services: ${escapeHtml(serviceNames)}</p>` : '';
  return heading + about + group.paths.map(transcript).join('');
}

function outcomeIndex(dialog: DialogReview, services: Map<string, string>): string {
  const rows = dialog.groups
    .map((group) => {
      const names = group.services.map((id) => services.get(id) ?? id).join(', ');
      const links = group.paths
        .slice(0, 12)
        .map((path) => `<a href="#${escapeHtml(path.id)}">${path.number}</a>`)
        .join(' ');
      const more = group.paths.length > 12 ? ` … and ${group.paths.length - 12} more` : '';
      return `<tr><td><a href="#${escapeHtml(group.anchor)}">${escapeHtml(group.title)}</a></td><td>${group.urgencies.map(badge).join(' ')}</td><td>${escapeHtml(names)}</td><td>${countPaths(group.paths.length)}</td><td>${links}${more}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>How the path ends</th><th>Urgency</th><th>Services signposted</th><th>Paths</th><th>Paths reaching it</th></tr>${rows}</table>`;
}

function dialogSection(dialog: DialogReview, services: Map<string, string>): string {
  const main = dialog.paths.filter((path) => !path.path.interruption).length;
  const side = dialog.paths.length - main;
  const probes = dialog.enumeration.probes
    .map((probe) => `<li>${escapeHtml(probe.title)}: “${escapeHtml(probe.text)}”</li>`)
    .join('');
  return `
<h2 id="${escapeHtml(dialog.dialogId)}">Dialog “${escapeHtml(dialog.dialogId)}”: ${countPaths(dialog.paths.length)}</h2>
<p>${countPaths(main)} through the questions, pressing every button (every option, “not sure”, and the buttons of the built-in replies), and ${countPaths(side)} where the person types an interruption at a question. Each interruption is shown once for each question and each different wording. The typed words used:</p><ul>${probes}</ul>
${dialog.enumeration.truncated ? `<p><b>This dialog has more paths than the book can list: it stops after ${countPaths(dialog.paths.length)}. Use the map to see its shape.</b></p>` : ''}
<h3>Index of outcomes</h3>${outcomeIndex(dialog, services)}
<h3>Every message, step by step</h3>
<p class="small">Each distinct message, as each channel's real renderer shows it. A step has several messages when what came before changes the words (for example, which services fit).</p>
${dialog.steps.map((step) => step.variants.map(variantBlock).join('')).join('')}
<h3>Every path, by how it ends</h3>
<p class="small">Open a path to read its transcript. The words are the channel-neutral text; the link beside each message shows it on the web, in Teams and by SMS.</p>
${dialog.groups.map((group) => groupSection(group, services)).join('')}`;
}

/**
 * The book of every path: for a safeguarding lead to read every word the bot can say, on
 * every path, on every channel, before signing it off.
 */
export function bookHtml(review: Review): string {
  const services = new Map(
    review.content.services.services.map((service) => [service.id, service.name.value]),
  );
  const total = review.dialogs.reduce((sum, dialog) => sum + dialog.paths.length, 0);
  const contents = review.dialogs
    .map(
      (dialog) =>
        `<li><a href="#${escapeHtml(dialog.dialogId)}">${escapeHtml(dialog.dialogId)}</a>: ${countPaths(dialog.paths.length)}</li>`,
    )
    .join('');
  const body = `
<h1>Waymark: the book of every path</h1>
<p class="meta">Content version <b>${escapeHtml(review.contentVersion)}</b> (as shown in /healthz and in every signpost). ${countPaths(total)} in all. Opening hours (“open now”) as at ${escapeHtml(review.now.toISOString())}.</p>
<p>Generated by running the real engine and the real channel renderers over dialogs/ and content/, so it shows exactly what the bot says. Read it, then sign off with <code>npm run content:signoff -- --by "Name, role"</code>.</p>
<ul>${contents}</ul>
${review.dialogs.map((dialog) => dialogSection(dialog, services)).join('')}`;
  return page(`Waymark book of every path (${review.contentVersion})`, body);
}
