import { z } from 'zod';
import { Id } from './common';

/** Exchanging memories with PyRIT itself: its SQLite memory (alembic revision ab8f2c1a9d07 or head) and 0.9 DuckDB. */

export const MAX_PYRIT_EXPORT_EXECUTIONS = 1000;

export const MemoryImportPyritParams = z.strictObject({
  path: z
    .string()
    .min(1)
    .max(4096)
    .describe(
      'Absolute path of a PyRIT memory: SQLite (pyrit.db, any release since 0.10) or a PyRIT 0.9 DuckDB file. Only read, never written.',
    ),
});

export const ImportedExecution = z.strictObject({
  execution_id: Id,
  orchestrator_id: Id,
  name: z.string().describe('"PyRIT <attack class> · <operation> (<id prefix>)": the imported orchestrator\'s name.'),
  attack_type: z.string().describe("The attack's PyRIT class, from its identifier (UnknownAttack when it names none)."),
  operation: z.string().nullable().describe('The op_name (or operation) label the attack ran under.'),
  attack_results: z.number().int().describe('Attack results of this execution in the file.'),
  added_results: z.number().int().describe('Of those, stored by this import (0: the file was imported before).'),
});

export const MemoryImportedPyrit = z.strictObject({
  path: z.string(),
  format: z.enum(['sqlite', 'duckdb']),
  revision: z
    .string()
    .nullable()
    .describe("The file's pyrit_memory_alembic_version; null for an unversioned file (PyRIT ≤ 0.13, or our export)."),
  executions: z.array(ImportedExecution),
  pieces_added: z.number().int(),
  scores_added: z.number().int(),
  attack_results_added: z.number().int(),
  seed_prompts_added: z.number().int(),
});

export const MemoryImportProgressNotification = z.strictObject({
  seq: z.number().int(),
  path: z.string().describe('The file being imported, as the request named it.'),
  stage: z.enum(['reading', 'writing', 'done']),
  table: z.string().nullable().describe('The PyRIT table being read, while reading.'),
  done: z.number().int().describe('Rows read of the table (reading) or attack results stored (writing, done).'),
  total: z.number().int(),
});
