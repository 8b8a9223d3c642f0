import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PRETEND_MISSING_ENV, isCI, pythonWebsockets, requireTool } from '../helpers/requirement';

const HELPER = path.resolve(__dirname, '..', 'helpers', 'requirement.ts');
const present = () => true;
const missing = () => false;

describe('requireTool: a missing requirement skips outside CI and fails under CI', () => {
  it('skips with a message naming what to install when CI is unset', () => {
    const need = requireTool('frobnicator', missing, 'install frob (apt-get install frob)', {});
    assert.equal(need.present, false);
    assert.equal(need.skip, 'frobnicator is missing: install frob (apt-get install frob)');
    assert.throws(() => need.assert(), /frobnicator is missing: install frob \(apt-get install frob\)/);
  });

  it('does not skip under CI=true, and assert() fails with the same message', () => {
    const need = requireTool('frobnicator', missing, 'install frob (apt-get install frob)', { CI: 'true' });
    assert.equal(need.skip, false, 'the test runs');
    assert.throws(
      () => need.assert(),
      (error: unknown) =>
        error instanceof Error &&
        error.message.startsWith('frobnicator is missing: install frob (apt-get install frob)') &&
        error.message.includes('under CI this test fails instead of skipping'),
    );
  });

  it('neither skips nor fails when the requirement is there, with or without CI', () => {
    for (const env of [{}, { CI: 'true' }]) {
      const need = requireTool('frobnicator', present, 'install frob', env);
      assert.equal(need.present, true);
      assert.equal(need.skip, false);
      assert.doesNotThrow(() => need.assert());
    }
  });

  it('counts a probe that throws as missing, with its error in the message', () => {
    const need = requireTool(
      'frobnicator',
      () => {
        throw new Error('no /dev/frob');
      },
      'install frob',
      {},
    );
    assert.equal(need.present, false);
    assert.match(String(need.skip), /frobnicator is missing \(checking for it failed: no \/dev\/frob\): install frob/);
  });

  it(`treats names in ${PRETEND_MISSING_ENV} as missing without asking the probe`, () => {
    let asked = false;
    const probe = () => {
      asked = true;
      return true;
    };
    const need = requireTool('frobnicator', probe, 'install frob', { [PRETEND_MISSING_ENV]: 'other, frobnicator' });
    assert.equal(asked, false);
    assert.equal(need.present, false);
    assert.match(String(need.skip), /frobnicator is missing/);
    assert.equal(requireTool('frobnicator', probe, 'install frob', { [PRETEND_MISSING_ENV]: 'other' }).present, true);
  });

  it('reads CI the way CI services set it', () => {
    assert.equal(isCI({}), false);
    assert.equal(isCI({ CI: '' }), false);
    assert.equal(isCI({ CI: 'false' }), false);
    assert.equal(isCI({ CI: '0' }), false);
    assert.equal(isCI({ CI: 'true' }), true);
    assert.equal(isCI({ CI: '1' }), true);
  });

  it('the Python client requirement names python3-websockets and how to install it', () => {
    const need = pythonWebsockets({ [PRETEND_MISSING_ENV]: 'python3-websockets' });
    assert.equal(
      need.skip,
      `python3-websockets is missing (${PRETEND_MISSING_ENV} says so): install python3-websockets (apt-get install python3-websockets)`,
    );
  });

  // The same, through node:test itself: a suite using `skip` and `assert()` as the real suites do.
  it('as the skip option of node:test: reported as skipped outside CI, as a failure under CI', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-requirement-'));
    try {
      const file = path.join(dir, 'uses-requirement.test.ts');
      fs.writeFileSync(
        file,
        [
          `import { describe, it } from 'node:test';`,
          `import { requireTool } from ${JSON.stringify(HELPER)};`,
          `const need = requireTool('frobnicator', () => false, 'install frob (apt-get install frob)');`,
          `describe('needs frob', () => {`,
          `  it('uses frob', { skip: need.skip }, () => { need.assert(); });`,
          `});`,
          '',
        ].join('\n'),
      );
      const run = (ci: string | undefined) => {
        const env: NodeJS.ProcessEnv = { ...process.env };
        delete env.CI;
        if (ci !== undefined) env.CI = ci;
        delete env[PRETEND_MISSING_ENV];
        // The child's own output only: without this, node:test would nest it into this file's report.
        delete env.NODE_TEST_CONTEXT;
        return spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
          env,
          encoding: 'utf8',
          timeout: 60_000,
        });
      };
      const local = run(undefined);
      assert.equal(local.status, 0, local.stdout + local.stderr);
      assert.match(local.stdout, /# SKIP frobnicator is missing: install frob \(apt-get install frob\)/);
      assert.match(local.stdout, /# skipped 1/);
      assert.match(local.stdout, /# fail 0/);

      const ci = run('true');
      assert.equal(ci.status, 1, ci.stdout + ci.stderr);
      assert.doesNotMatch(ci.stdout, /# SKIP/);
      assert.match(ci.stdout, /not ok \d+ - uses frob/);
      assert.match(ci.stdout, /frobnicator is missing: install frob \(apt-get install frob\)/);
      assert.match(ci.stdout, /# fail 1/);
      assert.match(ci.stdout, /# skipped 0/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
