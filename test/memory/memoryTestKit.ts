import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decideOutcome, type JudgedScore, type ScoreAggregator, type TrueMeans } from '../../domain/attackOutcome';
import { ATTACK_IDENTIFIERS, buildAttackResult, type AttackResultRows } from '../../daemon/memory/attackResults';
import { DatabaseManager, type DatabaseManagerOptions } from '../../daemon/memory/databaseManager';
import type { Exchange } from '../../daemon/memory/memoryStore';
import {
  buildRequestPiece,
  buildResponsePiece,
  createPieceContext,
  type PieceContext,
  type PromptPiece,
  type ResponseError,
  type ScoreInput,
} from '../../daemon/memory/pyritRecords';

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

/** One score of a judged exchange, as a configured scorer would store it (its identifier says how it reads). */
export interface JudgeInput {
  /** The scorer class, e.g. SubStringScorer. */
  scorer: string;
  /** true_false: a boolean; float_scale: a number in [0, 1]. */
  value: boolean | number;
  trueMeans?: TrueMeans;
  /** Whether it decides the outcome (prompt_sending's `objective`); default true. */
  objective?: boolean;
  threshold?: number;
  category?: string;
  rationale?: string;
}

export interface JudgedExchangeInput {
  prompt: string;
  response: string;
  promptIndex: number;
  convertedPrompt?: string;
  responseError?: ResponseError;
  scores?: readonly JudgeInput[];
  aggregator?: ScoreAggregator;
  executionTimeMs?: number;
  timestamp?: Date;
}

export interface JudgedExchange extends Exchange {
  request: PromptPiece;
  response: PromptPiece;
  scores: ScoreInput[];
  attackResult: AttackResultRows;
}

/**
 * A prompt_sending exchange as the engine stores it (daemon/orchestrators/engine/runPromptSending.ts): request and
 * response pieces, the scores (none on an error: scorers are not run on it), and the attack result decided by the
 * outcome module from those scores. Tests use it so the rows they read are the rows the daemon writes.
 */
export function judgedExchange(context: PieceContext, input: JudgedExchangeInput): JudgedExchange {
  const executionId = context.executionId;
  if (executionId === null) throw new Error('judgedExchange needs a context with an execution_id label');
  const labels = JSON.parse(context.labelsJson) as Record<string, string>;
  const responseError = input.responseError ?? 'none';
  const request = buildRequestPiece(context, {
    prompt: input.prompt,
    convertedPrompt: input.convertedPrompt,
    promptKey: String(input.promptIndex),
    timestamp: input.timestamp,
  });
  const response = buildResponsePiece(context, request, { value: input.response, responseError });
  const judged = responseError === 'none' ? (input.scores ?? []) : [];
  const scores: ScoreInput[] = [];
  const verdicts: JudgedScore[] = [];
  for (const judge of judged) {
    const id = randomUUID();
    const trueMeans = judge.trueMeans ?? 'success';
    const objective = judge.objective ?? true;
    const scoreType = typeof judge.value === 'boolean' ? 'true_false' : 'float_scale';
    scores.push({
      id,
      pieceId: response.id,
      scoreType,
      value: judge.value,
      category: judge.category ?? 'jailbreak',
      rationale: judge.rationale ?? null,
      scorer: {
        __type__: judge.scorer,
        __module__: 'pyrit.score',
        true_means: trueMeans,
        objective: objective ? 'true' : 'false',
        ...(judge.threshold === undefined ? {} : { threshold: String(judge.threshold) }),
      },
    });
    verdicts.push({
      id,
      scorer: judge.scorer,
      score_type: scoreType,
      score_value: typeof judge.value === 'boolean' ? (judge.value ? 'True' : 'False') : String(judge.value),
      true_means: trueMeans,
      threshold: judge.threshold,
      objective,
    });
  }
  const aggregator = input.aggregator ?? 'OR';
  const decision = decideOutcome({
    response_error: responseError,
    error_message: responseError === 'none' ? undefined : input.response,
    scores: verdicts,
    aggregator,
  });
  const attackResult = buildAttackResult({
    executionId,
    promptIndex: input.promptIndex,
    conversationId: request.conversationId,
    objective: input.prompt,
    attack: { ...ATTACK_IDENTIFIERS.promptSending, id: labels.orchestrator_id ?? '' },
    lastResponseId: response.id,
    decision,
    executedTurns: 1,
    executionTimeMs: input.executionTimeMs ?? 0,
    labelsJson: context.labelsJson,
    metadata: { score_aggregator: aggregator },
    timestamp: input.timestamp,
  });
  return { request, response, pieces: [request, response], scores, attackResult };
}

/** A count read through the manager's reader connection (the file stays open), e.g. of stored conversations. */
export async function countThrough(manager: DatabaseManager, dbPath: string, sql: string): Promise<number> {
  return manager.readDuckDB(dbPath, async (connection) => {
    const [row] = (await connection.runAndReadAll(sql)).getRows();
    return Number(row?.[0] ?? 0);
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
  // --expose-gc: holdDatabase collects garbage before it says ready (see there).
  const nodeArgs = ['--expose-gc', '--import', 'tsx', path.join(FIXTURES, `${name}.ts`), ...args];
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
