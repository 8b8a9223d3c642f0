import { randomUUID } from 'node:crypto';
import type { MemoryBackend } from './memoryBackend';
import { clampLimit, isUuid, MAX_PAGE_SIZE, type ExecutionFilter, type OrchestratorFilter } from './orchestratorReads';
import { readOperation } from './readOperations';
import {
  insertExecutionStatement,
  toConfigRecord,
  toExecutionRecord,
  updateExecutionStatement,
  upsertConfigStatement,
  configById,
  executionListRowById,
  type ExecutionInput,
  type ExecutionRecord,
  type ExecutionUpdate,
  type OrchestratorConfigInput,
  type OrchestratorConfigRecord,
} from './orchestratorRecords';
import {
  buildScoreRow,
  buildSeedPromptRow,
  type PromptPiece,
  type ScoreInput,
  type SeedPromptInput,
} from './pyritRecords';
import {
  type ResultsCursor,
  type ResultsQuery,
  type StoredAttackResult,
  type StoredResultPage,
} from './attackResultQueries';
import type { StoredSummary } from './attackResultSummary';
import type { ComparableResult, PairedPrompt } from './comparableResults';
import { requestInExchange, requestInMemory, setRequest } from './resultRequest';
import type { AttackResultRows } from './attackResults';
import { labelAttackResult, supersedeAttackResult, type LabelInput, type LabelResult } from './attackResultWrites';
import type { AttackOutcome } from '../../domain/attackOutcome';
import type { OutcomeCounts } from '../../domain/runFigures';
import type { ConversationTurn } from './conversationQueries';
import { textOrNull } from './rowValues';
import type { StoredRoleUsage } from './usageLedger';
import { utcTimestampMicros } from './timestamps';
import type { JsonValue } from '../../domain/json';
import type {
  EmbeddingRow,
  ExecutionModelCallRow,
  ExecutionPieceRow,
  PromptMemoryEntryRow,
  RowsByTable,
  ScoreEntryRow,
  SeedPromptRow,
} from './tableRows';
import { NotFoundError } from '../../domain/errors';
import type { WriteTransaction } from './writeTransaction';

export interface SeedPromptResult {
  added: number;
  skipped: number;
  /** Ids of the prompts stored by this call, in input order. */
  ids: string[];
}

export type { ExecutionFilter, OrchestratorFilter } from './orchestratorReads';

/** Rows committed in one transaction: a response, the scores on it, the result judging it, and their index rows. */
export interface Exchange {
  pieces: readonly PromptPiece[];
  scores?: readonly ScoreInput[];
  attackResult?: AttackResultRows;
  /** A retried prompt: the id of its attack result, which now judges this exchange instead of the old one. */
  supersedes?: string;
}

/**
 * One user's memory file, with the operations the execution engine and the handlers need. Every call is
 * scoped to this file: there is no way to name another user's rows from here. Writes go through the manager's
 * group commit writer (a promise resolves only after COMMIT); reads use the reader connection. Every method
 * is async, so a bad argument is a rejected promise like any other failure, never a synchronous throw.
 */
