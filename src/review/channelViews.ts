import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';
import { renderReplies } from '../channels/render/renderReplies.js';
import type { Conversation } from '../engine/compileConversation.js';
import { runTurn } from '../engine/runTurn.js';
import type { ConversationState, Reply, Surface, TurnInput } from '../engine/types.js';
import type { ConversationPath } from './enumeratePaths.js';

/** A channel the review shows: its name, the engine's surface, and a channel id to render for. */
export interface ReviewChannel {
  name: 'web' | 'teams' | 'sms';
  title: string;
  surface: Surface;
  channelId: string;
}

/** The three channels Waymark is used on, rendered by their real renderers. */
export const reviewChannels: readonly ReviewChannel[] = [
  { name: 'web', title: 'Web chat', surface: 'web', channelId: 'webchat' },
  { name: 'teams', title: 'Teams', surface: 'teams', channelId: 'msteams' },
  { name: 'sms', title: 'SMS', surface: 'sms', channelId: 'sms' },
];

/** One reply as each channel shows it. */
export interface ReplyViews {
  reply: Reply;
  /** The activities the channel's renderer makes of this reply, by channel name. */
  views: Record<ReviewChannel['name'], OutgoingActivity[]>;
}

export interface ReplayOptions {
  now: Date;
  contentVersion: string;
  linkBase: string;
}

/**
 * Replays paths on each channel's surface through the pure engine and renders every reply
 * with that channel's real renderer. Paths share their beginnings, so each turn is run
 * once per channel and remembered by the choices that led to it.
 */
export function createReplayer(conversation: Conversation, options: ReplayOptions) {
  const memo = new Map<
    string,
    { state: ConversationState | null; replies: Reply[]; ended: boolean }
  >();
  const render = { contentVersion: options.contentVersion, linkBase: options.linkBase };

  const turnsOn = (path: ConversationPath, channel: ReviewChannel) => {
    const results: { replies: Reply[]; ended: boolean }[] = [];
    let state: ConversationState | null | undefined;
    let prefix = channel.name;
    for (const turn of path.turns) {
      prefix += `\0${turn.input?.text ?? ''}`;
      let result = memo.get(prefix);
      if (!result) {
        const input: TurnInput = turn.input
          ? { kind: 'message', text: turn.input.text }
          : { kind: 'open' };
        const env = { now: options.now, surface: channel.surface };
        const out = runTurn(conversation, state ?? undefined, input, env);
        result = { state: out.state, replies: out.replies, ended: out.ended === true };
        memo.set(prefix, result);
      }
      state = result.state;
      results.push({ replies: result.replies, ended: result.ended });
    }
    return results;
  };

  /** Each turn's replies with their rendering on every channel, aligned with `path.turns`. */
  return (path: ConversationPath): ReplyViews[][] => {
    const byChannel = reviewChannels.map((channel) => turnsOn(path, channel));
    return path.turns.map((turn, t) =>
      turn.replies.map((reply, r) => {
        const views = {} as ReplyViews['views'];
        reviewChannels.forEach((channel, c) => {
          const own = byChannel[c]?.[t];
          const channelReply = own?.replies[r] ?? reply;
          const last = r === turn.replies.length - 1 && own?.ended === true;
          views[channel.name] = renderReplies([channelReply], channel.channelId, render, last);
        });
        return { reply, views };
      }),
    );
  };
}
