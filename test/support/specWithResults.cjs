// Mocha's spec reporter, plus a JSON summary written to $MOCHA_RESULTS_FILE when set.
// .ci/run reads that file to print its own "N passed, N failed" line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

class SpecWithResults extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0 };
    runner.on(EVENT_TEST_PASS, () => (counts.passed += 1));
    runner.on(EVENT_TEST_FAIL, () => (counts.failed += 1));
    runner.on(EVENT_TEST_PENDING, () => (counts.skipped += 1));
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MOCHA_RESULTS_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify(counts));
    });
  }
}

module.exports = SpecWithResults;
