import type { OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';

/** One conversation on a running Waymark's /api/messages, with expectReplies. */
export class BotClient {
  constructor(
    private readonly base: string,
    readonly conversationId: string,
    private readonly channelId = 'emulator',
  ) {}

  /** Moves the conversation to another instance (the same shared store behind both). */
  on(base: string): BotClient {
    return new BotClient(base, this.conversationId, this.channelId);
  }

  /** The greeting, as a channel opens a conversation. */
  open(): Promise<OutgoingActivity[]> {
    return this.post({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] });
  }

  say(text: string): Promise<OutgoingActivity[]> {
    return this.post({ type: 'message', text });
  }

  /** The signpost steps of a reply, in order (the endOfConversation signal has none). */
  static steps(activities: OutgoingActivity[]): string[] {
    return activities.flatMap((activity) =>
      activity.type === 'message' ? [activity.channelData.signpost.step] : [],
    );
  }

  private async post(extra: Record<string, unknown>): Promise<OutgoingActivity[]> {
    const response = await fetch(`${this.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channelId: this.channelId,
        serviceUrl: 'http://127.0.0.1:9/never-called',
        deliveryMode: 'expectReplies',
        conversation: { id: this.conversationId },
        from: { id: 'user-1' },
        recipient: { id: 'waymark' },
        ...extra,
      }),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    return ((await response.json()) as { activities: OutgoingActivity[] }).activities;
  }
}
