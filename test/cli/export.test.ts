import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { DaemonHarness } from '../helpers/daemonHarness';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';

type ResultItem = ResultOf<'results/list'>['items'][number];

/** The fields an export row carries, in the shape results/list gives them (JSON columns parsed). */
interface ComparableRow {
  attack_result_id: string;
  prompt_index: number;
  conversation_id: string;
  original_value: string;
  converted_value: string;
  converters: unknown;
  response: string | null;
  response_error: string | null;
  outcome: string;
  automated_outcome: string;
  outcome_reason: string | null;
  label_note: string | null;
  turns: number;
  scores: unknown;
}

/** What of a score the export holds: its verdict and why, as PyRIT stores them. */
const SCORE_FIELDS = [
  'score_value',
  'score_type',
  'score_category',
  'score_rationale',
  'scorer',
  'true_means',
  'objective',
] as const;

function fromResultItem(item: ResultItem): ComparableRow {
  return {
    attack_result_id: item.attack_result_id,
    prompt_index: item.prompt_index,
    conversation_id: item.conversation_id,
    original_value: item.request.original_value,
    converted_value: item.request.converted_value,
    converters: item.request.converters,
    response: item.response?.converted_value ?? null,
    response_error: item.response?.response_error ?? null,
    outcome: item.outcome,
    automated_outcome: item.automated_outcome,
    outcome_reason: item.outcome_reason,
    label_note: item.label?.note ?? null,
    turns: item.executed_turns,
    scores: item.scores.map((score) => Object.fromEntries(SCORE_FIELDS.map((field) => [field, score[field]]))),
  };
}

/**
 * CSV and Parquet hold the JSON columns as text, JSONL as nested values: both read back as the same value. CSV
 * has no null: an empty cell of a text column that may be null reads as null.
 */
function fromExportRow(row: Record<string, unknown>, executionId: string): ComparableRow {
  const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
  const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
  assert.equal(row.execution_id, executionId);
  assert.equal(Number(row.turns), 1, 'single-turn runs send one turn per prompt');
  return {
    attack_result_id: String(row.attack_result_id),
    prompt_index: Number(row.prompt_index),
    conversation_id: String(row.conversation_id),
    original_value: String(row.original_value),
    converted_value: String(row.converted_value),
    converters: json(row.converters),
    response: text(row.response),
    response_error: text(row.response_error),
    outcome: String(row.outcome),
    automated_outcome: String(row.automated_outcome),
    outcome_reason: text(row.outcome_reason),
    label_note: text(row.label_note),
    turns: Number(row.turns),
    scores: json(row.scores),
  };
}

async function allResults(connection: DaemonConnection, executionId: string): Promise<ComparableRow[]> {
  const page = await connection.request('results/list', { execution_id: executionId, limit: 500 });
  assert.equal(page.items.length, page.total);
  return page.items.map(fromResultItem);
}

