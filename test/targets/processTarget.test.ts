import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  createTarget,
  isAbortError,
  type PromptTarget,
  type TargetContext,
  type TargetTuning,
} from '../../daemon/orchestrators/targets';
import { waitFor } from '../helpers/daemonHarness';
import { FakeClock, promiseState } from '../helpers/fakeClock';

const fixtures = path.resolve(__dirname, '../fixtures/targets');
const context: TargetContext = { configDir: fixtures, secrets: {}, env: process.env };
const fast = { backoffBaseMs: 1, backoffMaxMs: 5, processKillGraceMs: 300 };
const scratch = mkdtempSync(path.join(os.tmpdir(), 'vutf-process-target-'));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('process target (a Python program speaking JSON lines)', () => {
  const targets: PromptTarget[] = [];
  const target = (args: string[] = [], fields: Record<string, unknown> = {}, tuning: Partial<TargetTuning> = {}) => {
    // cwd "." is the config's folder, so the script is found by a relative path.
    const created = createTarget(
      { type: 'process', command: 'python3', args: ['echo_target.py', ...args], cwd: '.', ...fields },
      context,
      { ...fast, ...tuning },
    );
    targets.push(created);
    return created;
  };
  const send = (chosen: PromptTarget, prompt: string, signal?: AbortSignal) =>
    chosen.send({ prompt, conversation_id: `c-${prompt}`, ...(signal ? { signal } : {}) });
  after(async () => {
    await Promise.all(targets.map((created) => created.dispose()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs requests concurrently on one process and matches answers to prompts by id', async () => {
    const echo = target(['--prefix', '> ']);
    const pid = (await send(echo, 'PID')).text;
    const delays = [0.5, 0, 0, 0, 0];
    const finished: number[] = [];
    const responses = await Promise.all(
      delays.map((delay, index) =>
        send(echo, `sleep:${delay}:answer ${index}`).then((response) => (finished.push(index), response)),
      ),
    );
    assert.deepEqual(
      responses.map((response) => response.text),
      delays.map((_, index) => `> answer ${index}`),
    );
    // The slow first prompt did not hold up the four sent after it: the program ran them side by side, and the
    // ids kept the out-of-order answers apart.
    assert.equal(finished.at(-1), 0);
    assert.equal((await send(echo, 'PID')).text, pid, 'still the same process');
    assert.equal(echo.identifier.__type__, 'ProcessTarget');
    assert.equal(echo.identifier.__module__, 'violentutf.prompt_target.process_target');
  });

  it('when the process crashes mid-request, retries the in-flight prompts on a respawned one', async () => {
    const marker = path.join(scratch, 'crashed-once');
    const flaky = target(['--crash-marker', marker]);
    const firstPid = (await send(flaky, 'PID')).text;
    const inFlight = [send(flaky, 'sleep:0.3:a'), send(flaky, 'sleep:0.3:b')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const crashing = send(flaky, 'CRASH_ONCE');
    const [a, b, crash] = await Promise.all([...inFlight, crashing]);
    assert.deepEqual([a!.text, b!.text, crash!.text], ['a', 'b', 'CRASH_ONCE']);
    assert.deepEqual([a!.attempts, b!.attempts, crash!.attempts], [2, 2, 2]);
    const secondPid = (await send(flaky, 'PID')).text;
    assert.notEqual(secondPid, firstPid);
    assert.equal(isRunning(Number(firstPid)), false);
  });

  it('after the last retry stores the crash, with the exit code and the end of stderr', async () => {
    const response = await send(target([], { max_retries: 1 }), 'CRASH');
    assert.equal(response.response_error, 'unknown');
    assert.equal(response.attempts, 2);
    assert.match(response.error_message ?? '', /exited with code 3 before answering/);
    assert.match(response.error_message ?? '', /simulated crash/);
    assert.match(response.error_message ?? '', /Gave up after 2 attempts/);
  });

  it('stores an {"error"} answer as a failure without retrying, and ignores stray output', async () => {
    const echo = target();
    const refused = await send(echo, 'ERROR');
    assert.deepEqual([refused.response_error, refused.attempts], ['unknown', 1]);
    assert.match(refused.error_message ?? '', /the model refused to load/);
    assert.equal((await send(echo, 'NOISE')).text, 'NOISE');
  });

  it('times out a request the program never answers', async () => {
    const response = await send(target([], { timeout_s: 0.1, max_retries: 0 }), 'sleep:2:late');
    assert.match(response.error_message ?? '', /No answer within 0\.1 s/);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    const pending = send(target(), 'sleep:2:late', controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: unknown) => isAbortError(error));
  });

  it('dispose ends the process; later sends reject', async () => {
    const echo = target();
    const pid = Number((await send(echo, 'PID')).text);
    assert.equal(isRunning(pid), true);
    await echo.dispose();
    assert.equal(isRunning(pid), false);
    await assert.rejects(send(echo, 'x'), /disposed/);
  });

  it('dispose kills with SIGKILL a program that ignores SIGTERM, after the grace', async () => {
    const clock = new FakeClock();
    const marker = path.join(scratch, 'got-sigterm');
    const stubborn = target(['--stubborn', '--sigterm-marker', marker], {}, { clock });
    const pid = Number((await send(stubborn, 'PID')).text);
    const disposing = stubborn.dispose();
    await waitFor('the program to get SIGTERM', () => existsSync(marker) || undefined);
    assert.equal(isRunning(pid), true, 'SIGTERM did not stop it');
    const grace = fast.processKillGraceMs;
    assert.deepEqual(clock.pending, [{ dueAt: grace, delayMs: grace }], 'SIGKILL is due when the grace is up');
    assert.equal(await promiseState(disposing), 'pending', 'dispose waits for the program to go');
    await clock.advance(grace);
    await disposing;
    assert.equal(isRunning(pid), false);
  });

  it('fails at once, without retrying, when the command does not exist', async () => {
    const missing = createTarget({ type: 'process', command: 'no-such-program-vutf', max_retries: 3 }, context, fast);
    targets.push(missing);
    const response = await send(missing, 'x');
    assert.deepEqual([response.response_error, response.attempts], ['unknown', 1]);
    assert.match(response.error_message ?? '', /Could not start .*no-such-program-vutf.*ENOENT/);
  });
});
