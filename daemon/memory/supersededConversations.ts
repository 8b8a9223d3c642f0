import type { SqlReader } from './sqlSession';
import { integer, text, type JsonRow } from './rowValues';
import type { SupersededConversationRow } from './tableRows';
import { utcTimestampMicros } from './timestamps';

/**
 * The resume rule's reads: which conversations of a run belong to objectives that have no attack result (cut
 * short by kill -9, cancel or shutdown), and which of them resume already gave up on. An objective with a stored
 * attack result is done; one without restarts from its beginning in a new conversation, and its partial
 * conversations are listed in superseded_conversations, never replayed, never counted (docs/results.md).
 */

async function all(connection: SqlReader, sql: string, params: string[]): Promise<JsonRow[]> {
  return connection.query(sql, params);
}

/**
 * The run's conversations whose input item has no attack result and that are not superseded yet: the target's
 * (from our execution index) and the attacker's (named by the `red_team_conversation_id` label of the target's
 * pieces, looked up by conversation id, the column PyRIT indexes).
 */
export async function unfinishedConversations(
  connection: SqlReader,
  executionId: string,
  now: Date,
): Promise<SupersededConversationRow[]> {
  const targets = await all(
    connection,
    `SELECT DISTINCT p.conversation_id, TRY_CAST(p.prompt_key AS INTEGER) AS prompt_index
     FROM execution_pieces p
     WHERE p.execution_id = $1 AND TRY_CAST(p.prompt_key AS INTEGER) IS NOT NULL
       AND TRY_CAST(p.prompt_key AS INTEGER) NOT IN
         (SELECT prompt_index FROM execution_attack_results WHERE execution_id = $1)
       AND p.conversation_id NOT IN (SELECT conversation_id FROM superseded_conversations WHERE execution_id = $1)
     ORDER BY prompt_index, p.conversation_id`,
    [executionId],
  );
  if (targets.length === 0) return [];
  const supersededAt = utcTimestampMicros(now);
  const rows: SupersededConversationRow[] = targets.map((row) => ({
    execution_id: executionId,
    conversation_id: text(row, 'conversation_id'),
    prompt_index: integer(row, 'prompt_index'),
    side: 'objective_target',
    superseded_at: supersededAt,
  }));
  const indexOf = new Map(rows.map((row) => [row.conversation_id, row.prompt_index]));
  const ids = [...indexOf.keys()];
  const attackers = await all(
    connection,
    `SELECT DISTINCT conversation_id AS target_id, json_extract_string(labels, '$.red_team_conversation_id') AS attacker_id
     FROM "PromptMemoryEntries"
     WHERE conversation_id IN (${ids.map((_, index) => `$${index + 1}`).join(', ')})
       AND json_extract_string(labels, '$.red_team_conversation_id') IS NOT NULL`,
    ids,
  );
  for (const row of attackers) {
    rows.push({
      execution_id: executionId,
      conversation_id: text(row, 'attacker_id'),
      prompt_index: indexOf.get(text(row, 'target_id')) ?? -1,
      side: 'adversarial_chat',
      superseded_at: supersededAt,
    });
  }
  return rows;
}

/** The run's superseded target conversations by input item, oldest attempt first (what results/list shows). */
export async function supersededByPrompt(connection: SqlReader, executionId: string): Promise<Map<number, string[]>> {
  const rows = await all(
    connection,
    `SELECT prompt_index, conversation_id FROM superseded_conversations
     WHERE execution_id = $1 AND side = 'objective_target' ORDER BY prompt_index, superseded_at, conversation_id`,
    [executionId],
  );
  const byPrompt = new Map<number, string[]>();
  for (const row of rows) {
    const index = integer(row, 'prompt_index');
    byPrompt.set(index, [...(byPrompt.get(index) ?? []), text(row, 'conversation_id')]);
  }
  return byPrompt;
}

/**
 * Whether the run gave this conversation up: resume did (either side), or a retried error was answered again in
 * a new conversation (the attack result lists the old one in attack_metadata.superseded_conversation_ids).
 */
export async function isSupersededConversation(
  connection: SqlReader,
  executionId: string,
  conversationId: string,
): Promise<boolean> {
  const rows = await all(
    connection,
    `SELECT 1 AS found FROM superseded_conversations WHERE execution_id = $1 AND conversation_id = $2
     UNION ALL
     SELECT 1 AS found FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
     WHERE x.execution_id = $1
       AND list_contains(coalesce(from_json(json_extract(a.attack_metadata, '$.superseded_conversation_ids'), '["VARCHAR"]'), []), $2)
     LIMIT 1`,
    [executionId, conversationId],
  );
  return rows.length > 0;
}
