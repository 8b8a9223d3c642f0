import { z } from 'zod';
import { acrosticSpecSchema } from './acrostic';
import { ansiAttackSpecSchema } from './ansiAttack';
import { asciiSmugglerSpecSchema } from './asciiSmuggler';
import { askToDecodeSpecSchema } from './askToDecode';
import { atbashSpecSchema } from './atbash';
import { base2048SpecSchema } from './base2048';
import { base64SpecSchema } from './base64';
import { bidiSpecSchema } from './bidi';
import { binAsciiSpecSchema } from './binAscii';
import { binarySpecSchema } from './binary';
import { brailleSpecSchema } from './braille';
import { caesarSpecSchema } from './caesar';
import { charSwapSpecSchema } from './charSwap';
import { characterSpaceSpecSchema } from './characterSpace';
import { colloquialWordswapSpecSchema } from './colloquialWordswap';
import { diacriticSpecSchema } from './diacritic';
import { ecojiSpecSchema } from './ecoji';
import { emojiSpecSchema } from './emoji';
import { firstLetterSpecSchema } from './firstLetter';
import { flipSpecSchema } from './flip';
import { insertPunctuationSpecSchema } from './insertPunctuation';
import { jsonStringSpecSchema } from './jsonString';
import { leetspeakSpecSchema } from './leetspeak';
import { morseSpecSchema } from './morse';
import { natoSpecSchema } from './nato';
import { randomCapitalLettersSpecSchema } from './randomCapitalLetters';
import { repeatTokenSpecSchema } from './repeatToken';
import { reverseSpecSchema } from './reverse';
import { rot13SpecSchema } from './rot13';
import { searchReplaceSpecSchema } from './searchReplace';
import { sneakyBitsSmugglerSpecSchema } from './sneakyBitsSmuggler';
import { stringJoinSpecSchema } from './stringJoin';
import { suffixAppendSpecSchema } from './suffixAppend';
import { superscriptSpecSchema } from './superscript';
import { tatweelSpecSchema } from './tatweel';
import { unicodeConfusableSpecSchema } from './unicodeConfusable';
import { unicodeReplacementSpecSchema } from './unicodeReplacement';
import { unicodeSubstitutionSpecSchema } from './unicodeSubstitution';
import { urlSpecSchema } from './url';
import { variationSelectorSmugglerSpecSchema } from './variationSelectorSmuggler';
import { vigenereSpecSchema } from './vigenere';
import { zalgoSpecSchema } from './zalgo';
import { zeroWidthSpecSchema } from './zeroWidth';

/**
 * The converters that turn text into text on their own, with no model and no file: the ones SelectiveText can
 * wrap. Their order is the order of `converters/list` and of the docs table.
 */
export const staticConverterSchemas = [
  base64SpecSchema,
  rot13SpecSchema,
  caesarSpecSchema,
  atbashSpecSchema,
  leetspeakSpecSchema,
  characterSpaceSpecSchema,
  stringJoinSpecSchema,
  urlSpecSchema,
  unicodeConfusableSpecSchema,
  reverseSpecSchema,
  randomCapitalLettersSpecSchema,
  asciiSmugglerSpecSchema,
  zeroWidthSpecSchema,
  emojiSpecSchema,
  binarySpecSchema,
  binAsciiSpecSchema,
  morseSpecSchema,
  brailleSpecSchema,
  natoSpecSchema,
  flipSpecSchema,
  zalgoSpecSchema,
  superscriptSpecSchema,
  diacriticSpecSchema,
  charSwapSpecSchema,
  insertPunctuationSpecSchema,
  firstLetterSpecSchema,
  acrosticSpecSchema,
  tatweelSpecSchema,
  bidiSpecSchema,
  variationSelectorSmugglerSpecSchema,
  sneakyBitsSmugglerSpecSchema,
  vigenereSpecSchema,
  searchReplaceSpecSchema,
  suffixAppendSpecSchema,
  repeatTokenSpecSchema,
  askToDecodeSpecSchema,
  colloquialWordswapSpecSchema,
  ansiAttackSpecSchema,
  jsonStringSpecSchema,
  unicodeReplacementSpecSchema,
  unicodeSubstitutionSpecSchema,
  base2048SpecSchema,
  ecojiSpecSchema,
] as const;

export const staticConverterSpecSchema = z
  .discriminatedUnion('type', staticConverterSchemas)
  .describe('A converter that needs no model and no file.')
  .meta({ id: 'TextPromptConverter' });

export type StaticConverterSpecInput = z.input<typeof staticConverterSpecSchema>;
export type StaticConverterSpec = z.output<typeof staticConverterSpecSchema>;
