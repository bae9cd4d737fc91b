// Run as its own process by the guard test: it installs the guard, lets one exception and
// one rejection escape, and shows that it is still running afterwards.
import { createLog } from '../../../src/observability/log.js';
import { installProcessGuard } from '../../../src/server/processGuard.js';

installProcessGuard(createLog());
setTimeout(() => {
  throw Object.assign(new TypeError('private words in an exception'), { code: 'ERR_TEST_GUARD' });
}, 10);
setTimeout(() => void Promise.reject(new RangeError('private words in a rejection')), 20);
setTimeout(() => process.stdout.write('still serving\n'), 200);
setTimeout(() => undefined, 60_000);
