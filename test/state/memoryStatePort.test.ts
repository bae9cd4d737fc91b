import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import { describeStatePortContract } from './statePortContract.js';

describeStatePortContract('memory', () => {
  let time = Date.parse('2026-11-25T12:00:00Z');
  const now = () => time;
  return Promise.resolve({
    port: createMemoryStatePort(now),
    now,
    advance: (ms: number) => {
      time += ms;
      return Promise.resolve();
    },
  });
});
