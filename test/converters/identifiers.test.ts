import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConverter, stackConverters } from '../../daemon/orchestrators/converters/createConverter';
import { converterSpecSchema, type ConverterType } from '../../config/converters/converterSpec';

const pyritNames: Record<ConverterType, [string, string]> = {
  base64: ['Base64Converter', 'base64_converter'],
  rot13: ['ROT13Converter', 'rot13_converter'],
  caesar: ['CaesarConverter', 'caesar_converter'],
  atbash: ['AtbashConverter', 'atbash_converter'],
  leetspeak: ['LeetspeakConverter', 'leetspeak_converter'],
  character_space: ['CharacterSpaceConverter', 'character_space_converter'],
  string_join: ['StringJoinConverter', 'string_join_converter'],
  url: ['UrlConverter', 'url_converter'],
  unicode_confusable: ['UnicodeConfusableConverter', 'unicode_confusable_converter'],
  reverse: ['FlipConverter', 'flip_converter'],
  random_capital_letters: ['RandomCapitalLettersConverter', 'random_capital_letters_converter'],
};

describe('converter identifiers', () => {
  for (const [type, [className, moduleName]] of Object.entries(pyritNames)) {
    it(`${type} is PyRIT's ${className}`, () => {
      const spec = type === 'caesar' ? { type, caesar_offset: 1 } : { type };
      assert.deepEqual(createConverter(converterSpecSchema.parse(spec)).identifier, {
        __type__: className,
        __module__: `pyrit.prompt_converter.${moduleName}`,
      });
    });
  }
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