/** Parquet is read by DuckDB in this process, from a copy, so the test never holds the daemon's file open. */
async function readParquet(file: string): Promise<Record<string, unknown>[]> {
  const copy = `${file}.copy.parquet`;
  fs.copyFileSync(file, copy);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${copy.replace(/'/g, "''")}')`);
    connection.closeSync();
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    instance.closeSync();
  }
}

function readExport(format: string, file: string): Promise<Record<string, unknown>[]> | Record<string, unknown>[] {
  const text = () => fs.readFileSync(file, 'utf8');
  if (format === 'csv') return parse(text(), { columns: true }) as Record<string, unknown>[];
  if (format === 'jsonl')
    return text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return readParquet(file);
}

describe('vutf demo, then results/export and vutf export', () => {
  let daemon: DaemonHarness;
  let connection: DaemonConnection;
  const executions = new Map<string, string>();

  before(async () => {
    daemon = await DaemonHarness.start();
    const demo = await daemon.cliAsync(['demo', '--user', 'hana']);
    assert.equal(demo.status, 0, demo.stderr + demo.stdout);
    assert.match(demo.stdout, /vutf list/);
    assert.match(demo.stdout, /vutf results [0-9a-f-]{36}/);
    connection = await daemon.connect('hana');
    for (const item of (await connection.request('orchestrators/list')).orchestrators) {
      assert.equal(
        item.last_execution?.status,
        item.name === 'demo chat' ? 'completed_with_errors' : 'completed',
        `${item.name}: ${item.last_execution?.error ?? ''}`,
      );
      executions.set(item.name, item.last_execution.execution_id);
    }
  });
  after(async () => {
    connection?.close();
    await daemon?.stop();
  });

  it('the demo ran the echo example and a chat run against its scripted local model', async () => {
    assert.deepEqual([...executions.keys()].sort(), ['demo chat', 'echo basics']);
    const chat = await allResults(connection, executions.get('demo chat') ?? '');
    assert.equal(chat.length, 7);
    assert.deepEqual(
      chat.map((row) => row.outcome),
      ['failure', 'failure', 'failure', 'failure', 'success', 'failure', 'error'],
    );
    assert.ok(chat.some((row) => row.response === 'The capital of France is Paris.'));
    // One canned refusal, so the refusal scorer has something to show.
    const isRefusal = (score: unknown) =>
      typeof score === 'object' &&
      score !== null &&
      'score_category' in score &&
      score.score_category === 'refusal' &&
      'score_value' in score &&
      score.score_value === 'True';
    const refused = chat.filter((row) => Array.isArray(row.scores) && row.scores.some(isRefusal));
    assert.equal(refused.length, 1);
  });

  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`exports ${format} whose rows, read back, equal results/list`, async () => {
      for (const [name, executionId] of executions) {
        const out = path.join(daemon.root, `${name.replace(/\s/g, '-')}.${format}`);
        const cli = daemon.cli(['export', executionId, '--format', format, '--out', out, '--json', '--user', 'hana']);
        assert.equal(cli.status, 0, cli.stderr);
        const written = JSON.parse(cli.stdout) as ResultOf<'results/export'>;
        assert.equal(written.path, fs.realpathSync(out));
        assert.equal(written.bytes, fs.statSync(out).size);
        const expected = await allResults(connection, executionId);
        assert.equal(written.rows, expected.length);
        const rows = (await readExport(format, out)).map((row) => fromExportRow(row, executionId));
        assert.deepEqual(rows, expected);
        assert.deepEqual(
          fs.readdirSync(daemon.root).filter((file) => file.endsWith('.partial')),
          [],
          'no staging file is left behind',
        );
      }
    });
  }

  it("shows a reviewer's label in the export: the label as outcome, the scorers' beside it, the note", async () => {
    const executionId = executions.get('demo chat') ?? '';
    const [first] = await allResults(connection, executionId);
    const flipped = first.outcome === 'success' ? '--held' : '--jailbroken';
    const labelled = daemon.cli([
      'label',
      executionId,
      first.conversation_id,
      flipped,
      '--note',
      'checked by hand',
      '--user',
      'hana',
    ]);
    assert.equal(labelled.status, 0, labelled.stderr);
    const out = path.join(daemon.root, 'labelled.jsonl');
    assert.equal(daemon.cli(['export', executionId, '--format', 'jsonl', '--out', out, '--user', 'hana']).status, 0);
    const row = (await readExport('jsonl', out)).map((each) => fromExportRow(each, executionId))[0];
    assert.deepEqual(row, (await allResults(connection, executionId))[0]);
    assert.equal(row.outcome, flipped === '--held' ? 'failure' : 'success');
    assert.equal(row.automated_outcome, first.outcome);
    assert.equal(row.label_note, 'checked by hand');
  });

  it('refuses paths a person must change, with InvalidConfig saying why', async () => {
    const executionId = executions.get('echo basics') ?? '';
    const refused = async (filePath: string, reason: RegExp) =>
      assert.rejects(
        connection.request('results/export', { execution_id: executionId, format: 'csv', path: filePath }),
        (error: unknown) => {
          assert.ok(error instanceof DaemonError);
          assert.equal(error.code, -32015);
          assert.match(error.message, reason);
          return true;
        },
      );
    await refused('relative.csv', /must be absolute/);
    await refused(daemon.root, /existing directory/);
    await refused(path.join(daemon.stateDir, 'results.csv'), /state folder/);
    await refused(path.join(daemon.memoryDir, 'results.csv'), /memory folder/);
    await refused(path.join(daemon.root, 'missing', 'results.csv'), /does not exist/);
    await refused(path.join(daemon.root, 'bad\nname.csv'), /newline/);
    // A special file is refused, not replaced by the rename. A FIFO of the test's own, never a system file: were the
    // check to regress, the test (often run as root) would otherwise swap out a real device.
    const fifo = path.join(daemon.root, 'results.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    await refused(fifo, /not a regular file/);
    assert.ok(fs.statSync(fifo).isFIFO());
    // A symlink cannot smuggle the write into the state folder.
    fs.symlinkSync(daemon.stateDir, path.join(daemon.root, 'state-link'));
    await refused(path.join(daemon.root, 'state-link', 'results.csv'), /state folder/);
  });

  it("writes a path with a single quote in it, and keeps other users' executions out of reach", async () => {
    const executionId = executions.get('echo basics') ?? '';
    const quoted = path.join(daemon.root, "it's results.jsonl");
    const written = await connection.request('results/export', {
      execution_id: executionId,
      format: 'jsonl',
      path: quoted,
    });
    assert.equal(fs.readFileSync(quoted, 'utf8').trim().split('\n').length, written.rows);
    const other = await daemon.connect('ivan');
    try {
      await assert.rejects(
        other.request('results/export', {
          execution_id: executionId,
          format: 'csv',
          path: path.join(daemon.root, 'ivan.csv'),
        }),
        (error: unknown) => error instanceof DaemonError && error.code === -32011,
      );
      assert.equal(fs.existsSync(path.join(daemon.root, 'ivan.csv')), false);
    } finally {
      other.close();
    }
  });
});
