import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';
import { writeResultsJson } from '../../daemon/cli/resultPages';

/**
 * Many large but allowed answers (issue 13, item 8): a results/list page is bounded in bytes as well as rows, well
 * under the client's 64 MiB frame limit, and next_cursor carries on; `vutf results` pages through them.
 */
const PAGE_BYTE_BUDGET = 16 * 1024 * 1024;
const CLIENT_FRAME_LIMIT = 64 * 1024 * 1024;
const ANSWER = 'b'.repeat(3 * 1024 * 1024);
const PROMPTS = 12;

describe('results pages of large answers (real daemon)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  let executionId: string;
  before(async () => {
    model = await startMockOpenAi({ reply: () => ANSWER });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('reader');
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'large answers',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'big' }, batch_size: 4 },
    });
    const prompts = Array.from({ length: PROMPTS }, (_, index) => `prompt ${index}`);
    const ended = await runToEnd(connection, orchestrator.id, prompts);
    assert.equal(ended.status, 'completed');
    executionId = ended.execution_id;
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('cuts a page at the byte budget and continues by next_cursor, every result once', async () => {
    const seen: number[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await connection.request('results/list', {
        execution_id: executionId,
        limit: 500,
        ...(cursor === undefined ? {} : { cursor }),
      });
      const bytes = Buffer.byteLength(JSON.stringify(page));
      assert.ok(bytes <= PAGE_BYTE_BUDGET + 64 * 1024, `a page of ${bytes} bytes`);
      assert.ok(bytes < CLIENT_FRAME_LIMIT);
      assert.ok(page.items.length >= 1);
      assert.equal(page.total, PROMPTS);
      for (const item of page.items) assert.equal(item.response?.converted_value, ANSWER);
      seen.push(...page.items.map((item) => item.prompt_index));
      pageSizes.push(page.items.length);
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    assert.ok(pageSizes.length >= 3, `pages of ${pageSizes.join(', ')} items`);
    assert.deepEqual(
      seen,
      Array.from({ length: PROMPTS }, (_, index) => index),
    );
  });

  it('cuts sorted and filtered pages the same way', async () => {
    const first = await connection.request('results/list', {
      execution_id: executionId,
      limit: 500,
      sort: 'latency',
      search: 'bbbb',
    });
    assert.ok(first.items.length < PROMPTS);
    assert.notEqual(first.next_cursor, null);
    const second = await connection.request('results/list', {
      execution_id: executionId,
      limit: 500,
      sort: 'latency',
      search: 'bbbb',
      cursor: first.next_cursor ?? undefined,
    });
    const firstIds = new Set(first.items.map((item) => item.prompt_index));
    assert.ok(second.items.every((item) => !firstIds.has(item.prompt_index)));
  });

  it('`vutf results` prints every result across pages, as text and as JSON', async () => {
    const json = await daemon.cliAsync(['results', executionId, '--json', '--user', 'reader']);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { total: number; items: { prompt_index: number }[] };
    assert.equal(parsed.total, PROMPTS);
    assert.deepEqual(
      parsed.items.map((item) => item.prompt_index),
      Array.from({ length: PROMPTS }, (_, index) => index),
    );
    const text = await daemon.cliAsync(['results', executionId, '--limit', String(PROMPTS), '--user', 'reader']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`${PROMPTS} of ${PROMPTS} shown\\.`));
  });
});

describe('vutf results: one page at a time', () => {
  type Item = { prompt_index: number };
  const pages: { items: Item[]; next_cursor: string | null }[] = [
    { items: [{ prompt_index: 0 }, { prompt_index: 1 }], next_cursor: 'second' },
    { items: [{ prompt_index: 2 }], next_cursor: 'third' },
    { items: [{ prompt_index: 3 }], next_cursor: null },
  ];
  const fakeLink = (events: string[]) => ({
    request: async (method: string, params?: { cursor?: string }) => {
      if (method === 'results/summary') return { summary: 'of the run' };
      const index = params?.cursor === undefined ? 0 : params.cursor === 'second' ? 1 : 2;
      events.push(`request page ${index + 1}`);
      return { ...pages[index], total: 4, limit: 500 };
    },
    onNotification: () => ({ dispose: () => undefined }),
  });

  it('writes each page of --json before asking for the next, and the whole is one JSON document', async () => {
    const events: string[] = [];
    let output = '';
    const link = fakeLink(events) as unknown as Parameters<typeof writeResultsJson>[0];
    await writeResultsJson(link, 'run', (text) => {
      events.push(`write ${text.includes('"prompt_index": 1') ? 'item 1' : 'other'}`);
      output += text;
    });
    assert.ok(events.indexOf('write item 1') < events.indexOf('request page 2'), events.join(' → '));
    const parsed = JSON.parse(output) as { execution_id: string; total: number; items: Item[]; summary: unknown };
    assert.equal(parsed.execution_id, 'run');
    assert.equal(parsed.total, 4);
    assert.deepEqual(
      parsed.items.map((item) => item.prompt_index),
      [0, 1, 2, 3],
    );
    assert.deepEqual(parsed.summary, { summary: 'of the run' });
  });
});
