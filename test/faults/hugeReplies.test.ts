import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults } from './faultKit';

/**
 * A model that answers with 30 MB (issue 13, item 8): twenty such answers took the daemon to 5 GB and `vutf
 * results` then failed with "Invalid string length". One reply is read up to max_response_bytes (4 MiB) and no
 * further; the prompt is stored as an error saying so. Half the answers announce their length (refused before
 * any body is read), half stream without one (cut off at the cap).
 */
const HUGE = 30 * 1024 * 1024;
const PROMPTS = 20;
const CHUNK = Buffer.alloc(256 * 1024, 'a');
const CUT_OFF = /^The reply was over max_response_bytes \(4 MiB\) and was cut off: /;

interface HugeModel {
  url: string;
  /** Bytes of each reply the server got onto the socket before the daemon stopped reading. */
  sent: number[];
  close(): Promise<void>;
}

/** A chat completion whose content is `HUGE` bytes of "a", written chunk by chunk as the socket drains. */
async function startHugeModel(): Promise<HugeModel> {
  const prefix = Buffer.from('{"choices":[{"index":0,"message":{"role":"assistant","content":"');
  const suffix = Buffer.from('"},"finish_reason":"stop"}]}');
  const sent: number[] = [];
  let requests = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    const announced = requests++ % 2 === 0;
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(announced ? { 'content-length': String(prefix.length + HUGE + suffix.length) } : {}),
    });
    let written = 0;
    const pump = (): void => {
      if (written === 0) response.write(prefix);
      while (written < HUGE && !response.destroyed) {
        written += CHUNK.length;
        if (!response.write(CHUNK)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end(suffix);
    };
    response.on('close', () => sent.push(written));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    sent,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The daemon's peak resident set so far (VmHWM), in bytes: what a burst of replies would have pushed up. */
function peakRss(pid: number): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match, 'no VmHWM in /proc/PID/status');
  return Number(match[1]) * 1024;
}

describe('huge replies (real daemon)', () => {
  let daemon: DaemonHarness;
  let model: HugeModel;
  let connection: DaemonConnection;
  before(async () => {
    model = await startHugeModel();
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('hoarder');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('stores each 30 MB answer as an error, reads no more of it than the cap, and stays small', async () => {
    // The same path once with small answers, so the baseline has the engine, DuckDB and the sockets warmed up.
    const warm = await connection.request('orchestrators/create', {
      name: 'warm',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' }, batch_size: PROMPTS },
    });
    await runToEnd(connection, warm.id, ['warm']);
    const baseline = peakRss(daemon.pid);

    const orchestrator = await connection.request('orchestrators/create', {
      name: 'huge answers',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.url, model: 'hoarder', max_retries: 0 },
        batch_size: PROMPTS,
        scorers: [{ type: 'substring', substring: 'aaaa' }],
      },
    });
    const prompts = Array.from({ length: PROMPTS }, (_, index) => `prompt ${index}`);
    const ended = await runToEnd(connection, orchestrator.id, prompts);
    assert.equal(ended.status, 'failed');
    assert.deepEqual(ended.progress, { completed: PROMPTS, total: PROMPTS, errors: PROMPTS });

    const { items } = await allResults(connection, ended.execution_id);
    assert.equal(items.length, PROMPTS);
    for (const item of items) {
      assert.equal(item.outcome, 'error');
      assert.equal(item.response?.response_error, 'unknown');
      assert.match(item.response?.converted_value ?? '', CUT_OFF);
      assert.deepEqual(item.scores, [], 'an error is never scored');
    }

    // What the model got onto the socket is what the daemon read plus what loopback buffers held (several MiB, and
    // the kernel's to size): never a whole reply, and far from all of them.
    assert.equal(model.sent.length, PROMPTS);
    for (const bytes of model.sent) assert.ok(bytes < HUGE, `the model got all ${bytes} bytes of a reply out`);
    const sent = model.sent.reduce((sum, bytes) => sum + bytes, 0);
    assert.ok(sent < (PROMPTS * HUGE) / 2, `the model got ${sent} bytes out in all`);
    // Reading every answer whole would take the daemon past 20 × 30 MB; the slack is for what the run itself costs.
    const growth = peakRss(daemon.pid) - baseline;
    assert.ok(growth < (PROMPTS * HUGE) / 2, `peak RSS grew by ${Math.round(growth / 1024 / 1024)} MiB`);
    assert.equal((await connection.request('health/get')).status, 'healthy');
  });
});
