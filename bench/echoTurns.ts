import type { OutgoingActivity } from '../src/channels/render/outgoingActivity.js';
import type { TurnRequest, TurnRunner } from '../src/turns/TurnRunner.js';

const signpost = {
  urgency: 'routine' as const,
  step: 'echo',
  services: [],
  contentVersion: 'bench',
};

/** An echo "bot" behind the turn port: the baseline for a channel's own overhead. */
export const echoTurns: TurnRunner = {
  runTurn(request: TurnRequest) {
    const length = request.input.kind === 'message' ? request.input.text.length : 0;
    const activity: OutgoingActivity = {
      type: 'message',
      text: `echo ${length}`,
      textFormat: 'plain',
      channelData: { signpost },
    };
    return Promise.resolve({ activities: [activity], ended: false });
  },
  forget: () => Promise.resolve(),
  failSafe: () => [],
};
