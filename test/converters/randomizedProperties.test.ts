import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createConverter, type TextConverterSpecInput } from '../../daemon/orchestrators/converters/createConverter';
import { decodeBase2048, decodeEcoji } from './highBaseDecoders';

const text = fc.string({ unit: 'binary', maxLength: 120 });
const words = fc
  .array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'Z', '1', '😀', "'"), minLength: 1, maxLength: 8 }), {
    maxLength: 12,
  })
  .map((list) => list.join(' '));
const convert = (spec: TextConverterSpecInput) => createConverter(spec).convert;
const marks = /[\u0300-\u036f]/gu;

describe('seeded converters', () => {
  it('give the same output for the same seed and text', () => {
    const specs = (seed: number): TextConverterSpecInput[] => [
      { type: 'emoji', seed },
      { type: 'zalgo', seed },
      { type: 'superscript', mode: 'random', seed },
      { type: 'char_swap', proportion: 0.5, seed },
      { type: 'insert_punctuation', seed },
      { type: 'insert_punctuation', between_words: false, seed },
      { type: 'search_replace', pattern: 'a', replace: ['1', '2', '3'], seed },
      { type: 'ask_to_decode', seed },
      { type: 'colloquial_wordswap', deterministic: false, seed },
      { type: 'ansi_attack', seed },
      {
        type: 'selective_text',
        converter: { type: 'base64' },
        selection: { strategy: 'word_proportion', proportion: 0.5, seed },
      },
      {
        type: 'selective_text',
        converter: { type: 'flip' },
        selection: { strategy: 'proportion', proportion: 0.3, anchor: 'random', seed },
      },
    ];
    fc.assert(
      fc.property(words, fc.integer(), (value, seed) => {
        for (const spec of specs(seed)) assert.equal(convert(spec)(value), convert(spec)(value), JSON.stringify(spec));
      }),
    );
  });

  it('differ across seeds somewhere (the seed is used)', () => {
    const outputs = new Set(Array.from({ length: 20 }, (_, seed) => convert({ type: 'zalgo', seed })('hello')));
    assert.ok(outputs.size > 1);
  });
});

describe('what randomized converters keep', () => {
  it('zalgo only adds 1 to intensity marks after each letter or digit', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 100 }), fc.integer(), (value, intensity, seed) => {
        const converted = convert({ type: 'zalgo', intensity, seed })(value);
        assert.equal(converted.replace(marks, ''), value);
        for (const run of converted.match(/[\u0300-\u036f]+/gu) ?? []) {
          assert.ok(run.length >= 1 && run.length <= intensity);
        }
        const alnum = Array.from(value).filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
        assert.equal((converted.match(/[\p{L}\p{N}][\u0300-\u036f]/gu) ?? []).length, alnum);
      }),
    );
  });

  it('char_swap keeps every word’s letters and first character, swapping at most one adjacent pair', () => {
    fc.assert(
      fc.property(words, fc.integer(), (value, seed) => {
        const converted = convert({ type: 'char_swap', proportion: 1, seed })(value).split(' ');
        const original = value.split(' ');
        assert.equal(converted.length, original.length);
        original.forEach((word, index) => {
          const swapped = Array.from(converted[index] ?? '');
          const letters = Array.from(word);
          assert.deepEqual([...swapped].sort(), [...letters].sort());
          assert.equal(swapped[0], letters[0]);
          if (letters.length > 3) assert.equal(swapped.filter((c, i) => c !== letters[i]).length <= 2, true);
        });
      }),
    );
  });

  it('insert_punctuation adds round(words × ratio) (at least 1) marks from the list and nothing else', () => {
    const plain = fc
      .array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1'), minLength: 1, maxLength: 6 }), {
        minLength: 1,
        maxLength: 12,
      })
      .map((list) => list.join(' '));
    fc.assert(
      fc.property(plain, fc.boolean(), fc.integer(), (value, between, seed) => {
        const converted = convert({
          type: 'insert_punctuation',
          between_words: between,
          punctuation_list: ['!', '?'],
          seed,
        })(value);
        const count = value.split(' ').length;
        const expected = Math.max(
          1,
          Math.round(
            count * 0.2 +
              (Math.abs(count * 0.2 - Math.trunc(count * 0.2) - 0.5) < 1e-9 && Math.trunc(count * 0.2) % 2 === 0
                ? -0.5
                : 0),
          ),
        );
        assert.equal(converted.replace(/[!?]/g, ''), value);
        assert.equal(converted.length - value.length, expected);
      }),
    );
  });

  it('emoji writes every ASCII letter as one of its enclosed forms and lower-cases the rest', () => {
    const converted = convert({ type: 'emoji', seed: 3 })('Hello 1!');
    assert.match(converted, /^(?:[\u{1f130}-\u{1f189}]\ufe0f?){5} 1!$/u);
  });
});

