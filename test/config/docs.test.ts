import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { converterSpecSchema } from '../../daemon/orchestrators/converters';
import { orchestratorTypes } from '../../config';
import { scorerSpecSchema } from '../../daemon/orchestrators/scorers';
import { targetSpecSchema } from '../../config/targetSpec';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'orchestrator-config.md'), 'utf8');

/** The `type` values of a union, read from its JSON Schema so any way of writing the options is covered. */
function typesOf(union: z.ZodType): string[] {
  const schema = z.toJSONSchema(union, { io: 'input' });
  const options = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return options.flatMap((option) => {
    if (typeof option !== 'object') return [];
    const type = option.properties?.type;
    return typeof type === 'object' && typeof type.const === 'string' ? [type.const] : [];
  });
}

describe('docs/orchestrator-config.md', () => {
  const unions = { targets: targetSpecSchema, converters: converterSpecSchema, scorers: scorerSpecSchema };
  for (const [kind, union] of Object.entries(unions)) {
    it(`mentions every one of the ${kind} (as \`type\`)`, () => {
      const types = typesOf(union);
      assert.ok(types.length > 0);
      assert.deepEqual(
        types.filter((type) => !doc.includes(`\`${type}\``)),
        [],
      );
    });
  }

  it('mentions every orchestrator type', () => {
    assert.deepEqual(
      orchestratorTypes.map((info) => info.orchestrator_type).filter((type) => !doc.includes(`\`${type}\``)),
      [],
    );
  });
});
