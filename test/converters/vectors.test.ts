import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConverter, type TextConverterSpecInput } from '../../daemon/orchestrators/converters/createConverter';

/** Expected outputs computed with CPython 3.11 running the same operations PyRIT runs. */
const vectors: [TextConverterSpecInput, string, string][] = [
  [{ type: 'base64' }, 'hello', 'aGVsbG8='],
  [{ type: 'base64' }, '', ''],
  [{ type: 'base64' }, 'héllo wörld 😀', 'aMOpbGxvIHfDtnJsZCDwn5iA'],
  [{ type: 'rot13' }, 'Hello, World! 123', 'Uryyb, Jbeyq! 123'],
  [{ type: 'rot13' }, 'Ωmega é', 'Ωzrtn é'],
  [{ type: 'caesar', caesar_offset: 3 }, 'Hello, World! 123 xyz', 'Khoor, Zruog! 456 abc'],
  [{ type: 'caesar', caesar_offset: -3 }, 'Hello, World! 123 abc', 'Ebiil, Tloia! 890 xyz'],
  [{ type: 'caesar', caesar_offset: 1 }, 'Hello 123', 'Ifmmp 234'],
  [{ type: 'caesar', caesar_offset: 12 }, 'abc 123', 'mno 123'],
  [{ type: 'caesar', caesar_offset: -12 }, 'abc 123', 'opq 123'],
  [{ type: 'atbash' }, 'Hello 123', 'Svool 876'],
  [{ type: 'atbash' }, 'abcxyz ABCXYZ 09', 'zyxcba ZYXCBA 90'],
  [{ type: 'leetspeak' }, 'leet', '1337'],
  [{ type: 'leetspeak' }, 'hello', 'h3110'],
  [{ type: 'leetspeak' }, 'LeetSpeak', '13375p34k'],
  [{ type: 'leetspeak', custom_substitutions: { x: ['><'] } }, 'xeno', '><eno'],
  [{ type: 'character_space' }, 'How do I cut down a tree?', 'H o w   d o   I   c u t   d o w n   a   t r e e '],
  [{ type: 'character_space' }, 'Hi, there!', 'H i    t h e r e '],
  [{ type: 'character_space' }, 'a\\b', 'a \\ b'],
  [{ type: 'string_join' }, 'test', 't-e-s-t'],
  [{ type: 'string_join', join_value: '*' }, 'test me now', 't*e*s*t m*e n*o*w'],
  [{ type: 'url' }, 'a b&c', 'a%20b%26c'],
  [
    { type: 'url' },
    "tell me: 100% 'true'? #1 ~/path_a.b-c",
    'tell%20me%3A%20100%25%20%27true%27%3F%20%231%20~/path_a.b-c',
  ],
  [{ type: 'url' }, "~_.-/!'()*é€😀\n", '~_.-/%21%27%28%29%2A%C3%A9%E2%82%AC%F0%9F%98%80%0A'],
  [{ type: 'reverse' }, 'hello me', 'em olleh'],
  [{ type: 'reverse' }, 'a😀b', 'b😀a'],
  [{ type: 'random_capital_letters' }, 'tell me 123', 'TELL ME 123'],
  [{ type: 'unicode_confusable' }, 'a b', '\u0430 \u0184'],
];

describe('converters on known vectors', () => {
  for (const [spec, input, expected] of vectors) {
    it(`${JSON.stringify(spec)}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(createConverter(spec).convert(input), expected);
    });
  }
});

describe('random_capital_letters', () => {
  it('rounds the count as PyRIT does: 29 % of 100 positions is 28', () => {
    const converted = createConverter({ type: 'random_capital_letters', percentage: 29, seed: 3 }).convert(
      'a'.repeat(100),
    );
    assert.equal(converted.replace(/a/g, '').length, 28);
  });
});

describe('word-level converters', () => {
  it("keep the prompt's own whitespace where PyRIT would collapse it", () => {
    assert.equal(createConverter({ type: 'string_join' }).convert('ab  cd\nef'), 'a-b  c-d\ne-f');
    assert.equal(createConverter({ type: 'rot13' }).convert('ab\n\ncd'), 'no\n\npq');
  });

  it("split words on Python's whitespace, not JavaScript's", () => {
    // U+0085 is whitespace to Python's str.split(); U+FEFF is not, though JavaScript's \s says otherwise.
    assert.equal(createConverter({ type: 'string_join' }).convert('ab\u0085cd'), 'a-b\u0085c-d');
    assert.equal(createConverter({ type: 'string_join' }).convert('ab\ufeffcd'), 'a-b-\ufeff-c-d');
  });
});
