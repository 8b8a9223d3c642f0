import type { OutcomeCounts } from '../../../domain/runFigures';
import type { ExecutionStatus } from '../../memory';
import {
  insertExecutionStatement,
  updateExecutionStatement,
  upsertConfigStatement,
} from '../../memory/orchestratorRecords';
import { textOrNull } from '../../memory/rowValues';
import type { WriteTransaction } from '../../memory/writeTransaction';
import type { ImportPlan, PlannedExecution } from './importPlan';
import { fillRequestsStatement } from '../../memory/resultRequest';

export interface ImportedExecution {
  execution_id: string;
  orchestrator_id: string;
  name: string;
  attack_type: string;
  operation: string | null;
  attack_results: number;
  /** Results this import stored; 0 when the file was imported before. */
  added_results: number;
}

export interface ImportTotals {
  executions: ImportedExecution[];
  pieces_added: number;
  scores_added: number;
  attack_results_added: number;
  seed_prompts_added: number;
}

async function existingIds(transaction: WriteTransaction, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await transaction.query(
    `SELECT id::VARCHAR AS id FROM "${table}" WHERE list_contains($1::VARCHAR[], id::VARCHAR)`,
    [[...ids]],
  );
  return new Set(rows.map((row) => textOrNull(row, 'id') ?? ''));
}

/** As a run that went through its input ends (runEnding.ts): errors make it completed_with_errors, all errors failed. */
function endedStatus(outcomes: OutcomeCounts): { status: ExecutionStatus; error?: string } {
  const stored = outcomes.success + outcomes.failure + outcomes.error + outcomes.undetermined;
  if (outcomes.error === 0) return { status: 'completed' };
  if (outcomes.error < stored) return { status: 'completed_with_errors' };
  return { status: 'failed', error: `Every one of the ${stored} imported attack results is an error.` };
}

async function writeExecution(
  transaction: WriteTransaction,
  execution: PlannedExecution,
  owner: string,
  source: { path: string; revision: string | null },
  now: Date,
  added: { pieces: number; scores: number },
): Promise<ImportedExecution> {
  // One statement at a time: they share the transaction's connection.
  const configExists = await existingIds(transaction, 'orchestrator_configurations', [execution.orchestratorId]);
  const executionExists = await existingIds(transaction, 'orchestrator_executions', [execution.executionId]);
  if (configExists.size === 0) {
    const config = upsertConfigStatement(
      execution.orchestratorId,
      {
        name: execution.name,
        orchestrator_type: execution.orchestratorType,
        parameters: {},
        tags: ['pyrit-import'],
        status: 'imported',
        created_by: owner,
      },
      now,
    );
    await transaction.run(config.sql, config.params);
  }
  if (executionExists.size === 0) {
    const insert = insertExecutionStatement(execution.executionId, {
      orchestrator_id: execution.orchestratorId,
      execution_type: 'prompt_list',
      input_data: {
        prompt_list: execution.objectives,
        imported_from: { path: source.path, revision: source.revision, attack_type: execution.attackType },
      },
      status: 'running',
      created_by: owner,
      started_at: execution.startedAt,
    });
    await transaction.query(insert.sql, insert.params);
  }
  const ended = endedStatus(execution.outcomes);
  const results = execution.results.length;
  const update = updateExecutionStatement(execution.executionId, {
    status: ended.status,
    execution_summary: {
      total_prompts: results,
      total_time_seconds: execution.totalTimeMs / 1000,
      avg_response_time_ms: results === 0 ? 0 : execution.totalTimeMs / results,
      ...(ended.error === undefined ? {} : { error: ended.error }),
    },
    completed_at: execution.completedAt,
  });
  if (update !== null) await transaction.run(update.sql, update.params);

  // Rows already stored by an earlier import of this file keep their ids: they are left as they are.
  const pieces = await existingIds(
    transaction,
    'PromptMemoryEntries',
    execution.pieces.map((row) => row.id),
  );
  const scores = await existingIds(
    transaction,
    'ScoreEntries',
    execution.scores.map((row) => row.id),
  );
  const storedResults = await existingIds(
    transaction,
    'AttackResultEntries',
    execution.results.map((row) => row.id),
  );
  const newPieces = execution.pieces.filter((row) => !pieces.has(row.id));
  const newPieceIds = new Set(newPieces.map((row) => row.id));
  const newResults = execution.results.filter((row) => !storedResults.has(row.id));
  const newResultIds = new Set(newResults.map((row) => row.id));
  const newScores = execution.scores.filter((row) => !scores.has(row.id));
  transaction.appendRows({
    PromptMemoryEntries: newPieces,
    execution_pieces: execution.pieceIndex.filter((row) => newPieceIds.has(row.piece_id)),
    ScoreEntries: newScores,
    AttackResultEntries: newResults,
    execution_attack_results: execution.resultIndex.filter((row) => newResultIds.has(row.attack_result_id)),
  });
  // Each new result's request piece and converter chain (resultRequest.ts), found among the rows just appended
  // by the same rule as the engine's results, so that summary and compare read imported runs alike.
  if (newResults.length > 0) await transaction.run(fillRequestsStatement('execution'), [execution.executionId]);
  added.pieces += newPieces.length;
  added.scores += newScores.length;
  return {
    execution_id: execution.executionId,
    orchestrator_id: execution.orchestratorId,
    name: execution.name,
    attack_type: execution.attackType,
    operation: execution.operation,
    attack_results: results,
    added_results: newResults.length,
  };
}

/**
 * The whole import in the one transaction this runs in: a failure anywhere (a row DuckDB refuses, a full disk)
 * rolls back every execution of the file, so nothing half-imported is ever visible.
 */
export async function writeImportPlan(
  transaction: WriteTransaction,
  plan: ImportPlan,
  owner: string,
  source: { path: string; revision: string | null },
  now: Date,
): Promise<ImportTotals> {
  const added = { pieces: 0, scores: 0 };
  const executions: ImportedExecution[] = [];
  for (const execution of plan.executions)
    executions.push(await writeExecution(transaction, execution, owner, source, now, added));

  const hashes = [
    ...new Set(plan.seeds.map((row) => row.value_sha256).filter((hash): hash is string => hash !== null)),
  ];
  const known = new Set<string>();
  if (hashes.length > 0) {
    const rows = await transaction.query(
      'SELECT value_sha256, dataset_name FROM "SeedPromptEntries" WHERE list_contains($1::VARCHAR[], value_sha256)',
      [hashes],
    );
    for (const row of rows)
      known.add(JSON.stringify([textOrNull(row, 'value_sha256'), textOrNull(row, 'dataset_name')]));
  }
  const seedIds = await existingIds(
    transaction,
    'SeedPromptEntries',
    plan.seeds.map((row) => row.id),
  );
  // PyRIT keeps one copy of a prompt per dataset (as addSeedPrompts does).
  const seeds = plan.seeds.filter((row) => {
    const key = JSON.stringify([row.value_sha256, row.dataset_name]);
    if (seedIds.has(row.id) || (row.value_sha256 !== null && known.has(key))) return false;
    known.add(key);
    return true;
  });
  transaction.append('SeedPromptEntries', seeds);
  return {
    executions,
    pieces_added: added.pieces,
    scores_added: added.scores,
    attack_results_added: executions.reduce((sum, execution) => sum + execution.added_results, 0),
    seed_prompts_added: seeds.length,
  };
}
