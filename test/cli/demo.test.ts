import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { CLI, makeTempEnv, runCli, waitFor } from '../helpers/daemonHarness';

describe('vutf daemon run --demo (what `npm start -- --demo` runs)', () => {
  const temp = makeTempEnv();
  let daemon: ChildProcess | undefined;
  after(async () => {
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((resolve) => daemon?.once('exit', resolve));
      daemon.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(temp.root, { recursive: true, force: true });
  });

  it('starts the daemon, runs the demo through it as a client, says where to look, and keeps serving', async () => {
    daemon = spawn(process.execPath, [CLI, 'daemon', 'run', '--demo'], {
      env: temp.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    daemon.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    daemon.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      'the demo to finish',
      () => (/Demo finished|the demo failed/.test(output) ? true : undefined),
      60_000,
    );
    assert.doesNotMatch(output, /the demo failed/, output);
    // Each run leads with its headline. The chat run shows every outcome: one secret given away (jailbroken), a
    // refusal and plain answers (held), and one prompt the model fails on (an error, so completed_with_errors).
    assert.match(
      output,
      /completed "echo basics": 3 of 12 judged jailbroken \(25\.0%\) · 12 prompts {2}\(execution /,
      output,
    );
    assert.match(
      output,
      /completed_with_errors "demo chat": 1 of 6 judged jailbroken \(16\.7%\) · 1 error · 7 prompts {2}\(execution /,
      output,
    );
    assert.match(output, /the demo model answered 7 request\(s\)/);
    assert.match(output, /results [0-9a-f-]{36}/);
    assert.equal(daemon.exitCode, null, 'the daemon keeps serving after the demo');

    // The runs belong to the OS user the demo connected as, which is also the CLI's default user.
    const list = runCli(['list', '--json'], temp.env);
    assert.equal(list.status, 0, list.stderr);
    const names = (JSON.parse(list.stdout) as { orchestrators: { name: string }[] }).orchestrators
      .map((item) => item.name)
      .sort();
    assert.deepEqual(names, ['demo chat', 'echo basics']);
  });
});
