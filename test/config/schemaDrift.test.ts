import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { configJsonSchema, configJsonSchemaText, inlineConfigJsonSchema, writeConfigSchema } from '../../config';
import { temporaryFolder } from './invalidConfigAssertions';

const committed = path.join(__dirname, '..', '..', 'docs', 'orchestrator.schema.json');

describe('orchestrator config JSON schema', () => {
  it('docs/orchestrator.schema.json matches the zod schemas (run `npm run schema` after changing a target, converter or scorer)', () => {
    assert.equal(fs.readFileSync(committed, 'utf8'), configJsonSchemaText());
  });

  it('is draft 2020-12, titled, and describes configs as written (defaults optional)', () => {
    const schema = configJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.title, 'ViolentUTF orchestrator config');
    const text = JSON.stringify(schema);
    assert.match(text, /"const":"prompt_sending"/);
    assert.match(text, /"batch_size":\{"default":8/);
    assert.ok(
      !text.includes('"required":["objective_target","prompt_converters"'),
      'fields with defaults must be optional',
    );
  });

  it('is the same on every generation, and writeConfigSchema writes exactly it', () => {
    assert.equal(configJsonSchemaText(), configJsonSchemaText());
    const file = path.join(temporaryFolder().dir, 'schema.json');
    writeConfigSchema(file);
    assert.equal(fs.readFileSync(file, 'utf8'), configJsonSchemaText());
  });

  it('writes each repeated target, converter and scorer schema once, in $defs, and accepts exactly what the inline schema accepts', () => {
    const shared = configJsonSchema();
    const inline = inlineConfigJsonSchema();
    // Every orchestrator type repeats the same unions: written out, the file was 3.9 MB, slow for an editor to load.
    assert.ok(configJsonSchemaText().length < 600_000, `${configJsonSchemaText().length} bytes`);
    const zodDefinitions = new Set(Object.keys((inline.$defs ?? {}) as object));
    const definitions = (shared.$defs ?? {}) as Record<string, unknown>;
    assert.ok(Object.keys(definitions).includes('caesar'), 'a converter is shared under its type');
    // Putting the shared subtrees back where their $refs are gives the inline schema, key for key.
    const expand = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(expand);
      if (typeof node !== 'object' || node === null) return node;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && Object.keys(node).length === 1) {
        const name = ref.replace('#/$defs/', '');
        if (!zodDefinitions.has(name)) return expand(definitions[name]);
      }
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expand(value)]));
    };
    const { $defs: sharedDefinitions, ...body } = shared;
    const kept = Object.fromEntries(
      Object.entries(sharedDefinitions as Record<string, unknown>).filter(([name]) => zodDefinitions.has(name)),
    );
    assert.deepEqual(expand({ ...body, $defs: kept }), inline);
  });
});
