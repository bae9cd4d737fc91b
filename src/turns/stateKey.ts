/** The state key of a conversation on a channel: "channel/conversation". */
export function stateKey(channel: string, conversationKey: string): string {
  return `${channel}/${conversationKey}`;
}
