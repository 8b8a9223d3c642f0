/**
 * Findings: what a red-team lead writes up from a campaign. The tables are named after PyRIT's (`…Entries`) and
 * follow its conventions: UUID ids, `timestamp` for when a row was written, `labels` as a JSON object,
 * `pyrit_version` left NULL by ViolentUTF. An operation is PyRIT's word for a campaign; here each orchestrator
 * has one (its id in `labels.orchestrator_id`), created with its first finding.
 *
 * No foreign keys, as for AttackResultEntries: DuckDB checks a key on every UPDATE of the row and cannot cascade,
 * so the write path keeps the references (findings and their evidence are written and deleted together).
 * `sequence` keeps a finding's evidence in the order it was linked (several are linked in one instant).
 */
export const FINDING_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS "OperationEntries"(id UUID NOT NULL PRIMARY KEY, name VARCHAR NOT NULL,
 description VARCHAR, operator VARCHAR NOT NULL, labels JSON, timestamp TIMESTAMP NOT NULL, pyrit_version VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS "FindingEntries"(id UUID NOT NULL PRIMARY KEY, operation_id UUID NOT NULL,
 title VARCHAR NOT NULL, severity VARCHAR NOT NULL, harm_category VARCHAR, description VARCHAR,
 operator VARCHAR NOT NULL, labels JSON, timestamp TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
 pyrit_version VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS "FindingEvidenceEntries"(id UUID NOT NULL PRIMARY KEY, finding_id UUID NOT NULL,
 execution_id VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL, attack_result_id UUID, sequence INTEGER NOT NULL,
 timestamp TIMESTAMP NOT NULL)`,
];
