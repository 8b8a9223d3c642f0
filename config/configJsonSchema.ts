import fs from 'node:fs';
import { z } from 'zod';
import { orchestratorConfigSchema } from './orchestratorConfig';
import { withSharedDefinitions } from './sharedDefinitions';
import { quotedList } from './suggest';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of `*.orchestrator.json`, generated from the same zod schemas the daemon
 * validates with, so the editor and the daemon cannot disagree. `io: 'input'` because people write the file:
 * fields with defaults are optional and show their default. Deterministic, so the committed copy can be
 * checked for drift.
 */
export function configJsonSchema(): JsonSchema {
  return withSharedDefinitions(inlineConfigJsonSchema());
}

/** The same schema with every repeated subtree still written out where it is used (for tests of the sharing). */
export function inlineConfigJsonSchema(): JsonSchema {
  const { $schema, ...generated } = z.toJSONSchema(orchestratorConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // A schema no JSON Schema can express (none today) becomes "anything" rather than failing generation.
    unrepresentable: 'any',
  });
  return {
    $schema,
    title: 'ViolentUTF orchestrator config',
    ...(discriminated(generated) as JsonSchema),
  };
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member every branch fixes with a `const` (`type`, `orchestrator_type`), if there is one. */
function discriminatorOf(branches: readonly unknown[]): { key: string; values: unknown[] } | undefined {
  const first = branches[0];
  if (!isSchema(first) || !isSchema(first.properties)) return undefined;
  for (const key of Object.keys(first.properties)) {
    const values = branches.map((branch) => {
      const property = isSchema(branch) && isSchema(branch.properties) ? branch.properties[key] : undefined;
      return isSchema(property) ? property.const : undefined;
    });
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return { key, values };
  }
  return undefined;
}

/**
 * zod writes a discriminated union as `oneOf` of branches, each with `"type": {"const": …}`. An editor then checks a
 * value against every branch and reports the first's complaint — `"base65"` got 'Value must be "base64"', an empty
 * `orchestrator_type` 'Value must be "prompt_sending"' — and offers in completion only values whose branch the object
 * already satisfies (no `caesar` before `caesar_offset`). Rewritten as one `enum` of every value, worded like the
 * daemon ("expected one of …"), and an `if`/`then` per value: messages and completions then match the daemon's.
 */
function discriminated(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(discriminated);
  if (!isSchema(node)) return node;
  const walked: JsonSchema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, discriminated(value)]),
  );
  const branches = walked.oneOf;
  if (!Array.isArray(branches) || branches.length < 2) return walked;
  const discriminator = discriminatorOf(branches);
  if (!discriminator) return walked;
  const { key, values } = discriminator;
  const { oneOf: _branches, ...rest } = walked;
  const descriptions = branches.map((branch) => {
    const property = (branch as { properties: Record<string, JsonSchema> }).properties[key];
    const text = property?.description ?? (branch as JsonSchema).description;
    return typeof text === 'string' ? text : '';
  });
  return {
    ...rest,
    type: 'object',
    properties: {
      [key]: {
        type: 'string',
        enum: values,
        enumDescriptions: descriptions,
        errorMessage: `expected one of ${quotedList(values)}.`,
      },
    },
    required: [key],
    allOf: branches.map((branch, index) => ({
      if: { properties: { [key]: { const: values[index] } }, required: [key] },
      then: branch,
    })),
  };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** Writes the schema (for `npm run schema`; the committed copy is `docs/orchestrator.schema.json`). */
export function writeConfigSchema(filePath: string): void {
  fs.writeFileSync(filePath, configJsonSchemaText());
}
