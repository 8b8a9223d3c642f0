import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTarget, type PromptTarget, type TargetContext } from '../../daemon/orchestrators/targets';
import { ReplyBudget } from '../../daemon/orchestrators/targets/replyBudget';
import { targetSpecSchema } from '../../config/targetSpec';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { waitFor } from '../helpers/daemonHarness';
import { promiseState } from '../helpers/fakeClock';

/**
 * A hostile or broken model answering with megabytes (issue 13, item 8): one reply is read up to the target's
 * max_response_bytes and no further, stored as an error that says so; and replies wait for room in the daemon's
 * budget of reply bytes in flight rather than being read.
 */
const context: TargetContext = { configDir: process.cwd(), secrets: {}, env: {} };
const CUT_OFF = /^The reply was over max_response_bytes \(1 KiB\) and was cut off: /;

interface StreamingServer {
  url: string;
  /** Body bytes the server got onto the socket, per request, once each has ended. */
  sent: number[];
  close(): Promise<void>;
}

/** Streams a JSON chat completion of `bytes` in 16 KiB chunks with no Content-Length, minding backpressure. */
async function startStreamingServer(bytes: number): Promise<StreamingServer> {
  const sent: number[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    let written = 0;
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const pump = (): void => {
      while (written < bytes && !response.destroyed) {
        written += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    response.on('close', () => sent.push(written));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('max_response_bytes', () => {
  let model: MockOpenAi;
  const targets: PromptTarget[] = [];
  before(async () => {
    model = await startMockOpenAi();
  });
  after(async () => {
    await Promise.all(targets.map((target) => target.dispose()));
    await model.close();
  });
  const chat = (fields: Record<string, unknown> = {}, budget?: ReplyBudget): PromptTarget => {
    const target = createTarget(
      { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', max_response_bytes: 1024, ...fields },
      context,
      budget ? { replyBudget: budget } : {},
    );
    targets.push(target);
    return target;
  };

  it('defaults to 4 MiB on every remote and process target', () => {
    for (const spec of [
      { type: 'openai_chat', endpoint: 'http://127.0.0.1:1/v1/chat/completions', model: 'm' },
      { type: 'http', url: 'http://127.0.0.1:1/', response_path: 'a' },
      { type: 'process', command: 'x' },
    ]) {
      const parsed = targetSpecSchema.parse(spec);
      assert.equal('max_response_bytes' in parsed ? parsed.max_response_bytes : undefined, 4 * 1024 * 1024);
    }
  });

  it('stores a reply over the cap as an error that says so, and does not retry it', async () => {
    model.configure({ reply: () => 'x'.repeat(5000) });
    const response = await chat().send({ prompt: 'long', conversation_id: 'c' });
    assert.equal(response.response_error, 'unknown');
    assert.equal(response.text, '');
    assert.match(response.error_message ?? '', CUT_OFF);
    assert.equal(response.attempts, 1);
  });

  it('answers under the cap as before', async () => {
    model.configure({ reply: () => 'short' });
    const response = await chat().send({ prompt: 'short', conversation_id: 'c' });
    assert.equal(response.text, 'short');
  });

  it('stops reading a streamed reply with no Content-Length at the cap', async () => {
    const total = 64 * 1024 * 1024;
    const server = await startStreamingServer(total);
    try {
      const target = createTarget(
        { type: 'http', url: server.url, response_path: 'a', max_response_bytes: 1024, max_retries: 0 },
        context,
      );
      targets.push(target);
      const response = await target.send({ prompt: 'p', conversation_id: 'c' });
      assert.match(response.error_message ?? '', CUT_OFF);
      await waitFor('the server to see the connection end', () => server.sent.length === 1);
      // Loopback socket buffers hold several MiB at most; reading on would have taken all 64.
      assert.ok((server.sent[0] ?? total) < total / 2, `the server got ${server.sent[0]} bytes out`);
    } finally {
      await server.close();
    }
  });

  it('cuts off a process target line over the cap, with or without the id first', async () => {
    const script = `
      const rl = require('node:readline').createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const { id, prompt } = JSON.parse(line);
        const response = 'y'.repeat(prompt === 'huge' ? 5000 : 10);
        const reply = prompt === 'id last' ? { response: 'y'.repeat(5000), id } : { id, response };
        process.stdout.write(JSON.stringify(reply) + '\\n');
      });`;
    const target = createTarget(
      { type: 'process', command: process.execPath, args: ['-e', script], max_response_bytes: 1024, max_retries: 0 },
      context,
    );
    targets.push(target);
    const huge = await target.send({ prompt: 'huge', conversation_id: 'c1' });
    assert.equal(huge.response_error, 'unknown');
    assert.match(huge.error_message ?? '', CUT_OFF);
    const idLast = await target.send({ prompt: 'id last', conversation_id: 'c2' });
    assert.match(idLast.error_message ?? '', CUT_OFF);
    // The child is still in step: the next answer is its own.
    const fine = await target.send({ prompt: 'fine', conversation_id: 'c3' });
    assert.equal(fine.text, 'y'.repeat(10));
  });

  it('lets an answer wait for room in the reply budget rather than read it', async () => {
    model.configure({ reply: () => 'the answer' });
    const budget = new ReplyBudget(64 * 1024);
    const everything = await budget.reserve(64 * 1024);
    const sent = chat({ timeout_s: 30 }, budget).send({ prompt: 'wait', conversation_id: 'c' });
    const answeredBefore = model.count('ok');
    await waitFor('the model to answer', () => model.count('ok') > answeredBefore);
    assert.equal(await promiseState(sent), 'pending');
    everything();
    assert.equal((await sent).text, 'the answer');
    assert.equal(budget.reserved, 0);
  });
});

describe('ReplyBudget', () => {
  it('grants in order, waits when full, and takes what it can never hold as the whole budget', async () => {
    const budget = new ReplyBudget(100);
    const first = await budget.reserve(60);
    const second = budget.reserve(60);
    const third = budget.reserve(10);
    assert.equal(await promiseState(second), 'pending');
    // First come, first served: a small request does not overtake a waiting big one.
    assert.equal(await promiseState(third), 'pending');
    first();
    (await second)();
    (await third)();
    const huge = await budget.reserve(1000);
    assert.equal(budget.reserved, 100);
    huge();
    huge();
    assert.equal(budget.reserved, 0, 'releasing twice gives back once');
  });

  it('stops waiting when the signal fires', async () => {
    const budget = new ReplyBudget(10);
    const held = await budget.reserve(10);
    const controller = new AbortController();
    const waiting = budget.reserve(5, controller.signal);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    held();
    assert.equal(budget.reserved, 0);
    (await budget.reserve(10))();
  });
});
