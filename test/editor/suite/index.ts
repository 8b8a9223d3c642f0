// Loaded by VS Code's extension host through `extensionTestsPath`: runs every *.e2e.js beside it with mocha and
// writes a machine-readable result file (the harness reads it; console output of the remote host is not ours).
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort())
    mocha.addFile(path.join(__dirname, file));
  const resultFile = process.env.VUTF_EDITOR_RESULT;
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
