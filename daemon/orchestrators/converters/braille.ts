import type { BrailleSpec } from '../../../config/converters/braille';
import { pyritConverterIdentifier, type Converter } from './converter';

/** PyRIT's table (taken, as PyRIT says, from garak's encoding probe). */
const cells: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: '\u2801',
    b: '\u2803',
    k: '\u2805',
    l: '\u2807',
    c: '\u2809',
    i: '\u280a',
    f: '\u280b',
    m: '\u280d',
    s: '\u280e',
    p: '\u280f',
    e: '\u2811',
    h: '\u2813',
    o: '\u2815',
    r: '\u2817',
    d: '\u2819',
    j: '\u281a',
    g: '\u281b',
    n: '\u281d',
    t: '\u281e',
    q: '\u281f',
    u: '\u2825',
    v: '\u2827',
    x: '\u282d',
    z: '\u2835',
    w: '\u283a',
    y: '\u283d',
    '.': '\u2832',
    "'": '\u2804',
    ',': '\u2802',
    '-': '\u2824',
    '/': '\u280c',
    '!': '\u2816',
    '?': '\u2826',
    $: '\u2832',
    ':': '\u2812',
    ';': '\u2830',
    '(': '\u2836',
    ')': '\u2836',
    1: '\u2801',
    2: '\u2803',
    3: '\u2809',
    4: '\u2819',
    5: '\u2811',
    6: '\u280b',
    7: '\u281b',
    8: '\u2813',
    9: '\u280a',
    0: '\u281a',
    ' ': ' ',
  }),
);
const capital = '\u2820';
const numberSign = '\u283c';
const kept = new Set(['\n', '\r', '\t']);
const numberPunctuation = new Set(['.', ',', '-', '/', '$']);
const upper = /^\p{Lu}$/u;

/**
 * PyRIT's loop as it is: a digit gets the number sign unless the character before it was a digit's punctuation
 * (its "still a number" flag is cleared by any character outside . , - / $, the digit itself included), so
 * "12" is ⠼⠁⠼⠃. Upper-case letters get the capital sign; anything not in the table is dropped.
 */
export function braille(text: string): string {
  let output = '';
  let inNumber = false;
  for (const character of text) {
    if (kept.has(character)) output += character;
    else if (upper.test(character)) {
      const cell = cells.get(character.toLowerCase());
      if (cell !== undefined) output += capital + cell;
    } else {
      const cell = cells.get(character);
      if (cell !== undefined) {
        if (/^[0-9]$/.test(character) && !inNumber) {
          inNumber = true;
          output += numberSign;
        }
        output += cell;
      }
    }
    if (inNumber && !numberPunctuation.has(character)) inNumber = false;
  }
  return output;
}

export function createBrailleConverter(_spec: BrailleSpec): Converter {
  return { identifier: pyritConverterIdentifier('BrailleConverter', 'braille_converter'), convert: braille };
}
