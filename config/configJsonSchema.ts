import fs from 'node:fs';
import { z } from 'zod';
import { orchestratorConfigSchema } from './orchestratorConfig';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of `*.orchestrator.json`, generated from the same zod schemas the daemon
 * validates with, so the editor and the daemon cannot disagree. `io: 'input'` because people write the file:
 * fields with defaults are optional and show their default. Deterministic, so the committed copy can be
 * checked for drift.
 */
export function configJsonSchema(): JsonSchema {
  const { $schema, ...generated } = z.toJSONSchema(orchestratorConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // A schema no JSON Schema can express (none today) becomes "anything" rather than failing generation.
    unrepresentable: 'any',
  });
  return {
    $schema,
    title: 'ViolentUTF orchestrator config',
    ...generated,
  };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** Writes the schema (for `npm run schema`; the committed copy is `docs/orchestrator.schema.json`). */
export function writeConfigSchema(filePath: string): void {
  fs.writeFileSync(filePath, configJsonSchemaText());
}
