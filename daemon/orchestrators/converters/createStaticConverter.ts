import {
  staticConverterSpecSchema,
  type StaticConverterSpec,
  type StaticConverterSpecInput,
} from '../../../config/converters/staticConverterSpec';
import { createAcrosticConverter } from './acrostic';
import { createAnsiAttackConverter } from './ansiAttack';
import { createAsciiSmugglerConverter } from './asciiSmuggler';
import { createAskToDecodeConverter } from './askToDecode';
import { createAtbashConverter } from './atbash';
import { createBase2048Converter } from './base2048';
import { createBase64Converter } from './base64';
import { createBidiConverter } from './bidi';
import { createBinAsciiConverter } from './binAscii';
import { createBinaryConverter } from './binary';
import { createBrailleConverter } from './braille';
import { createCaesarConverter } from './caesar';
import { createCharSwapConverter } from './charSwap';
import { createCharacterSpaceConverter } from './characterSpace';
import { createColloquialWordswapConverter } from './colloquialWordswap';
import { createDiacriticConverter } from './diacritic';
import { createEcojiConverter } from './ecoji';
import { createEmojiConverter } from './emoji';
import { createFirstLetterConverter } from './firstLetter';
import { createFlipConverter } from './flip';
import { createInsertPunctuationConverter } from './insertPunctuation';
import { createJsonStringConverter } from './jsonString';
import { createLeetspeakConverter } from './leetspeak';
import { createMorseConverter } from './morse';
import { createNatoConverter } from './nato';
import { createRandomCapitalLettersConverter } from './randomCapitalLetters';
import { createRepeatTokenConverter } from './repeatToken';
import { createRot13Converter } from './rot13';
import { createSearchReplaceConverter } from './searchReplace';
import { createSneakyBitsSmugglerConverter } from './sneakyBitsSmuggler';
import { createStringJoinConverter } from './stringJoin';
import { createSuffixAppendConverter } from './suffixAppend';
import { createSuperscriptConverter } from './superscript';
import { createTatweelConverter } from './tatweel';
import { createUnicodeConfusableConverter } from './unicodeConfusable';
import { createUnicodeReplacementConverter } from './unicodeReplacement';
import { createUnicodeSubstitutionConverter } from './unicodeSubstitution';
import { createUrlConverter } from './url';
import { createVariationSelectorSmugglerConverter } from './variationSelectorSmuggler';
import { createVigenereConverter } from './vigenere';
import { createZalgoConverter } from './zalgo';
import { createZeroWidthConverter } from './zeroWidth';
import type { Converter } from './converter';
import { invalidConfig } from './invalidConfig';

/** Validates a spec of a converter that needs no model or file, and builds it; a bad spec throws `InvalidConfig`. */
export function createStaticConverter(spec: StaticConverterSpecInput): Converter {
  const parsed = staticConverterSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('converter', parsed.error);
  return staticConverterFor(parsed.data);
}

export function staticConverterFor(spec: StaticConverterSpec): Converter {
  switch (spec.type) {
    case 'base64':
      return createBase64Converter(spec);
    case 'base2048':
      return createBase2048Converter(spec);
    case 'ecoji':
      return createEcojiConverter(spec);
    case 'rot13':
      return createRot13Converter(spec);
    case 'caesar':
      return createCaesarConverter(spec);
    case 'atbash':
      return createAtbashConverter(spec);
    case 'leetspeak':
      return createLeetspeakConverter(spec);
    case 'character_space':
      return createCharacterSpaceConverter(spec);
    case 'string_join':
      return createStringJoinConverter(spec);
    case 'url':
      return createUrlConverter(spec);
    case 'unicode_confusable':
      return createUnicodeConfusableConverter(spec);
    case 'random_capital_letters':
      return createRandomCapitalLettersConverter(spec);
    case 'ascii_smuggler':
      return createAsciiSmugglerConverter(spec);
    case 'zero_width':
      return createZeroWidthConverter(spec);
    case 'emoji':
      return createEmojiConverter(spec);
    case 'binary':
      return createBinaryConverter(spec);
    case 'bin_ascii':
      return createBinAsciiConverter(spec);
    case 'morse':
      return createMorseConverter(spec);
    case 'braille':
      return createBrailleConverter(spec);
    case 'nato':
      return createNatoConverter(spec);
    case 'zalgo':
      return createZalgoConverter(spec);
    case 'superscript':
      return createSuperscriptConverter(spec);
    case 'diacritic':
      return createDiacriticConverter(spec);
    case 'char_swap':
      return createCharSwapConverter(spec);
    case 'insert_punctuation':
      return createInsertPunctuationConverter(spec);
    case 'first_letter':
      return createFirstLetterConverter(spec);
    case 'acrostic':
      return createAcrosticConverter(spec);
    case 'tatweel':
      return createTatweelConverter(spec);
    case 'bidi':
      return createBidiConverter(spec);
    case 'variation_selector_smuggler':
      return createVariationSelectorSmugglerConverter(spec);
    case 'sneaky_bits_smuggler':
      return createSneakyBitsSmugglerConverter(spec);
    case 'vigenere':
      return createVigenereConverter(spec);
    case 'search_replace':
      return createSearchReplaceConverter(spec);
    case 'suffix_append':
      return createSuffixAppendConverter(spec);
    case 'repeat_token':
      return createRepeatTokenConverter(spec);
    case 'ask_to_decode':
      return createAskToDecodeConverter(spec);
    case 'colloquial_wordswap':
      return createColloquialWordswapConverter(spec);
    case 'ansi_attack':
      return createAnsiAttackConverter(spec);
    case 'json_string':
      return createJsonStringConverter(spec);
    case 'unicode_replacement':
      return createUnicodeReplacementConverter(spec);
    case 'unicode_substitution':
      return createUnicodeSubstitutionConverter(spec);
    case 'reverse':
    case 'flip':
      return createFlipConverter(spec);
  }
}
