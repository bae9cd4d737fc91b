/**
 * The body of a message to `POST /api/messages` with `deliveryMode: "expectReplies"`, as a
 * local tool (the Emulator, the README's curl) sends it: no app id, so it must come from
 * loopback, and the replies come back in the response body, so the serviceUrl is never
 * called. The bench and the sustained-load test both send this.
 */
export function expectRepliesMessage(conversationId: string, text: string, userId: string): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9/never-called',
    conversation: { id: conversationId },
    from: { id: userId },
    recipient: { id: 'waymark' },
  });
}
