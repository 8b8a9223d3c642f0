import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConverter, stackConverters } from '../../daemon/orchestrators/converters/createConverter';
import { converterSpecSchema } from '../../config/converters/converterSpec';
import { converterCatalog } from '../../config/converters/converterCatalog';
import type { TargetSpecInput } from '../../config/targetSpec';
import { createTarget } from '../../daemon/orchestrators/targets/createTarget';
import { converterExamples } from './converterExamples';

const echoFactory = (spec: TargetSpecInput) => createTarget(spec, { configDir: '.', secrets: {}, env: {} });

describe('converter identifiers', () => {
  for (const entry of converterCatalog()) {
    it(`${entry.type} is PyRIT's ${entry.pyrit_class}`, () => {
      const converter = createConverter(converterExamples[entry.type], { createTarget: echoFactory });
      assert.deepEqual(converter.identifier, { __type__: entry.pyrit_class, __module__: entry.pyrit_module });
    });
  }

  it('has at least 45 converters, each with a description and a PyRIT class', () => {
    const catalog = converterCatalog();
    assert.ok(catalog.length >= 45, `${catalog.length} converters`);
    for (const entry of catalog) {
      assert.match(entry.pyrit_class, /Converter$/, entry.type);
      assert.ok(entry.description.length > 10, entry.type);
    }
  });

  it('keeps reverse as an alias of flip', () => {
    assert.deepEqual(createConverter({ type: 'reverse' }).identifier, createConverter({ type: 'flip' }).identifier);
  });
});

describe('stackConverters', () => {
  it('applies converters in order and lists their identifiers in that order', async () => {
    const stack = stackConverters([{ type: 'rot13' }, { type: 'base64' }]);
    assert.equal(await stack.convert('hello'), Buffer.from('uryyb').toString('base64'));
    assert.deepEqual(
      stack.identifiers.map((identifier) => identifier.__type__),
      ['ROT13Converter', 'Base64Converter'],
    );
  });

  it('is the identity with no converters', async () => {
    const stack = stackConverters([]);
    assert.equal(await stack.convert('as is'), 'as is');
    assert.deepEqual(stack.identifiers, []);
  });
});

describe('converter specs', () => {
  it('reject a bad spec with InvalidConfig naming the field', () => {
    assert.throws(
      () => stackConverters([{ type: 'rot13' }, { type: 'caesar', caesar_offset: 40 }]),
      (error: unknown) => {
        const { kind, data } = error as { kind?: string; data?: { issues: { path: string[] }[] } };
        assert.equal(kind, 'InvalidConfig');
        assert.deepEqual(data?.issues[0]?.path, ['1', 'caesar_offset']);
        return true;
      },
    );
  });

  it('reject unknown types and misspelt fields', () => {
    assert.equal(converterSpecSchema.safeParse({ type: 'rot26' }).success, false);
    assert.equal(converterSpecSchema.safeParse({ type: 'caesar', caesar_ofset: 3 }).success, false);
    assert.equal(converterSpecSchema.safeParse({ type: 'caesar', caesar_offset: 2.5 }).success, false);
    assert.equal(converterSpecSchema.safeParse({ type: 'random_capital_letters', percentage: 0 }).success, false);
  });

  it('fill in defaults', () => {
    assert.deepEqual(converterSpecSchema.parse({ type: 'string_join' }), { type: 'string_join', join_value: '-' });
    assert.deepEqual(converterSpecSchema.parse({ type: 'leetspeak' }), { type: 'leetspeak', deterministic: true });
  });

  it('describe every field, for the JSON schema of configs', () => {
    const schema = JSON.stringify(converterSpecSchema.toJSONSchema());
    for (const field of [
      'caesar_offset',
      'join_value',
      'deterministic',
      'seed',
      'percentage',
      'custom_substitutions',
    ]) {
      assert.match(schema, new RegExp(`"${field}":\\{[^}]*"description"`), field);
    }
  });
});
