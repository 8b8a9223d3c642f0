import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConverter, type TextConverterSpecInput } from '../../daemon/orchestrators/converters/createConverter';

const tags = (text: string) => Array.from(text, (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

/**
 * Each vector names where it comes from: "PyRIT test" (tests/unit/converter/test_<name>.py), "PyRIT docstring"
 * (the class's own example), or "CPython" (computed with CPython 3 running the operations PyRIT's source runs);
 * for the encodings PyRIT takes from a package, that package's own vectors: "base2048 README" (ionite34/base2048,
 * the PyPI package), "rust-base2048 doc" (LLFourn/rust-base2048 src/lib.rs, the same table), "ecoji-py test"
 * (mecforlove/ecoji-py tests/test_encode.py, the PyPI `ecoji` package), "Ecoji test data" (keith-turner/ecoji
 * test_scripts/data/*.ev1, Ecoji version 1, which ecoji-py ends with a line break).
 */
const vectors: [source: string, TextConverterSpecInput, string, string][] = [
  ['PyRIT docstring', { type: 'nato' }, 'Hello', 'Hotel Echo Lima Lima Oscar'],
  ['CPython', { type: 'nato' }, 'a1-b ß', 'Alfa Bravo Sierra Sierra'],
  ['PyRIT test', { type: 'first_letter' }, 'Lorem ipsum dolor sit amet', 'L i d s a'],
  ['PyRIT test', { type: 'first_letter' }, 'Lorem\nipsum\tdolor\nsit\tamet', 'L i d s a'],
  ['PyRIT test', { type: 'first_letter', letter_separator: '-' }, 'Lorem ipsum dolor sit amet', 'L-i-d-s-a'],
  ['PyRIT test', { type: 'first_letter' }, '\n    ふるいけ や\n    かわず とびこむ\n', 'ふ や か と'],
  ['CPython', { type: 'first_letter' }, 'Hello, World! — 42 x', 'H W 4 x'],
  ['PyRIT test', { type: 'superscript' }, "Let's test this converter!", "ᴸᵉᵗ'ˢ ᵗᵉˢᵗ ᵗʰⁱˢ ᶜᵒⁿᵛᵉʳᵗᵉʳ!"],
  ['PyRIT test', { type: 'superscript' }, 'stay the same: qCFQSXYZ', 'ˢᵗᵃʸ ᵗʰᵉ ˢᵃᵐᵉ: qCFQSXYZ'],
  [
    'PyRIT test',
    { type: 'superscript', mode: 'alternate' },
    'word1 word2 word3 word4 word5',
    'ʷᵒʳᵈ¹ word2 ʷᵒʳᵈ³ word4 ʷᵒʳᵈ⁵',
  ],
  [
    'PyRIT test',
    { type: 'superscript', mode: 'random', random_percentage: 100 },
    "Let's test random mode",
    "ᴸᵉᵗ'ˢ ᵗᵉˢᵗ ʳᵃⁿᵈᵒᵐ ᵐᵒᵈᵉ",
  ],
  ['PyRIT docstring', { type: 'vigenere', key: 'key' }, 'Hello', 'Rijvs'],
  ['CPython', { type: 'vigenere', key: 'abc' }, 'Hello, World 2!', 'Hfnlp, Yosnd 2!'],
  ['PyRIT docstring', { type: 'suffix_append', suffix: '!!!' }, 'test', 'test !!!'],
  [
    'PyRIT docstring',
    { type: 'acrostic', instruction: 'Read down.' },
    'hi there',
    'Read down.\n\nHarbor\nIsland\n—\nTemple\nHarbor\nEngine\nRiver\nEngine',
  ],
  ['CPython', { type: 'json_string' }, 'say "hi"\n\tC:\\path', 'say \\"hi\\"\\n\\tC:\\\\path'],
  ['CPython', { type: 'json_string' }, 'café 😀', 'caf\\u00e9 \\ud83d\\ude00'],
  ['CPython', { type: 'json_string' }, '\x7f\x00', '\\u007f\\u0000'],
  ['base2048 README', { type: 'base2048' }, 'Hello!', 'ϓțƘ໐µ'],
  [
    'rust-base2048 doc',
    { type: 'base2048' },
    'some utf8 bytes to encode more compactly',
    'ԵտћΖыɘ༖ĢկଜѷΖχ৩ਨඖԔǙϐຕႤɔकԈԄडї࿋൦༎',
  ],
  ['CPython', { type: 'base2048' }, '', ''],
  ['ecoji-py test', { type: 'ecoji' }, '12345', '🎌🚟🎗🈸\n'],
  ['ecoji-py test', { type: 'ecoji' }, '123456789', '🎌🚟🎗🈸🎥🤠📠🏍\n'],
  ['ecoji-py test', { type: 'ecoji' }, '12345678', '🎌🚟🎗🈸🎥🤠📒☕\n'],
  ['ecoji-py test', { type: 'ecoji' }, '1234567', '🎌🚟🎗🈸🎥🤝☕☕\n'],
  ['ecoji-py test', { type: 'ecoji' }, '123456', '🎌🚟🎗🈸🎥☕☕☕\n'],
  ['ecoji-py test', { type: 'ecoji' }, '', ''],
  ['Ecoji test data', { type: 'ecoji' }, 'k', '👽☕☕☕\n'],
  [
    'Ecoji test data',
    { type: 'ecoji' },
    "Base64 is so 1999, isn't there something better?\n",
    '🏗📩🎦🐇🎛📘🔯🚜💞😽🆖🐊🎱🥁🚄🌱💞😭💮🇵💢🕥🐭🔸🍉🚲🦑🐶💢🕥🔮🔺🍉📸🐮🌼👦🚟🥴📑\n',
  ],
  ['CPython', { type: 'binary' }, 'A b', '0000000001000001 0000000000100000 0000000001100010'],
  ['CPython', { type: 'binary', bits_per_char: 8 }, 'Hi', '01001000 01101001'],
  ['CPython', { type: 'bin_ascii' }, 'Hello World', '48656C6C6F20576F726C64'],
  ['CPython', { type: 'bin_ascii', encoding_func: 'quoted-printable' }, 'café = 1', 'caf=C3=A9=20=3D=201'],
  ['CPython', { type: 'bin_ascii', encoding_func: 'UUencode' }, 'Hello World', '%2&5L;&\\ %5V]R;&0 '],
  [
    'CPython',
    { type: 'bin_ascii', encoding_func: 'quoted-printable' },
    'x'.repeat(100),
    `${'x'.repeat(75)}=\n${'x'.repeat(25)}`,
  ],
  ['CPython', { type: 'bin_ascii', encoding_func: 'quoted-printable' }, 'a\t\nb\t', 'a=09\nb=09'],
  ['CPython', { type: 'unicode_replacement' }, 'hi 😀', '\\u0068\\u0069 \\u1f600'],
  ['CPython', { type: 'unicode_replacement', encode_spaces: true }, 'a b', '\\u0061\\u0020\\u0062'],
  ['CPython', { type: 'unicode_substitution' }, 'Hi', tags('Hi')],
  ['CPython', { type: 'diacritic' }, 'hello world', 'hélló wórld'],
  ['CPython', { type: 'diacritic', target_chars: 'y', accent: 'umlaut' }, 'yes', 'ÿes'],
  ['CPython', { type: 'tatweel' }, 'سلام عليكم', 'سـلـاـم عـلـيـكـم'],
  [
    'CPython',
    { type: 'tatweel', tatweel_count: 2 },
    'abc سلام',
    'abc \u0633\u0640\u0640\u0644\u0640\u0640\u0627\u0640\u0640\u0645',
  ],
  [
    'CPython',
    { type: 'repeat_token', token_to_repeat: 'poem', times_to_repeat: 3 },
    'How? Now.',
    'How? poem poem poem Now.',
  ],
  ['CPython', { type: 'repeat_token', token_to_repeat: 'x', times_to_repeat: 2 }, 'no marks', ' x xno marks'],
  [
    'CPython',
    { type: 'repeat_token', token_to_repeat: ' a ', times_to_repeat: 2, token_insert_mode: 'append' },
    'p',
    'p a a',
  ],
  [
    'CPython',
    { type: 'repeat_token', token_to_repeat: 'a', times_to_repeat: 2, token_insert_mode: 'repeat' },
    'p',
    ' a a',
  ],
  ['CPython', { type: 'ascii_smuggler' }, 'Hi!', tags('Hi!')],
  ['CPython', { type: 'ascii_smuggler', unicode_tags: true }, 'Hi!', `\u{e0001}${tags('Hi!')}\u{e007f}`],
  ['CPython', { type: 'ascii_smuggler' }, 'é\nA', tags('A')],
  ['CPython', { type: 'variation_selector_smuggler' }, 'hi\n', '😊\u{e0158}\u{e0159}\ufe0a'],
  ['CPython', { type: 'variation_selector_smuggler', embed_in_base: false }, 'é', '😊 \u{e01b3}\u{e0199}'],
  ['CPython', { type: 'sneaky_bits_smuggler' }, 'A', '\u2062\u2064\u2062\u2062\u2062\u2062\u2062\u2064'],
  [
    'CPython',
    { type: 'colloquial_wordswap' },
    'My Father and mother, with my brother!',
    'My papa and mama, with my bro!',
  ],
  ['CPython', { type: 'colloquial_wordswap' }, '  (father)  ', '(father)'],
  ['PyRIT docstring', { type: 'flip' }, 'hello me', 'em olleh'],
  ['CPython', { type: 'zero_width' }, 'a😀b', 'a\u200b😀\u200bb'],
  ['CPython', { type: 'bidi' }, 'abc', '\u202eabc\u202c'],
  ['CPython', { type: 'bidi', scheme: 'isolate' }, 'abc', '\u2067abc\u2069'],
  ['CPython', { type: 'bidi' }, '', ''],
  ['CPython', { type: 'morse' }, 'test', '- . ... -'],
  ['CPython', { type: 'morse' }, 'Hi you\nÆ#', '.... .. / -.-- --- ..- / .-.- ........'],
  ['CPython', { type: 'braille' }, 'hello', '⠓⠑⠇⠇⠕'],
  ['CPython', { type: 'braille' }, 'Hi 12', '⠠⠓⠊ ⠼⠁⠼⠃'],
  ['CPython', { type: 'braille' }, '1.5\t#', '⠼⠁⠲⠼⠑\t'],
  ['CPython', { type: 'search_replace', pattern: 'tree', replace: 'log' }, 'cut a tree, a Tree', 'cut a log, a Tree'],
  [
    'CPython',
    { type: 'search_replace', pattern: '(\\w+)@(\\w+)', replace: '$2 at $1', ignore_case: true },
    'me@host',
    'host at me',
  ],
  [
    'CPython',
    { type: 'ask_to_decode', template: 'Decode {encoding_name}: {encoded_text} {{x}}', encoding_name: 'Base64' },
    'aGk=',
    'Decode Base64: aGk= {x}',
  ],
  ['CPython', { type: 'ask_to_decode', template: '{encoded_text}!' }, '{encoding_name}', '{encoding_name}!'],
  [
    'CPython',
    { type: 'text_jailbreak', string_template: 'Story: {{ prompt }} / {{prompt}}' },
    '$& costs $1',
    'Story: $& costs $1 / $& costs $1',
  ],
  [
    'CPython',
    {
      type: 'selective_text',
      converter: { type: 'base64' },
      selection: { strategy: 'word_regex', pattern: '\\d+' },
      preserve_tokens: true,
    },
    'The code is 12345 here',
    'The code is ⟪MTIzNDU=⟫ here',
  ],
  [
    'CPython',
    { type: 'selective_text', converter: { type: 'rot13' }, selection: { strategy: 'index', start: 2, end: 4 } },
    'abcdef',
    'abpqef',
  ],
  [
    'CPython',
    {
      type: 'selective_text',
      converter: { type: 'rot13' },
      selection: { strategy: 'keyword', keyword: 'CD', case_sensitive: false, context_after: 1 },
    },
    'abcdef',
    'abpqrf',
  ],
  [
    'CPython',
    {
      type: 'selective_text',
      converter: { type: 'flip' },
      selection: { strategy: 'proportion', proportion: 0.5, anchor: 'end' },
    },
    'abcdef',
    'abcfed',
  ],
  [
    'CPython',
    {
      type: 'selective_text',
      converter: { type: 'flip' },
      selection: { strategy: 'word_position', start_proportion: 0.5, end_proportion: 1 },
    },
    'one two three four',
    'one two eerht ruof',
  ],
  [
    'CPython',
    { type: 'selective_text', converter: { type: 'rot13' }, selection: { strategy: 'token' } },
    'keep ⟪this⟫ and ⟪that⟫',
    'keep guvf and gung',
  ],
  [
    'CPython',
    { type: 'selective_text', converter: { type: 'rot13' }, selection: { strategy: 'token' } },
    'no marks',
    'ab znexf',
  ],
];

describe('static converters on known vectors', () => {
  for (const [source, spec, input, expected] of vectors) {
    it(`${source}: ${JSON.stringify(spec)} ${JSON.stringify(input)}`, () => {
      assert.equal(createConverter(spec).convert(input), expected);
    });
  }
});
