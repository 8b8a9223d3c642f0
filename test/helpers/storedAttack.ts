import fs from 'node:fs';
import path from 'node:path';
import { queryDatabase } from './duckdbReader';
import type { DaemonConnection } from '../../client/daemonConnection';

/** A stored PromptMemoryEntries row of an execution, as a PyRIT reader would see it. */
export interface StoredPiece {
  id: string;
  role: string;
  sequence: number;
  conversation_id: string;
  original_value: string;
  converted_value: string;
  labels: Record<string, string>;
  prompt_metadata: Record<string, unknown>;
  response_error: string;
  attack_type: string;
}

/** A stored AttackResultEntries row of an execution. */
export interface StoredAttackResult {
  id: string;
  conversation_id: string;
  objective: string;
  attack_type: string;
  attack_module: string;
  outcome: string;
  outcome_reason: string;
  executed_turns: number;
  attack_metadata: Record<string, unknown>;
  pruned_conversation_ids: string[];
  adversarial_chat_conversation_ids: string[];
}

/** Copies the user's memory file and its WAL (the daemon holds them open) after asking the daemon to write out what it cached. */
async function snapshot(connection: DaemonConnection, root: string): Promise<string> {
  await connection.request('cache/clear');
  const copy = path.join(root, `copy-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(connection.info.user.db_path, copy);
  // If the checkpoint has not taken everything out of the write-ahead log yet, the copy replays it on open.
  const wal = `${connection.info.user.db_path}.wal`;
  if (fs.existsSync(wal)) fs.copyFileSync(wal, `${copy}.wal`);
  return copy;
}

/** Every piece labelled with the execution, attacker conversations included, by conversation and sequence. */
export async function storedPieces(
  connection: DaemonConnection,
  root: string,
  executionId: string,
): Promise<StoredPiece[]> {
  const rows = await queryDatabase<Record<string, string | number>>(
    await snapshot(connection, root),
    `SELECT id::VARCHAR AS id, role, sequence, conversation_id, original_value, converted_value,
            labels::VARCHAR AS labels, prompt_metadata::VARCHAR AS prompt_metadata, response_error,
            json_extract_string(orchestrator_identifier, '$.__type__') AS attack_type
     FROM "PromptMemoryEntries" WHERE json_extract_string(labels, '$.execution_id') = '${executionId}'
     ORDER BY conversation_id, sequence`,
  );
  return rows.map((row) => ({
    ...(row as unknown as StoredPiece),
    labels: JSON.parse(String(row.labels)) as Record<string, string>,
    prompt_metadata: JSON.parse(String(row.prompt_metadata)) as Record<string, unknown>,
  }));
}

export async function storedAttackResults(
  connection: DaemonConnection,
  root: string,
  executionId: string,
): Promise<StoredAttackResult[]> {
  const rows = await queryDatabase<Record<string, string | number>>(
    await snapshot(connection, root),
    `SELECT id::VARCHAR AS id, conversation_id, objective, outcome, outcome_reason, executed_turns,
            json_extract_string(attack_identifier, '$.__type__') AS attack_type,
            json_extract_string(attack_identifier, '$.__module__') AS attack_module,
            attack_metadata::VARCHAR AS attack_metadata, pruned_conversation_ids::VARCHAR AS pruned,
            adversarial_chat_conversation_ids::VARCHAR AS adversarial
     FROM "AttackResultEntries" WHERE json_extract_string(attack_metadata, '$.execution_id') = '${executionId}'
     ORDER BY objective, id`,
  );
  return rows.map((row) => ({
    ...(row as unknown as StoredAttackResult),
    attack_metadata: JSON.parse(String(row.attack_metadata)) as Record<string, unknown>,
    pruned_conversation_ids: JSON.parse(String(row.pruned)) as string[],
    adversarial_chat_conversation_ids: JSON.parse(String(row.adversarial)) as string[],
  }));
}
