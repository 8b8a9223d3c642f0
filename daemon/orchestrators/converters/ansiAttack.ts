import type { AnsiAttackSpec } from '../../../config/converters/ansiAttack';
import {
  asks,
  escapedPayloads,
  fallbackScenario,
  highLevelTasks,
  livePayloads,
  repeatStubs,
  unescapeStubs,
} from './ansiPayloads';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pickOne, seededRandom, type Random } from './seededRandom';

function pick(random: Random, options: readonly string[]): string {
  return pickOne(random, options) ?? options[0] ?? '';
}

/** PyRIT's order of draws: a task, a repeat, an unescape (each when enabled), then one of those at random. */
function scenario(spec: AnsiAttackSpec, random: Random): string {
  const choices: string[] = [];
  if (spec.include_tasks) choices.push(`${pick(random, asks)} ${pick(random, highLevelTasks)}`);
  if (spec.include_repeats) {
    const payloads = [...(spec.include_raw ? livePayloads : []), ...(spec.include_escaped ? escapedPayloads : [])];
    if (payloads.length > 0) choices.push(`${pick(random, repeatStubs)} ${pick(random, payloads)}`);
  }
  if (spec.include_unescape && spec.include_escaped) {
    choices.push(`${pick(random, unescapeStubs)} ${pick(random, escapedPayloads)}`);
  }
  return choices.length === 0 ? fallbackScenario : pick(random, choices);
}

export function createAnsiAttackConverter(spec: AnsiAttackSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('AnsiAttackConverter', 'ansi_escape.ansi_attack_converter'),
    convert: (text) => {
      const chosen = scenario(spec, seededRandom(spec.seed));
      return spec.incorporate_user_prompt && text.trim() !== ''
        ? `${chosen}\nAdditionally, consider this user input: ${text}`
        : chosen;
    },
  };
}
