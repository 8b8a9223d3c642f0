import { randomUUID } from 'node:crypto';
import type { SqlReader, SqlValue } from './sqlSession';
import type { MemoryBackend } from './memoryBackend';
import type { WriteTransaction } from './writeTransaction';
import { isStoredOutcome } from './attackResults';
import { integer, text, textOrNull, type JsonRow } from './rowValues';
import { utcTextToIso, utcTimestampText } from './timestamps';
import type { AttackOutcome } from '../../domain/attackOutcome';
import { NotFoundError } from '../../domain/errors';

export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A result of one of the user's executions, already checked to be theirs and resolved to both its ids. */
export interface EvidenceInput {
  execution_id: string;
  conversation_id: string;
  attack_result_id: string | null;
}

export interface StoredEvidence extends EvidenceInput {
  id: string;
  /** The result's stored outcome now (a label applied), null when the result is no longer there. */
  outcome: AttackOutcome | null;
  added_at: string;
}

export interface StoredFinding {
  id: string;
  operation_id: string;
  orchestrator_id: string;
  title: string;
  severity: FindingSeverity;
  harm_category: string | null;
  description: string | null;
  operator: string;
  evidence: StoredEvidence[];
  created_at: string;
  updated_at: string;
}

export interface FindingInput {
  orchestrator_id: string;
  /** The operation's name when this finding is the orchestrator's first. */
  orchestrator_name: string;
  title: string;
  severity: FindingSeverity;
  harm_category: string | null;
  description: string | null;
  operator: string;
  evidence: readonly EvidenceInput[];
  at: Date;
}

export interface FindingChanges {
  title?: string;
  severity?: FindingSeverity;
  harm_category?: string | null;
  description?: string | null;
  add_evidence?: readonly EvidenceInput[];
  remove_evidence?: readonly string[];
  at: Date;
}

export interface FindingFilter {
  orchestrator_id?: string;
  execution_id?: string;
}

const SEVERITY_RANK = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

const FINDING_COLUMNS = `f.id::VARCHAR AS id, f.operation_id::VARCHAR AS operation_id,
  json_extract_string(o.labels, '$.orchestrator_id') AS orchestrator_id, f.title, f.severity, f.harm_category,
  f.description, f.operator, f.timestamp::VARCHAR AS created_at, f.updated_at::VARCHAR AS updated_at`;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Query = (sql: string, params: SqlValue[]) => Promise<JsonRow[]>;

function readerQuery(connection: SqlReader): Query {
  return async (sql, params) => connection.query(sql, params);
}

function toSeverity(value: string): FindingSeverity {
  return value === 'critical' || value === 'high' || value === 'medium' || value === 'low' ? value : 'info';
}

