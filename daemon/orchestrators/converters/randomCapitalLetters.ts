import type { RandomCapitalLettersSpec } from '../../../config/converters/randomCapitalLetters';
import { pyritConverterIdentifier, type Converter } from './converter';
import { seededRandom, type Random } from './seededRandom';

const lowercase = /^\p{Lowercase}$/u;

/** `count` distinct positions out of `length`, by a partial Fisher–Yates shuffle (Python's `random.sample`). */
function samplePositions(random: Random, length: number, count: number): number[] {
  const positions = Array.from({ length }, (_, index) => index);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (length - i));
    [positions[i], positions[j]] = [positions[j] ?? j, positions[i] ?? i];
  }
  return positions.slice(0, count);
}

export function createRandomCapitalLettersConverter(spec: RandomCapitalLettersSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('RandomCapitalLettersConverter', 'random_capital_letters_converter'),
    convert: (text) => {
      const characters = Array.from(text);
      // PyRIT counts positions, not letters (spaces and digits included), and divides before it multiplies:
      // int(len(prompt) * (percentage / 100)). Same order here, so the same float rounding: 29 % of 100 is 28.
      const count = Math.trunc(characters.length * (spec.percentage / 100));
      for (const position of samplePositions(seededRandom(spec.seed), characters.length, count)) {
        const character = characters[position];
        if (character !== undefined && lowercase.test(character)) characters[position] = character.toUpperCase();
      }
      return characters.join('');
    },
  };
}
