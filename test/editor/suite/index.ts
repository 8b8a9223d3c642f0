// Loaded by VS Code's extension host through `extensionTestsPath`: runs the *.e2e.js beside it with mocha, in the
// order below, and writes a machine-readable result file (the harness reads it; console output of the remote host
// is not ours).
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

/**
 * The suites in the order they run, stated here instead of left to file-name sorting (which ran `10-threads`
 * second). Each suite sets up what it needs itself (its configs, runs, servers), so none relies on one before it.
 * The order keeps `activation` first, since it checks the window's first start of the daemon on the harness's
 * fresh state dir, and `restart` (which replaces the daemon) in the middle, so the suites after it also show the
 * window working against a daemon it respawned. A suite file missing here, or listed but absent, fails the run
 * instead of being skipped or guessed at.
 */
export const SUITE_ORDER: readonly string[] = [
  '1-activation.e2e.js',
  '2-debugPanel.e2e.js',
  '3-launch.e2e.js',
  '4-cache.e2e.js',
  '5-restart.e2e.js',
  '6-cancelResume.e2e.js',
  '8-testExplorer.e2e.js',
  '9-compare.e2e.js',
  '10-threads.e2e.js',
  '11-verdict.e2e.js',
  '12-envAllowance.e2e.js',
  '13-configFiles.e2e.js',
  '14-crash.e2e.js',
  '15-affordances.e2e.js',
  '16-findings.e2e.js',
  '17-onboarding.e2e.js',
];

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const resultFile = process.env.VUTF_EDITOR_RESULT;
  const present = fs.readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js'));
  const unlisted = present.filter((f) => !SUITE_ORDER.includes(f));
  const absent = SUITE_ORDER.filter((f) => !present.includes(f));
  if (unlisted.length > 0 || absent.length > 0) {
    const error = `test/editor/suite/index.ts SUITE_ORDER is out of date: not listed ${JSON.stringify(unlisted)}, listed but absent ${JSON.stringify(absent)}`;
    const outcomes: TestOutcome[] = [{ title: 'editor suite order', state: 'failed', durationMs: 0, error }];
    if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ failures: 1, outcomes }, null, 2));
    return Promise.reject(new Error(error));
  }
  for (const file of SUITE_ORDER) mocha.addFile(path.join(__dirname, file));
  const outcomes: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ failures, outcomes }, null, 2));
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }),
    );
    runner.on('fail', (test, error: Error) =>
      outcomes.push({
        title: test.fullTitle(),
        state: 'failed',
        durationMs: test.duration ?? 0,
        error: String(error?.stack ?? error),
      }),
    );
    runner.on('pending', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'skipped', durationMs: 0, error: skipReason(test) }),
    );
  });
}

/** `this.skip()` carries no reason; our tests put it on the test object before skipping. */
function skipReason(test: Mocha.Test): string | undefined {
  const reason = (test as Mocha.Test & { skipReason?: unknown }).skipReason;
  return typeof reason === 'string' ? reason : undefined;
}