describe('round trips where a decoder exists', () => {
  it('ascii_smuggler decode(encode(x)) is x for printable ASCII', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(ascii, fc.boolean(), (value, tags) => {
        const hidden = convert({ type: 'ascii_smuggler', unicode_tags: tags })(value);
        assert.equal(convert({ type: 'ascii_smuggler', action: 'decode' })(`visible ${hidden} text`), value);
      }),
    );
  });

  it('variation_selector_smuggler and sneaky_bits_smuggler decode what they encode, any Unicode', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (value, embed) => {
        const selectors = convert({ type: 'variation_selector_smuggler', embed_in_base: embed })(value);
        assert.equal(
          convert({ type: 'variation_selector_smuggler', action: 'decode', embed_in_base: embed })(selectors),
          value,
        );
        const bits = convert({ type: 'sneaky_bits_smuggler' })(value);
        assert.equal(convert({ type: 'sneaky_bits_smuggler', action: 'decode' })(`x${bits}y`), value);
      }),
    );
  });

  it('json_string output parses back to the text', () => {
    fc.assert(fc.property(text, (value) => JSON.parse(`"${convert({ type: 'json_string' })(value)}"`) === value));
  });

  it('binary reads back by code point; bin_ascii hex back to the UTF-8', () => {
    fc.assert(
      fc.property(text, (value) => {
        const bits = convert({ type: 'binary', bits_per_char: 32 })(value);
        const back =
          bits === ''
            ? ''
            : bits
                .split(' ')
                .map((b) => String.fromCodePoint(parseInt(b, 2)))
                .join('');
        assert.equal(back, value);
        const hex = convert({ type: 'bin_ascii' })(value);
        assert.equal(Buffer.from(hex, 'hex').toString('utf8'), value);
      }),
    );
  });

  it('base2048 and ecoji decode back to the UTF-8 bytes of the text', () => {
    const edgeCases = fc.constantFrom(
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'é',
      '😀',
      '\u0000',
      '\ud800',
      'e\u0301',
      '👩🏽‍💻',
      '\uffff',
    );
    fc.assert(
      fc.property(fc.oneof(text, edgeCases, fc.string({ unit: 'grapheme', maxLength: 60 })), (value) => {
        const bytes = [...Buffer.from(value, 'utf8')];
        assert.deepEqual(decodeBase2048(convert({ type: 'base2048' })(value)), bytes);
        assert.deepEqual(decodeEcoji(convert({ type: 'ecoji' })(value)), bytes);
      }),
    );
  });

  it('ecoji breaks the line after every 76 emojis and ends with a line break, as PyRIT', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 400 }), (value) => {
        const lines = convert({ type: 'ecoji' })(value).split('\n');
        assert.equal(lines.pop(), '');
        lines.forEach((line, index) => {
          const emojis = Array.from(line).length;
          assert.ok(index === lines.length - 1 ? emojis > 0 && emojis <= 76 : emojis === 76, line);
        });
      }),
    );
  });

  it('unicode_substitution shifts every code point by start_value (ASCII kept clear of the surrogates)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 50 }),
        fc.oneof(fc.integer({ min: 0, max: 0xd780 }), fc.integer({ min: 0xe000, max: 0xe0000 })),
        (value, start) => {
          const shifted = convert({ type: 'unicode_substitution', start_value: start })(value);
          assert.equal(
            Array.from(shifted, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - start)).join(''),
            value,
          );
        },
      ),
    );
  });

  it('zero_width and flip keep astral characters whole', () => {
    fc.assert(
      fc.property(text, (value) => {
        assert.equal(convert({ type: 'zero_width' })(value).split('\u200b').join(''), value.split('\u200b').join(''));
        assert.equal(convert({ type: 'flip' })(convert({ type: 'flip' })(value)), value);
      }),
    );
  });
});

describe('unicode edge cases', () => {
  it('binary refuses a character that needs more bits, naming it', () => {
    assert.throws(
      () => convert({ type: 'binary', bits_per_char: 8 })('hé😀'),
      /bits_per_char 8 is too small for "😀", which needs 17 bits/,
    );
  });

  it('unicode_substitution refuses a shift past U+10FFFF or into surrogates', () => {
    assert.throws(() => convert({ type: 'unicode_substitution', start_value: 0x10ffff })('a'), /not a character/);
    assert.throws(() => convert({ type: 'unicode_substitution', start_value: 0xd800 })('\u0000'), /not a character/);
  });

  it('variation_selector decoding of broken UTF-8 gives U+FFFD, not a throw', () => {
    assert.equal(convert({ type: 'variation_selector_smuggler', action: 'decode' })('😊\u{e01cf}'), '\ufffd');
  });

  it('selective_text word_index past the last word is a clear error', () => {
    assert.throws(
      () =>
        convert({
          type: 'selective_text',
          converter: { type: 'rot13' },
          selection: { strategy: 'word_index', indices: [5] },
        })('two words'),
      /SelectiveTextConverter could not convert the prompt: word indices 5 are past the last word/,
    );
  });
});