export class MemoryStore {
  constructor(
    private readonly manager: MemoryBackend,
    readonly dbPath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores pieces built with buildRequestPiece/buildResponsePiece/buildPiece. */
  async addPieces(pieces: readonly PromptPiece[]): Promise<void> {
    return this.manager.write(this.dbPath, piecesRows(pieces, []));
  }

  /**
   * Pieces, the scores on them and the attack result judging them in ONE transaction, so a score is never stored
   * without its piece (PyRIT's foreign key), and a crash leaves a prompt either answered and judged or neither.
   */
  async addExchange(exchange: Exchange): Promise<void> {
    const rows = piecesRows(exchange.pieces, (exchange.scores ?? []).map(buildScoreRow));
    const result = exchange.attackResult;
    if (result === undefined) return this.manager.write(this.dbPath, rows);
    const { conversation_id: conversationId, last_response_id: responseId } = result.row;
    const known = requestInExchange(exchange.pieces, conversationId, responseId);
    const supersedes = exchange.supersedes;
    if (supersedes === undefined && known !== undefined) {
      // The common case (every prompt_sending prompt): a plain append, batched with other exchanges.
      return this.manager.write(this.dbPath, {
        ...rows,
        AttackResultEntries: [result.row],
        execution_attack_results: [{ ...result.indexRow, ...known }],
      });
    }
    // The request may be in an earlier exchange of the conversation (a multi-turn attack's answer from an earlier
    // turn, no answer at all): found in the transaction, which sees this exchange's pieces too.
    return this.manager.transaction(
      this.dbPath,
      async (transaction) => {
        const request = known ?? (await requestInMemory(transaction, conversationId, responseId));
        if (supersedes === undefined) {
          transaction.append('AttackResultEntries', [result.row]);
          transaction.append('execution_attack_results', [{ ...result.indexRow, ...request }]);
          return;
        }
        await supersedeAttackResult(transaction, result.indexRow.execution_id, supersedes, result.row);
        await setRequest(transaction, supersedes, request);
      },
      rows,
    );
  }

  /** Scores on pieces already stored (or enqueued before this call: the queue keeps order within a file). */
  async addScores(scores: readonly ScoreInput[]): Promise<void> {
    const rows: ScoreEntryRow[] = scores.map(buildScoreRow);
    return this.manager.write(this.dbPath, { ScoreEntries: rows });
  }

  async addEmbedding(pieceId: string, embedding: readonly number[], embeddingTypeName: string): Promise<void> {
    const row: EmbeddingRow = { id: pieceId, embedding, embedding_type_name: embeddingTypeName };
    return this.manager.write(this.dbPath, { EmbeddingData: [row] });
  }

  /**
   * PyRIT keeps one copy of a prompt per dataset: (value_sha256, dataset_name) already stored — or repeated in
   * this call — is skipped. The check runs inside the write transaction, and all writes to a file go through
   * one writer, so two concurrent calls cannot both insert the same prompt.
   */
  async addSeedPrompts(prompts: readonly SeedPromptInput[]): Promise<SeedPromptResult> {
    const rows = prompts.map(buildSeedPromptRow);
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const hashes = [...new Set(rows.map((row) => row.value_sha256).filter((hash): hash is string => hash !== null))];
      const existing = new Set<string>();
      if (hashes.length > 0) {
        const found = await transaction.query(
          'SELECT value_sha256, dataset_name FROM "SeedPromptEntries" WHERE list_contains($1::VARCHAR[], value_sha256)',
          [hashes],
        );
        for (const row of found)
          existing.add(seedKey(textOrNull(row, 'value_sha256'), textOrNull(row, 'dataset_name')));
      }
      const added: SeedPromptRow[] = [];
      for (const row of rows) {
        const key = seedKey(row.value_sha256, row.dataset_name);
        if (row.value_sha256 !== null && existing.has(key)) continue;
        existing.add(key);
        added.push(row);
      }
      transaction.append('SeedPromptEntries', added);
      return { added: added.length, skipped: rows.length - added.length, ids: added.map((row) => row.id) };
    });
  }

  async saveOrchestrator(input: OrchestratorConfigInput): Promise<OrchestratorConfigRecord> {
    const statement = upsertConfigStatement(input.id ?? randomUUID(), input, this.now());
    return this.manager.transaction(this.dbPath, async (transaction) => {
      await transaction.run(statement.sql, statement.params);
      const reread = configById(statement.params[0] as string);
      const rows = await transaction.query(reread.sql, reread.params);
      return toConfigRecord(rows[0]);
    });
  }

  async getOrchestrator(id: string): Promise<OrchestratorConfigRecord | null> {
    return readOperation(this.manager, this.dbPath, 'orchestratorById', id);
  }

  async listOrchestrators(filter: OrchestratorFilter = {}): Promise<OrchestratorConfigRecord[]> {
    return readOperation(this.manager, this.dbPath, 'orchestratorList', filter);
  }

  /** Deletes the configuration only; its executions and results stay (they are the user's data). */
  async deleteOrchestrator(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const rows = await transaction.query(
        'DELETE FROM orchestrator_configurations WHERE id = $1::UUID RETURNING id::VARCHAR AS id',
        [id],
      );
      return rows.length > 0;
    });
  }

  async saveExecution(input: ExecutionInput): Promise<ExecutionRecord> {
    const statement = insertExecutionStatement(input.id ?? randomUUID(), input);
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const rows = await transaction.query(statement.sql, statement.params);
      return toExecutionRecord(rows[0]);
    });
  }

  /** Rejects with NotFound when there is no such execution in this file. */
  async updateExecution(id: string, update: ExecutionUpdate): Promise<ExecutionRecord> {
    if (!isUuid(id)) throw new NotFoundError('Execution', id);
    const statement = updateExecutionStatement(id, update);
    return this.manager.transaction(this.dbPath, async (transaction) => {
      if (statement !== null) await transaction.run(statement.sql, statement.params);
      const reread = executionListRowById(id);
      const rows = await transaction.query(reread.sql, reread.params);
      if (rows.length === 0) throw new NotFoundError('Execution', id);
      return toExecutionRecord(rows[0]);
    });
  }

  /** `withInput: false` leaves input_data (every prompt of the run) unread when only the status is wanted. */
  async getExecution(id: string, options: { withInput?: boolean } = {}): Promise<ExecutionRecord | null> {
    return readOperation(this.manager, this.dbPath, 'executionById', id, options.withInput !== false);
  }

  async listExecutions(filter: ExecutionFilter = {}): Promise<{ items: ExecutionRecord[]; total: number }> {
    return readOperation(this.manager, this.dbPath, 'executionList', filter);
  }

  /** One page of an execution's attack results, filtered and sorted (see ResultsQuery). */
  async listAttackResults(executionId: string, query: ResultsQuery): Promise<StoredResultPage> {
    return readOperation(this.manager, this.dbPath, 'listAttackResults', executionId, {
      ...query,
      limit: clampLimit(query.limit),
    });
  }

  /** Whole attack results by id (objectives, compare, label answers), in the order given. */
  async attackResults(ids: readonly string[]): Promise<StoredAttackResult[]> {
    const valid = ids.filter(isUuid);
    return readOperation(this.manager, this.dbPath, 'attackResultsById', valid);
  }

  /** Every attack result of the run, in input order: for comparisons and multi-turn objective lists. */
  async allAttackResults(executionId: string): Promise<StoredAttackResult[]> {
    const results: StoredAttackResult[] = [];
    let after: ResultsCursor | undefined;
    for (;;) {
      const page = await this.listAttackResults(executionId, { limit: MAX_PAGE_SIZE, sort: 'prompt', after });
      results.push(...page.items);
      if (page.next === null) return results;
      after = page.next;
    }
  }

  /** Each result's prompt and stored outcome, in prompt order: what results/compare matches runs on. */
  async comparableResults(executionId: string): Promise<ComparableResult[]> {
    return readOperation(this.manager, this.dbPath, 'comparableResults', executionId);
  }

  /** Both runs' prompts paired by text, occurrence by occurrence, in results/compare's order (comparedPrompts). */
  async comparedPrompts(baseExecutionId: string, headExecutionId: string): Promise<PairedPrompt[]> {
    return readOperation(this.manager, this.dbPath, 'comparedPrompts', baseExecutionId, headExecutionId);
  }

  /** Stored outcome counts (labels applied) per execution: every execution figure reads these. */
  async outcomeCounts(executionIds: readonly string[]): Promise<Map<string, OutcomeCounts>> {
    return readOperation(this.manager, this.dbPath, 'outcomeCountsByExecution', executionIds);
  }

  /** Outcome counts in all and per converter, and what each scorer flagged. */
  async summarize(executionId: string): Promise<StoredSummary> {
    return readOperation(this.manager, this.dbPath, 'summarizeAttackResults', executionId);
  }

  /** Each stored result of the run by prompt index (what resume skips or, with retry_errors, sends again). */
  async resultKeys(executionId: string): Promise<Map<number, { id: string; outcome: AttackOutcome }>> {
    return readOperation(this.manager, this.dbPath, 'storedResultKeys', executionId);
  }

  /** The result judging one conversation of the run, if any. */
  async attackResultOfConversation(executionId: string, conversationId: string): Promise<string | null> {
    return readOperation(this.manager, this.dbPath, 'attackResultIdOfConversation', executionId, conversationId);
  }

  /** A reviewer's verdict (or, with null, taking it back), in one transaction. */
  async label(executionId: string, attackResultId: string, label: LabelInput | null): Promise<LabelResult> {
    if (!isUuid(attackResultId)) throw new NotFoundError('Attack result', attackResultId);
    return this.manager.transaction(this.dbPath, (transaction) =>
      labelAttackResult(transaction, executionId, attackResultId, label),
    );
  }

  /**
   * Rows brought in from another memory (daemon/interchange/), written by `write` inside ONE transaction of the
   * file's writer: an import is stored whole or not at all.
   */
  async importInTransaction<T>(write: (transaction: WriteTransaction) => Promise<T>): Promise<T> {
    return this.manager.transaction(this.dbPath, write);
  }

  /**
   * The resume rule: every conversation of the run whose input item has no attack result is marked superseded
   * (appended to superseded_conversations, in one commit). Returns how many were marked. Call it before the run
   * starts again, so none of the new attempt's conversations is among them.
   */
  async supersedeUnfinished(executionId: string): Promise<number> {
    const rows = await readOperation(this.manager, this.dbPath, 'unfinishedConversations', executionId, this.now());
    if (rows.length > 0) await this.manager.write(this.dbPath, { superseded_conversations: rows });
    return rows.length;
  }

  /** One model call of an execution, appended through the group commit (usageLedger.ts). */
  async addModelCall(row: ExecutionModelCallRow): Promise<void> {
    return this.manager.write(this.dbPath, { execution_model_calls: [row] });
  }

  /** What the execution's model calls used, per role, over every attempt. */
  async usageByRole(executionId: string): Promise<StoredRoleUsage[]> {
    return (await this.usageByExecution([executionId])).get(executionId) ?? [];
  }

  /** The same for many executions in one read. */
  async usageByExecution(executionIds: readonly string[]): Promise<Map<string, StoredRoleUsage[]>> {
    return readOperation(this.manager, this.dbPath, 'usageByExecution', executionIds);
  }

  /** Records the budget the execution runs under from now on; `{}` records that it has none. */
  async setBudget(executionId: string, budget: JsonValue): Promise<void> {
    return this.manager.write(this.dbPath, {
      execution_budgets: [
        { execution_id: executionId, budget: JSON.stringify(budget), set_at: utcTimestampMicros(this.now()) },
      ],
    });
  }

  /** The budget in force, as stored (JSON text), or null when none was ever given. */
  async budgetOf(executionId: string): Promise<string | null> {
    return (await this.budgetsOf([executionId])).get(executionId) ?? null;
  }

  /** The budgets in force of many executions, in one read; an execution never given one is absent. */
  async budgetsOf(executionIds: readonly string[]): Promise<Map<string, string>> {
    return readOperation(this.manager, this.dbPath, 'latestBudgets', executionIds);
  }

  /** The run's superseded target conversations by prompt (objective) index. */
  async supersededConversations(executionId: string): Promise<Map<number, string[]>> {
    return readOperation(this.manager, this.dbPath, 'supersededByPrompt', executionId);
  }

  async isSuperseded(executionId: string, conversationId: string): Promise<boolean> {
    return readOperation(this.manager, this.dbPath, 'isSupersededConversation', executionId, conversationId);
  }

  /** One conversation of the execution, turn by turn with scores; null when the execution has no such conversation. */
  async conversationTurns(executionId: string, conversationId: string): Promise<ConversationTurn[] | null> {
    return readOperation(this.manager, this.dbPath, 'conversationTurns', executionId, conversationId);
  }
}

function piecesRows(pieces: readonly PromptPiece[], scores: ScoreEntryRow[]): RowsByTable {
  const pieceRows: PromptMemoryEntryRow[] = new Array<PromptMemoryEntryRow>(pieces.length);
  const indexRows: ExecutionPieceRow[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    pieceRows[index] = piece.row;
    if (piece.indexRow !== null) indexRows.push(piece.indexRow);
  }
  return { PromptMemoryEntries: pieceRows, ScoreEntries: scores, execution_pieces: indexRows };
}

function seedKey(hash: string | null, datasetName: string | null): string {
  // JSON keeps NULL and '' apart: a prompt without a dataset is not the same as one in a dataset named "".
  return JSON.stringify([hash, datasetName]);
}
