import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, makeTempEnv, runCli, runToEnd } from '../helpers/daemonHarness';

/**
 * Prompts, answers and the daemon's log are the user's red-teaming data: other local users must not read them.
 * Files a daemon finds already there (an older install, a copied memory dir, a log from before) are tightened too:
 * creating new files 0600 does nothing for one that exists 0644. The test umask is 022, so without the daemon's
 * chmod every file here would be group- and world-readable.
 */
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const octal = (value: number) => `0${value.toString(8)}`;

function assertMode(file: string, expected: number, what: string): void {
  assert.equal(octal(mode(file)), octal(expected), `${what} (${file})`);
}

describe('private file modes for data the daemon finds or writes', () => {
  it('tightens an existing memory dir to 0700 and its DB file to 0600 when the user next uses it', async () => {
    const first = await DaemonHarness.start();
    try {
      const connection = await first.connect('olga');
      await connection.request('orchestrators/create', {
        name: 'any',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' } },
      });
      const { db_path: dbPath } = await connection.request('debug/info');
      connection.close();
      await first.stop({ keepFiles: true });
      // As an older install or a `cp -r` would have left them.
      fs.chmodSync(first.memoryDir, 0o755);
      for (const file of fs.readdirSync(first.memoryDir)) fs.chmodSync(path.join(first.memoryDir, file), 0o644);

      const second = await DaemonHarness.start({ reuse: first });
      try {
        const again = await second.connect('olga');
        assert.equal((await again.request('orchestrators/list')).orchestrators.length, 1);
        again.close();
        assertMode(second.memoryDir, 0o700, 'the memory dir');
        assertMode(dbPath, 0o600, "the user's DB file");
      } finally {
        await second.stop({ keepFiles: true });
      }
    } finally {
      await first.stop();
    }
  });

  it('tightens an existing daemon.log to 0600 when `vutf daemon start` appends to it', () => {
    const temp = makeTempEnv();
    try {
      fs.mkdirSync(temp.stateDir, { recursive: true, mode: 0o700 });
      const log = path.join(temp.stateDir, 'daemon.log');
      fs.writeFileSync(log, 'a line from an older daemon\n', { mode: 0o644 });
      fs.chmodSync(log, 0o644);
      const started = runCli(['daemon', 'start'], temp.env);
      assert.equal(started.status, 0, started.stderr);
      assertMode(log, 0o600, 'daemon.log');
      assert.match(fs.readFileSync(log, 'utf8'), /^a line from an older daemon\n/, 'appended to, not replaced');
    } finally {
      runCli(['daemon', 'stop'], temp.env);
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });

  it('writes exports 0600 (results/export and `vutf export`, also over an existing 0644 file) and JUnit reports', async () => {
    const daemon = await DaemonHarness.start();
    try {
      const connection = await daemon.connect('olga');
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'exported',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' } },
      });
      const execution = await runToEnd(connection, orchestrator.id, ['a prompt', 'another']);
      for (const format of ['csv', 'jsonl', 'parquet'] as const) {
        const file = path.join(daemon.root, `by-rpc.${format}`);
        await connection.request('results/export', { execution_id: execution.execution_id, format, path: file });
        assertMode(file, 0o600, `results/export ${format}`);
      }
      const existing = path.join(daemon.root, 'by-cli.csv');
      fs.writeFileSync(existing, 'old\n', { mode: 0o644 });
      fs.chmodSync(existing, 0o644);
      const cli = daemon.cli([
        'export',
        execution.execution_id,
        '--format',
        'csv',
        '--out',
        existing,
        '--user',
        'olga',
      ]);
      assert.equal(cli.status, 0, cli.stderr);
      assertMode(existing, 0o600, 'vutf export over an existing file');
      connection.close();

      const config = path.join(daemon.root, 'junit.orchestrator.json');
      fs.writeFileSync(
        config,
        JSON.stringify({
          name: 'junit modes',
          orchestrator_type: 'prompt_sending',
          parameters: { objective_target: { type: 'echo' } },
          input: { prompt_list: ['hello'] },
        }),
      );
      const report = path.join(daemon.root, 'report.xml');
      const launched = await daemon.cliAsync(['launch', config, '--wait', '--junit', report, '--user', 'olga']);
      assert.equal(launched.status, 0, launched.stderr);
      assertMode(report, 0o600, 'the JUnit report');
    } finally {
      await daemon.stop();
    }
  });
});
