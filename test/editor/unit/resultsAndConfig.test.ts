import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { toCsv, toJsonLines, type ResultItem } from '../../../extension/panels/resultsExport';
import { resultItem, score } from './fixtures';
import { describeCacheClear } from '../../../extension/commands/cacheSummary';
import { exampleOrchestratorConfig, slugify } from '../../../extension/orchestratorConfig/exampleConfig';
import { executionInput } from '../../../client/startExecution';
import {
  isOrchestratorFile,
  readConfigFile,
  secretNames,
} from '../../../extension/orchestratorConfig/orchestratorFile';
import { isDebugPanelFromWebview } from '../../../webview/shared/debugPanelMessages';

const item: ResultItem = resultItem('say "hi", then\nstop', {
  attack_result_id: 'ar1',
  conversation_id: 'c1',
  outcome: 'failure',
  automated_outcome: 'success',
  outcome_reason: 'Jailbroken: SubStringScorer True.',
  label: { outcome: 'failure', note: 'a quote, "not" a leak', reviewer: 'tam', labelled_at: 'now', score_id: 'h1' },
  request: {
    original_value: 'say "hi", then\nstop',
    converted_value: 'c2F5',
    converters: ['Base64Converter', 'ROT13Converter'],
  },
  response: { converted_value: 'hi, there', response_error: 'none' },
  scores: [score({ score_rationale: null })],
});

test('CSV quotes every field so commas, quotes and newlines survive', () => {
  const csv = toCsv([item]);
  const [header, row] = csv.split('\r\n');
  assert.equal(
    header,
    'attack_result_id,prompt_index,conversation_id,outcome,automated_outcome,outcome_reason,label,label_note,execution_time_ms,original_prompt,converted_prompt,converters,response,response_error,scores',
  );
  assert.equal(
    row,
    '"ar1","0","c1","failure","success","Jailbroken: SubStringScorer True.","failure","a quote, ""not"" a leak","12","say ""hi"", then\nstop","c2F5","Base64Converter → ROT13Converter","hi, there","none","SubStringScorer:jailbreak=True"',
  );
});

test('JSON Lines holds one result per line, as results/list returns it', () => {
  const lines = toJsonLines([item, item]).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(JSON.parse(lines[0]), item);
  assert.equal(toJsonLines([]), '');
});

test('Clear Cache summary names what was closed, disposed and kept', () => {
  assert.equal(
    describeCacheClear({
      closed: ['/m/a.db'],
      kept: [{ path: '/m/b.db', reason: 'writing' }],
      pool_instances_disposed: 2,
    }),
    'Cache cleared: closed 1 database, disposed 2 idle pool instances, kept 1 open database (writing).',
  );
  assert.equal(
    describeCacheClear({ closed: [], kept: [], pool_instances_disposed: 0 }),
    'Cache cleared: closed 0 databases, disposed 0 idle pool instances.',
  );
});

test('api_key_secret names are found anywhere in the parameters', () => {
  const parameters = {
    objective_target: { type: 'openai_chat', api_key_secret: 'openai' },
    scorers: [{ type: 'self_ask_true_false', chat_target: { api_key_secret: 'judge' } }, { type: 'substring' }],
  };
  assert.deepEqual(secretNames(parameters), ['judge', 'openai']);
  assert.deepEqual(secretNames(undefined), []);
});

test("the examples New Orchestrator Config writes pass the daemon's own config reader", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-example-'));
  try {
    for (const format of ['json', 'yaml'] as const) {
      const file = path.join(dir, `${slugify('My First: Attack!')}.orchestrator.${format}`);
      assert.ok(isOrchestratorFile(file));
      fs.writeFileSync(file, exampleOrchestratorConfig('My First: Attack!', format));
      const config = await readConfigFile(file);
      assert.equal(config.name, 'My First: Attack!');
      assert.equal(executionInput(config).execution_type, 'prompt_list');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('debug panel messages are checked before the host acts on them', () => {
  assert.equal(isDebugPanelFromWebview({ type: 'clearCache' }), true);
  assert.equal(isDebugPanelFromWebview({ type: 'runShell', command: 'rm -rf /' }), false);
  assert.equal(isDebugPanelFromWebview('clearCache'), false);
});
