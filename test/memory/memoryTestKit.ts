import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseManager, type DatabaseManagerOptions } from '../../daemon/memory/databaseManager';
import { createPieceContext, type PieceContext } from '../../daemon/memory/pyritRecords';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');

/** A fresh directory under the OS temp dir; removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vutf-${prefix}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface LogLine {
  level: string;
  message: string;
}

export function createManager(overrides: Partial<DatabaseManagerOptions> = {}): {
  manager: DatabaseManager;
  logs: LogLine[];
} {
  const logs: LogLine[] = [];
  const manager = new DatabaseManager({
    connectTimeoutMs: 10_000,
    maxRetries: 1,
    idleCloseMs: 0,
    log: (level, message) => logs.push({ level, message }),
    ...overrides,
  });
  return { manager, logs };
}

export function executionContext(
  executionId: string = randomUUID(),
  orchestratorId: string = randomUUID(),
): PieceContext {
  return createPieceContext({
    labels: { orchestrator_id: orchestratorId, execution_id: executionId, op_name: 'test' },
    promptTarget: { __type__: 'OpenAIChatTarget', __module__: 'pyrit.prompt_target.openai.openai_chat_target' },
    orchestrator: { __type__: 'PromptSendingOrchestrator', __module__: 'pyrit.orchestrator', id: orchestratorId },
    converters: [{ __type__: 'Base64Converter', __module__: 'pyrit.prompt_converter.base64_converter' }],
  });
}

/** Reads a file directly with a separate DuckDB instance — only once the manager has closed it. */
export async function queryFile(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(dbPath);
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

export interface Fixture {
  child: ChildProcess;
  /** Resolves with the first stdout line that satisfies `predicate`. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Runs test/memory/fixtures/<name>.ts in its own Node process (a second process, as far as DuckDB can tell). */
export function runFixture(name: string, args: string[], options: { prefix?: string[] } = {}): Fixture {
  const nodeArgs = ['--import', 'tsx', path.join(FIXTURES, `${name}.ts`), ...args];
  const [command, ...commandArgs] =
    options.prefix === undefined ? [process.execPath, ...nodeArgs] : [...options.prefix, process.execPath, ...nodeArgs];
  const child = spawn(command, commandArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let errText = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
      newline = buffered.indexOf('\n');
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errText += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    exited,
    stderr: () => errText,
    waitForLine(predicate, timeoutMs) {
      const seen = lines.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fixture ${name}: no matching line within ${timeoutMs} ms; stderr: ${errText}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          const late = lines.find(predicate);
          if (late !== undefined) resolve(late);
          else reject(new Error(`fixture ${name} exited before a matching line; stderr: ${errText}`));
        });
      });
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