async function findingsWhere(query: Query, where: string, params: SqlValue[]): Promise<StoredFinding[]> {
  const rows = await query(
    `SELECT ${FINDING_COLUMNS} FROM "FindingEntries" f JOIN "OperationEntries" o ON o.id = f.operation_id
     WHERE ${where} ORDER BY ${SEVERITY_RANK}, f.timestamp DESC, f.id`,
    params,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((row) => text(row, 'id'));
  const evidenceRows = await query(
    `SELECT e.id::VARCHAR AS id, e.finding_id::VARCHAR AS finding_id, e.execution_id, e.conversation_id,
       e.attack_result_id::VARCHAR AS attack_result_id, e.timestamp::VARCHAR AS added_at, a.outcome
     FROM "FindingEvidenceEntries" e LEFT JOIN "AttackResultEntries" a ON a.id = e.attack_result_id
     WHERE list_contains($1::VARCHAR[], e.finding_id::VARCHAR) ORDER BY e.sequence`,
    [ids],
  );
  const evidence = new Map<string, StoredEvidence[]>();
  for (const row of evidenceRows) {
    const outcome = textOrNull(row, 'outcome');
    const list = evidence.get(text(row, 'finding_id')) ?? [];
    list.push({
      id: text(row, 'id'),
      execution_id: text(row, 'execution_id'),
      conversation_id: text(row, 'conversation_id'),
      attack_result_id: textOrNull(row, 'attack_result_id'),
      outcome: outcome !== null && isStoredOutcome(outcome) ? outcome : null,
      added_at: utcTextToIso(text(row, 'added_at')),
    });
    evidence.set(text(row, 'finding_id'), list);
  }
  return rows.map((row) => ({
    id: text(row, 'id'),
    operation_id: text(row, 'operation_id'),
    orchestrator_id: textOrNull(row, 'orchestrator_id') ?? '',
    title: text(row, 'title'),
    severity: toSeverity(text(row, 'severity')),
    harm_category: textOrNull(row, 'harm_category'),
    description: textOrNull(row, 'description'),
    operator: text(row, 'operator'),
    evidence: evidence.get(text(row, 'id')) ?? [],
    created_at: utcTextToIso(text(row, 'created_at')),
    updated_at: utcTextToIso(text(row, 'updated_at')),
  }));
}

/** The orchestrator's operation (PyRIT's campaign record), created the first time it gets a finding. */
async function operationOf(transaction: WriteTransaction, input: FindingInput): Promise<string> {
  const [found] = await transaction.query(
    `SELECT id::VARCHAR AS id FROM "OperationEntries" WHERE json_extract_string(labels, '$.orchestrator_id') = $1
     ORDER BY timestamp, id LIMIT 1`,
    [input.orchestrator_id],
  );
  if (found !== undefined) return text(found, 'id');
  const id = randomUUID();
  await transaction.run(
    `INSERT INTO "OperationEntries"(id, name, description, operator, labels, timestamp, pyrit_version)
     VALUES ($1::UUID, $2, NULL, $3, $4::JSON, $5::TIMESTAMP, NULL)`,
    [
      id,
      input.orchestrator_name,
      input.operator,
      JSON.stringify({ orchestrator_id: input.orchestrator_id }),
      utcTimestampText(input.at),
    ],
  );
  return id;
}

/** Links what is not linked yet: the same result twice on one finding is one piece of evidence. */
async function addEvidence(
  transaction: WriteTransaction,
  findingId: string,
  evidence: readonly EvidenceInput[],
  at: Date,
): Promise<void> {
  const existing = await transaction.query(
    `SELECT execution_id, conversation_id, sequence FROM "FindingEvidenceEntries" WHERE finding_id = $1::UUID`,
    [findingId],
  );
  const seen = new Set(existing.map((row) => `${text(row, 'execution_id')} ${text(row, 'conversation_id')}`));
  let sequence = Math.max(-1, ...existing.map((row) => integer(row, 'sequence')));
  for (const item of evidence) {
    const key = `${item.execution_id} ${item.conversation_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sequence++;
    await transaction.run(
      `INSERT INTO "FindingEvidenceEntries"(id, finding_id, execution_id, conversation_id, attack_result_id, sequence,
         timestamp)
       VALUES ($1::UUID, $2::UUID, $3, $4, $5::UUID, $6, $7::TIMESTAMP)`,
      [
        randomUUID(),
        findingId,
        item.execution_id,
        item.conversation_id,
        item.attack_result_id,
        sequence,
        utcTimestampText(at),
      ],
    );
  }
}

/**
 * One user's findings, in their memory file. Reads use the reader connection, writes one transaction each through
 * the file's writer (DatabaseManager's public API), so a finding and its evidence are stored, changed or deleted
 * together or not at all. Rows are read back after a write rather than returned by it (DuckDB's RETURNING on a
 * row rewrite is what aborts on a full disk, see README.md).
 */
export class FindingStore {
  constructor(
    private readonly manager: MemoryBackend,
    readonly dbPath: string,
  ) {}

  async create(input: FindingInput): Promise<StoredFinding> {
    const id = randomUUID();
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const operationId = await operationOf(transaction, input);
      await transaction.run(
        `INSERT INTO "FindingEntries"(id, operation_id, title, severity, harm_category, description, operator, labels,
           timestamp, updated_at, pyrit_version)
         VALUES ($1::UUID, $2::UUID, $3, $4, $5, $6, $7, $8::JSON, $9::TIMESTAMP, $9::TIMESTAMP, NULL)`,
        [
          id,
          operationId,
          input.title,
          input.severity,
          input.harm_category,
          input.description,
          input.operator,
          JSON.stringify({ orchestrator_id: input.orchestrator_id }),
          utcTimestampText(input.at),
        ],
      );
      await addEvidence(transaction, id, input.evidence, input.at);
      const [finding] = await findingsWhere((sql, params) => transaction.query(sql, params), 'f.id = $1::UUID', [id]);
      return finding;
    });
  }

  async get(id: string): Promise<StoredFinding | null> {
    if (!UUID_PATTERN.test(id)) return null;
    const [finding] = await this.manager.read(this.dbPath, (connection) =>
      findingsWhere(readerQuery(connection), 'f.id = $1::UUID', [id]),
    );
    return finding ?? null;
  }

  async list(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    return this.manager.read(this.dbPath, (connection) =>
      findingsWhere(
        readerQuery(connection),
        `($1::VARCHAR IS NULL OR json_extract_string(o.labels, '$.orchestrator_id') = $1)
         AND ($2::VARCHAR IS NULL OR EXISTS (
           SELECT 1 FROM "FindingEvidenceEntries" e WHERE e.finding_id = f.id AND e.execution_id = $2))`,
        [filter.orchestrator_id ?? null, filter.execution_id ?? null],
      ),
    );
  }

  /** Rejects with NotFound when this file has no such finding. */
  async update(id: string, changes: FindingChanges): Promise<StoredFinding> {
    if (!UUID_PATTERN.test(id)) throw new NotFoundError('Finding', id);
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const query: Query = (sql, params) => transaction.query(sql, params);
      const [current] = await findingsWhere(query, 'f.id = $1::UUID', [id]);
      if (current === undefined) throw new NotFoundError('Finding', id);
      // Unlinking what this finding does not hold is a mistake worth saying, not a silent no-op.
      const held = new Set(current.evidence.map((item) => item.id));
      const removable = changes.remove_evidence ?? [];
      const stranger = removable.find((evidenceId) => !held.has(evidenceId));
      if (stranger !== undefined) throw new NotFoundError('Evidence of this finding', stranger);
      await transaction.run(
        `UPDATE "FindingEntries" SET title = $2, severity = $3, harm_category = $4, description = $5,
           updated_at = $6::TIMESTAMP WHERE id = $1::UUID`,
        [
          id,
          changes.title ?? current.title,
          changes.severity ?? current.severity,
          changes.harm_category === undefined ? current.harm_category : changes.harm_category,
          changes.description === undefined ? current.description : changes.description,
          utcTimestampText(changes.at),
        ],
      );
      if (removable.length > 0)
        await transaction.run(
          `DELETE FROM "FindingEvidenceEntries" WHERE finding_id = $1::UUID AND list_contains($2::VARCHAR[], id::VARCHAR)`,
          [id, removable],
        );
      await addEvidence(transaction, id, changes.add_evidence ?? [], changes.at);
      const [finding] = await findingsWhere(query, 'f.id = $1::UUID', [id]);
      return finding;
    });
  }

  /** The finding and its evidence links; false when there was none. The results linked stay. */
  async delete(id: string): Promise<boolean> {
    if (!UUID_PATTERN.test(id)) return false;
    return this.manager.transaction(this.dbPath, async (transaction) => {
      const found = await transaction.query(`SELECT id FROM "FindingEntries" WHERE id = $1::UUID`, [id]);
      if (found.length === 0) return false;
      await transaction.run(`DELETE FROM "FindingEvidenceEntries" WHERE finding_id = $1::UUID`, [id]);
      await transaction.run(`DELETE FROM "FindingEntries" WHERE id = $1::UUID`, [id]);
      return true;
    });
  }
}
