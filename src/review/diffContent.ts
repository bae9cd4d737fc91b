import { diffWords } from 'diff';
import type { Content } from '../content/loadContent.js';
import { compileDialogs } from '../engine/compileConversation.js';
import type { Reply, Surface } from '../engine/types.js';
import { enumeratePaths, type ConversationPath } from './enumeratePaths.js';
import { escapeHtml, page } from './html.js';
import { listMessages } from './listMessages.js';

/** A message whose words changed between two versions, with the paths that show it. */
export interface WordingChange {
  dialogId: string;
  step: string;
  before: string;
  after: string;
  surfaces: Surface[];
  /** How many paths (on the first surface listed) show the change. */
  paths: number;
}

/** What changed in the conversations between two content versions. */
export interface ContentDiff {
  before: string;
  after: string;
  added: { dialogId: string; key: string; end: string }[];
  removed: { dialogId: string; key: string; end: string }[];
  wording: WordingChange[];
  /**
   * Every message compared where it is written, by file and path: this also catches replies
   * no button reaches (answers to typed questions, help, limits, the fail-safe).
   */
  messages: MessageChange[];
}

/** A message added, removed or reworded in dialogs/ or content/. */
export interface MessageChange {
  file: string;
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/** Messages by where they are written, before and after. */
function messageChanges(before: Content, after: Content): MessageChange[] {
  const old = new Map(listMessages(before, { labels: true }).map((m) => [m.key, m]));
  const now = new Map(listMessages(after, { labels: true }).map((m) => [m.key, m]));
  const changes: MessageChange[] = [];
  for (const [key, message] of now) {
    const was = old.get(key);
    if (was?.text === message.text) continue;
    changes.push({
      file: message.file,
      path: message.path,
      before: was?.text,
      after: message.text,
    });
  }
  for (const [key, message] of old) {
    if (!now.has(key)) {
      changes.push({
        file: message.file,
        path: message.path,
        before: message.text,
        after: undefined,
      });
    }
  }
  return changes;
}

const SURFACES: Surface[] = ['web', 'teams', 'sms'];

/** The words of a reply as a person reads them, services included. */
function words(reply: Reply): string {
  const services = reply.services.flatMap((service) => [
    service.name,
    service.summary,
    ...service.offers.flatMap((offer) => [
      offer.text,
      ...offer.contacts.map((contact) => `${contact.how ?? contact.label} ${contact.value}`),
      ...(offer.hours ? [offer.hours] : []),
    ]),
  ]);
  return [reply.text, ...reply.choices.map((choice) => `[${choice.label}]`), ...services].join(
    '\n',
  );
}

function pathsOf(content: Content, surface: Surface, now: Date) {
  const byDialog = new Map<string, Map<string, ConversationPath>>();
  for (const conversation of compileDialogs(content).values()) {
    const { paths } = enumeratePaths(conversation, { now, surface });
    byDialog.set(conversation.dialogId, new Map(paths.map((path) => [path.key, path])));
  }
  return byDialog;
}

/**
 * Compares two content versions by running both: paths (by the choices made) added and
 * removed, and messages whose words changed on paths present in both. Both run at the same
 * moment, so opening hours never show as a change.
 */
export function diffContent(before: Content, after: Content, now: Date): ContentDiff {
  const diff: ContentDiff = {
    before: before.version,
    after: after.version,
    added: [],
    removed: [],
    wording: [],
    messages: messageChanges(before, after),
  };
  const changes = new Map<string, WordingChange>();
  SURFACES.forEach((surface, index) => {
    const old = pathsOf(before, surface, now);
    const current = pathsOf(after, surface, now);
    for (const [dialogId, paths] of current) {
      const oldPaths = old.get(dialogId) ?? new Map<string, ConversationPath>();
      for (const [key, path] of paths) {
        const was = oldPaths.get(key);
        if (!was) {
          if (index === 0) diff.added.push({ dialogId, key, end: path.end.step });
          continue;
        }
        const seen = new Set<string>();
        path.turns.forEach((turn, t) => {
          turn.replies.forEach((reply, r) => {
            const previous = was.turns[t]?.replies[r];
            const a = previous ? words(previous) : '';
            const b = words(reply);
            if (a === b) return;
            const id = `${dialogId}\0${reply.step}\0${a}\0${b}`;
            const change = changes.get(id) ?? {
              dialogId,
              step: reply.step,
              before: a,
              after: b,
              surfaces: [],
              paths: 0,
            };
            if (!change.surfaces.includes(surface)) change.surfaces.push(surface);
            if (change.surfaces[0] === surface && !seen.has(id)) change.paths += 1;
            seen.add(id);
            changes.set(id, change);
          });
        });
      }
      if (index > 0) continue;
      for (const [key, path] of oldPaths) {
        if (!paths.has(key)) diff.removed.push({ dialogId, key, end: path.end.step });
      }
    }
  });
  diff.wording = [...changes.values()];
  return diff;
}

/** The diff as plain text, for the terminal. */
export function diffText(diff: ContentDiff, ref: string): string {
  const lines = [
    `Content ${diff.before} (${ref}) → ${diff.after} (now)`,
    `${diff.added.length} path(s) added, ${diff.removed.length} removed, ${diff.wording.length} message(s) with changed words.`,
    `${diff.messages.length} message(s) added, removed or reworded where they are written (typed-only replies included).`,
  ];
  for (const path of diff.added) lines.push(`+ ${path.dialogId}: ${path.key} → ${path.end}`);
  for (const path of diff.removed) lines.push(`- ${path.dialogId}: ${path.key} → ${path.end}`);
  for (const change of diff.wording) {
    lines.push(
      '',
      `~ ${change.dialogId} step "${change.step}" (${change.surfaces.join(', ')}; ${change.paths} path(s))`,
      ...change.before.split('\n').map((line) => `  before: ${line}`),
      ...change.after.split('\n').map((line) => `  after:  ${line}`),
    );
  }
  for (const change of diff.messages) {
    lines.push('', `~ ${change.file} ${change.path}`);
    lines.push(`  before: ${change.before ?? '(none)'}`, `  after:  ${change.after ?? '(none)'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Words removed and added, marked, the rest as it was. */
function markedWords(before: string, after: string): string {
  return diffWords(before, after)
    .map((part) =>
      part.added
        ? `<span class="ins">${escapeHtml(part.value)}</span>`
        : part.removed
          ? `<span class="del">${escapeHtml(part.value)}</span>`
          : escapeHtml(part.value),
    )
    .join('');
}

/** The diff as a page, with changed words marked. */
export function diffHtml(diff: ContentDiff, ref: string): string {
  const wording = diff.wording
    .map((change) => {
      const marked = markedWords(change.before, change.after);
      return `<h4>${escapeHtml(change.dialogId)} · ${escapeHtml(change.step)} <span class="small">${escapeHtml(change.surfaces.join(', '))}; on ${change.paths} path(s)</span></h4><div class="transcript says">${marked}</div>`;
    })
    .join('');
  const messages = diff.messages
    .map((change) => {
      const marked = markedWords(change.before ?? '', change.after ?? '');
      const what =
        change.before === undefined ? 'added' : change.after === undefined ? 'removed' : 'reworded';
      return `<h4>${escapeHtml(change.file)} · ${escapeHtml(change.path)} <span class="small">${what}</span></h4><div class="transcript says">${marked}</div>`;
    })
    .join('');
  const list = (items: ContentDiff['added'], sign: string) =>
    items.length === 0
      ? '<p class="small">None.</p>'
      : `<ul>${items.map((p) => `<li>${sign} ${escapeHtml(p.dialogId)}: ${escapeHtml(p.key)} → ${escapeHtml(p.end)}</li>`).join('')}</ul>`;
  const body = `<h1>Waymark: what changed since ${escapeHtml(ref)}</h1>
<p class="meta">Content ${escapeHtml(diff.before)} → ${escapeHtml(diff.after)}. ${diff.added.length} path(s) added, ${diff.removed.length} removed, ${diff.wording.length} message(s) with changed words.</p>
<h2>Paths added</h2>${list(diff.added, '+')}<h2>Paths removed</h2>${list(diff.removed, '−')}
<h2>Wording changed</h2>${wording || '<p class="small">None.</p>'}
<h2>Every message, where it is written</h2><p class="small">Typed-only replies included (answers to questions such as “is this a real person?”, help, limits, the fail-safe).</p>${messages || '<p class="small">None.</p>'}`;
  return page(`Waymark changes since ${ref}`, body);
}
