import type { Content } from '../content/loadContent.js';
import { compileDialogs, type Conversation } from '../engine/compileConversation.js';
import type { Urgency } from '../engine/types.js';
import { createReplayer, type ReplyViews } from './channelViews.js';
import {
  enumeratePaths,
  type ConversationPath,
  type Enumeration,
  type PathInput,
} from './enumeratePaths.js';

/** One distinct message: a reply as every channel renders it, numbered within its step. */
export interface MessageVariant {
  /** An anchor, e.g. "triage-safe-now-2". */
  anchor: string;
  step: string;
  /** 1, 2…: a step's messages differ when what came before changes the words. */
  number: number;
  urgency: Urgency;
  views: ReplyViews;
  /** How many paths show this message. */
  pathCount: number;
}

/** A path as the book shows it: numbered, with each reply as a message variant. */
export interface BookPath {
  /** e.g. "triage-12" */
  id: string;
  number: number;
  path: ConversationPath;
  turns: { input?: PathInput; messages: MessageVariant[] }[];
}

/** Paths grouped by how they end: an outcome, or an interruption at a step. */
export interface EndGroup {
  anchor: string;
  title: string;
  kind: 'outcome' | 'closed' | 'interruption';
  step: string;
  urgencies: Urgency[];
  services: string[];
  paths: BookPath[];
}

/** Everything the book, the map and the diff show of one dialog. */
export interface DialogReview {
  dialogId: string;
  conversation: Conversation;
  enumeration: Enumeration;
  paths: BookPath[];
  /** Message variants by step, in the order a person meets the steps. */
  steps: { step: string; variants: MessageVariant[] }[];
  groups: EndGroup[];
}

/** The review of all content: every dialog, at one moment (opening hours depend on it). */
export interface Review {
  contentVersion: string;
  now: Date;
  dialogs: DialogReview[];
  content: Content;
}

export interface ReviewOptions {
  now: Date;
  linkBase: string;
}

/** Builds the review of every dialog in the content by running and rendering every path. */
export function buildReview(content: Content, options: ReviewOptions): Review {
  const dialogs = [...compileDialogs(content).values()].map((conversation) =>
    reviewDialog(conversation, options),
  );
  return { contentVersion: content.version, now: options.now, dialogs, content };
}

const urgencyRank: Record<Urgency, number> = { routine: 0, urgent: 1, emergency: 2 };

function reviewDialog(conversation: Conversation, options: ReviewOptions): DialogReview {
  const id = conversation.dialogId;
  const enumeration = enumeratePaths(conversation, { now: options.now });
  const replay = createReplayer(conversation, {
    now: options.now,
    contentVersion: conversation.content.version,
    linkBase: options.linkBase,
  });
  const variants = new Map<string, MessageVariant>();
  const perStep = new Map<string, MessageVariant[]>();
  const variantOf = (views: ReplyViews): MessageVariant => {
    const key = JSON.stringify([views.reply.step, views.reply.urgency, views.views]);
    let variant = variants.get(key);
    if (!variant) {
      const list = perStep.get(views.reply.step) ?? [];
      variant = {
        anchor: `${id}-${views.reply.step}-${list.length + 1}`,
        step: views.reply.step,
        number: list.length + 1,
        urgency: views.reply.urgency,
        views,
        pathCount: 0,
      };
      list.push(variant);
      perStep.set(views.reply.step, list);
      variants.set(key, variant);
    }
    return variant;
  };
  const paths: BookPath[] = enumeration.paths.map((path, index) => {
    const rendered = replay(path);
    const turns = path.turns.map((turn, t) => ({
      input: turn.input,
      messages: (rendered[t] ?? []).map(variantOf),
    }));
    const seen = new Set<MessageVariant>(turns.flatMap((turn) => turn.messages));
    for (const variant of seen) variant.pathCount += 1;
    return { id: `${id}-${index + 1}`, number: index + 1, path, turns };
  });

  // Steps in the order of the dialog, then built-in replies as first met.
  const order = [
    'greeting',
    ...conversation.questions.keys(),
    ...conversation.outcomes.keys(),
    ...perStep.keys(),
  ];
  const steps = [...new Set(order)]
    .filter((step) => perStep.has(step))
    .map((step) => ({ step, variants: perStep.get(step) ?? [] }));

  const groups = new Map<string, EndGroup>();
  for (const bookPath of paths) {
    const { end, interruption } = bookPath.path;
    const key = interruption ? `interruption:${interruption.step}` : `${end.kind}:${end.step}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        anchor: `${id}-end-${key.replace(/[^a-z0-9-]/g, '-')}`,
        title: interruption
          ? `Interruptions at “${interruption.step}”`
          : end.kind === 'outcome'
            ? `Outcome “${end.step}”`
            : `Ends with “${end.step}”`,
        kind: interruption ? 'interruption' : end.kind === 'outcome' ? 'outcome' : 'closed',
        step: interruption?.step ?? end.step,
        urgencies: [],
        services: [],
        paths: [],
      };
      groups.set(key, group);
    }
    group.paths.push(bookPath);
    if (end.kind === 'outcome') {
      if (!group.urgencies.includes(end.urgency)) group.urgencies.push(end.urgency);
      for (const service of end.services) {
        if (!group.services.includes(service)) group.services.push(service);
      }
    }
  }
  const groupOrder = (group: EndGroup) =>
    group.kind === 'outcome' ? 0 : group.kind === 'closed' ? 1 : 2;
  const sorted = [...groups.values()].sort((a, b) => groupOrder(a) - groupOrder(b));
  for (const group of sorted) group.urgencies.sort((a, b) => urgencyRank[a] - urgencyRank[b]);
  return { dialogId: id, conversation, enumeration, paths, steps, groups: sorted };
}
