import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { configJsonSchema, configJsonSchemaText, writeConfigSchema } from '../../config';
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
});
