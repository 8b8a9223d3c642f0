// Prototype for issue 14's next step (bench only, not product code): the same PyRIT piece rows committed
//  (a) on the main thread, as the daemon's writer does today (append, flushSync, COMMIT per batch), and
//  (b) by a worker_threads writer that owns the DuckDBInstance and is sent plain column arrays per batch,
// measuring rows/s and the main thread's longest event-loop stall for each. Best of ROUNDS.
//
//   node --import tsx bench/writerThread.ts
import { DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadDuckDB } from '../daemon/memory/duckdbModule';
import { duckdbMigrationTarget } from '../daemon/memory/databaseOpener';
import { applyMigrations } from '../daemon/memory/migrations';
import { INSTANCE_OPTIONS } from '../daemon/memory/openDatabase';
import { buildRequestPiece, buildResponsePiece, createPieceContext } from '../daemon/memory/pyritRecords';
import { ROW_APPENDERS, type PromptMemoryEntryRow } from '../daemon/memory/tableRows';

const ROWS = 100_000;
/** Rows per transaction, about what one group commit takes under an engine run's load. */
const BATCH = 4_096;
/** Batches sent ahead of the worker's COMMITs, like exchanges queued behind one. */
const IN_FLIGHT = 4;
const ROUNDS = 2;

export type PieceColumns = { [K in keyof PromptMemoryEntryRow]: PromptMemoryEntryRow[K][] };

function pieceRows(count: number): PromptMemoryEntryRow[] {
  const orchestratorId = randomUUID();
  const context = createPieceContext({
    labels: { orchestrator_id: orchestratorId, execution_id: randomUUID(), op_name: 'bench', username: 'bench' },
    promptTarget: { __type__: 'OpenAIChatTarget', __module__: 'pyrit.prompt_target.openai.openai_chat_target' },
    orchestrator: { __type__: 'PromptSendingOrchestrator', __module__: 'pyrit.orchestrator', id: orchestratorId },
  });
  const rows: PromptMemoryEntryRow[] = [];
  for (let key = 0; rows.length < count; key++) {
    const request = buildRequestPiece(context, {
      prompt: `benchmark prompt ${key} with some padding`,
      promptKey: String(key),
    });
    rows.push(request.row, buildResponsePiece(context, request, { value: 'ok, a short answer of a model' }).row);
  }
  return rows;
}

/** What the main thread would do per batch before posting: rows to one array per column. */
function columnsOf(rows: readonly PromptMemoryEntryRow[]): PieceColumns {
  const columns = {} as Record<string, unknown[]>;
  for (const name of Object.keys(rows[0]) as (keyof PromptMemoryEntryRow)[])
    columns[name] = rows.map((row) => row[name]);
  return columns as unknown as PieceColumns;
}

interface Figures {
  rowsPerS: number;
  maxLoopDelayMs: number;
}

async function measured(run: () => Promise<void>): Promise<Figures> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  return { rowsPerS: ROWS / seconds, maxLoopDelayMs: delay.max / 1e6 };
}

async function mainThread(file: string, rows: readonly PromptMemoryEntryRow[]): Promise<Figures> {
  await loadDuckDB();
  const instance = await DuckDBInstance.create(file, { ...INSTANCE_OPTIONS });
  const connection = await instance.connect();
  await applyMigrations(duckdbMigrationTarget(connection), file);
  const appender = await connection.createAppender('PromptMemoryEntries');
  try {
    return await measured(async () => {
      for (let offset = 0; offset < rows.length; offset += BATCH) {
        await connection.run('BEGIN TRANSACTION');
        for (let index = offset; index < Math.min(rows.length, offset + BATCH); index++)
          ROW_APPENDERS.PromptMemoryEntries(appender, rows[index]);
        appender.flushSync();
        await connection.run('COMMIT');
      }
    });
  } finally {
    appender.closeSync();
    connection.closeSync();
    instance.closeSync();
  }
}

async function workerThread(
  file: string,
  rows: readonly PromptMemoryEntryRow[],
  warmUp: PromptMemoryEntryRow,
): Promise<Figures> {
  // A worker does not inherit tsx's loader: register its require hook there, then load the TypeScript file.
  const entry = JSON.stringify(path.join(__dirname, 'writerThreadWorker.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true, workerData: { file } });
  const pending = new Map<number, () => void>();
  let onClosed: () => void = () => undefined;
  worker.on('message', (message: { id?: number; closed?: boolean }) => {
    if (message.closed === true) onClosed();
    else if (message.id !== undefined) pending.get(message.id)?.();
  });
  const send = (id: number, columns: PieceColumns) =>
    new Promise<void>((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, columns });
    });
  // The worker opens its file before the clock starts, as the daemon's would at first use.
  await send(-1, columnsOf([warmUp]));
  try {
    return await measured(async () => {
      const inFlight = new Set<Promise<void>>();
      for (let offset = 0, id = 0; offset < rows.length; offset += BATCH, id++) {
        const commit = send(id, columnsOf(rows.slice(offset, offset + BATCH)));
        inFlight.add(commit);
        void commit.then(() => inFlight.delete(commit));
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    });
  } finally {
    await new Promise<void>((resolve) => {
      onClosed = resolve;
      worker.postMessage('close');
    });
    await worker.terminate();
  }
}

export async function runWriterThreadBench(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-writer-thread-'));
  try {
    // The same rows, appended to a fresh file by each side; the worker's warm-up row is not one of them.
    const [warmUp, ...rows] = pieceRows(ROWS + 2);
    let main: Figures = { rowsPerS: 0, maxLoopDelayMs: Infinity };
    let worker: Figures = { rowsPerS: 0, maxLoopDelayMs: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      const a = await mainThread(path.join(dir, `main-${round}.db`), rows.slice(0, ROWS));
      const b = await workerThread(path.join(dir, `worker-${round}.db`), rows.slice(0, ROWS), warmUp);
      main = {
        rowsPerS: Math.max(main.rowsPerS, a.rowsPerS),
        maxLoopDelayMs: Math.min(main.maxLoopDelayMs, a.maxLoopDelayMs),
      };
      worker = {
        rowsPerS: Math.max(worker.rowsPerS, b.rowsPerS),
        maxLoopDelayMs: Math.min(worker.maxLoopDelayMs, b.maxLoopDelayMs),
      };
    }
    return {
      'writer_thread.main_rows_per_s': Math.round(main.rowsPerS),
      'writer_thread.main_max_loop_delay_ms': Math.round(main.maxLoopDelayMs * 10) / 10,
      'writer_thread.worker_rows_per_s': Math.round(worker.rowsPerS),
      'writer_thread.worker_max_loop_delay_ms': Math.round(worker.maxLoopDelayMs * 10) / 10,
      'writer_thread.worker_vs_main_throughput': Math.round((worker.rowsPerS / main.rowsPerS) * 100) / 100,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runWriterThreadBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
