import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createConverter, type TextConverterSpecInput } from '../../daemon/orchestrators/converters/createConverter';

const text = fc.string({ unit: 'binary', maxLength: 200 });
const convert = (spec: TextConverterSpecInput) => createConverter(spec).convert;

describe('converter properties', () => {
  it('rot13 twice is the identity', () => {
    const rot13 = convert({ type: 'rot13' });
    fc.assert(fc.property(text, (value) => rot13(rot13(value)) === value));
  });

  it('atbash twice is the identity', () => {
    const atbash = convert({ type: 'atbash' });
    fc.assert(fc.property(text, (value) => atbash(atbash(value)) === value));
  });

  it('reverse twice is the identity', () => {
    const reverse = convert({ type: 'reverse' });
    fc.assert(fc.property(text, (value) => reverse(reverse(value)) === value));
  });

  it('caesar(n) then caesar(-n) is the identity', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -25, max: 25 }), (value, offset) => {
        const there = convert({ type: 'caesar', caesar_offset: offset });
        const back = convert({ type: 'caesar', caesar_offset: -offset });
        return back(there(value)) === value;
      }),
    );
  });

  it('base64 decodes back to the text', () => {
    const base64 = convert({ type: 'base64' });
    fc.assert(fc.property(text, (value) => Buffer.from(base64(value), 'base64').toString('utf8') === value));
  });

  it('url decodes back to the text', () => {
    const url = convert({ type: 'url' });
    fc.assert(fc.property(text, (value) => decodeURIComponent(url(value)) === value));
  });

  it('seeded random converters repeat themselves exactly', () => {
    const specs = (seed: number) =>
      [
        { type: 'leetspeak', deterministic: false, seed },
        { type: 'unicode_confusable', deterministic: false, seed },
        { type: 'random_capital_letters', percentage: 50, seed },
      ] as const;
    fc.assert(
      fc.property(text, fc.integer(), (value, seed) => {
        for (const spec of specs(seed)) assert.equal(convert(spec)(value), convert(spec)(value));
      }),
    );
  });

  it('random leetspeak only ever picks substitutes from the table', () => {
    const leet = convert({ type: 'leetspeak', deterministic: false, seed: 7 });
    assert.match(leet('a'.repeat(200)), /^(4|@|\/\\|\^|\/-\\)+$/);
    assert.ok(new Set(Array.from(leet('ssssssssssssssssssss'))).size === 2, 'both of 5 and $ show up');
  });

  it('unicode_confusable replaces every ASCII letter and digit, and nothing else', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.integer(), (value, deterministic, seed) => {
        const converted = Array.from(convert({ type: 'unicode_confusable', deterministic, seed })(value));
        const original = Array.from(value);
        assert.equal(converted.length, original.length);
        original.forEach((character, index) => {
          if (/^[A-Za-z0-9]$/.test(character)) assert.notEqual(converted[index], character);
          else assert.equal(converted[index], character);
        });
      }),
    );
  });

  it('random_capital_letters picks int(len × (percentage / 100)) positions', () => {
    const lowercase = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 100 });
    fc.assert(
      fc.property(lowercase, fc.integer({ min: 1, max: 100 }), (value, percentage) => {
        const converted = convert({ type: 'random_capital_letters', percentage, seed: 1 })(value);
        const capitals = Array.from(converted).filter((character) => character !== character.toLowerCase()).length;
        assert.equal(capitals, Math.trunc(value.length * (percentage / 100)));
        assert.equal(converted.toLowerCase(), value);
      }),
    );
  });
});
