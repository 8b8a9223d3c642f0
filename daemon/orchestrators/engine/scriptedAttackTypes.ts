import path from 'node:path';
import {
  flipParametersSchema,
  manyShotParametersSchema,
  multiPromptSendingParametersSchema,
  skeletonKeyParametersSchema,
  type ManyShotParameters,
} from '../../../config/scriptedAttackParameters';
import { readManyShotExamples, type ManyShotExample } from '../../../config/datasets/manyShotExamples';
import { datasetLimits } from '../../../config/datasets/datasetLimits';
import { readTextFile } from '../../../config/readTextFile';
import { ATTACK_IDENTIFIERS } from '../../memory';
import { stackConverters } from '../converters';
import { seededRandom } from '../converters/seededRandom';
import type { InstanceContext } from './promptSendingInstance';
import { ScriptedAttackInstance } from './scriptedAttackInstance';
import {
  defaultSkeletonKeyPrompt,
  flipSystemPrompt,
  flipTask,
  manyShotPrompt,
  withObjective,
} from './scriptedAttackPrompts';

/** PyRIT MultiPromptSendingAttack: the configured turns, in order. */
export async function createMultiPromptSending(
  parameters: unknown,
  context: InstanceContext,
): Promise<ScriptedAttackInstance> {
  const valid = multiPromptSendingParametersSchema.parse(parameters);
  return new ScriptedAttackInstance(
    valid,
    {
      attack: ATTACK_IDENTIFIERS.multiPromptSending,
      script: (objective) => ({ turns: valid.prompt_sequence.map((turn) => withObjective(turn, objective)) }),
    },
    context,
  );
}

/** PyRIT SkeletonKeyAttack: the skeleton key, then the objective itself. */
export async function createSkeletonKey(
  parameters: unknown,
  context: InstanceContext,
): Promise<ScriptedAttackInstance> {
  const valid = skeletonKeyParametersSchema.parse(parameters);
  const key = valid.skeleton_key_prompt ?? defaultSkeletonKeyPrompt;
  return new ScriptedAttackInstance(
    valid,
    { attack: ATTACK_IDENTIFIERS.skeletonKey, script: (objective) => ({ turns: [key, objective] }) },
    context,
  );
}

/** PyRIT FlipAttack: its system prompt, then the task flipped by FlipConverter before any configured converter. */
export async function createFlip(parameters: unknown, context: InstanceContext): Promise<ScriptedAttackInstance> {
  const valid = flipParametersSchema.parse(parameters);
  return new ScriptedAttackInstance(
    valid,
    {
      attack: ATTACK_IDENTIFIERS.flip,
      script: (objective) => ({ systemPrompt: flipSystemPrompt, turns: [flipTask(objective)] }),
      ownConverters: stackConverters([{ type: 'reverse' }]),
    },
    context,
  );
}

/**
 * The examples a many-shot prompt shows: without a seed the first example_count (PyRIT's choice); with one, a
 * sample drawn by a seeded shuffle, so the same seed shows the same examples in the same order.
 */
export function chooseExamples(
  examples: readonly ManyShotExample[],
  count: number,
  seed: number | undefined,
): ManyShotExample[] {
  if (seed === undefined) return examples.slice(0, count);
  const random = seededRandom(seed);
  const pool = [...examples];
  const chosen = Math.min(count, pool.length);
  // A partial Fisher–Yates shuffle: the first `chosen` places end up a uniform sample in a uniform order.
  for (let index = 0; index < chosen; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, chosen);
}

async function readExamples(parameters: ManyShotParameters, configDir: string): Promise<ManyShotExample[]> {
  const resolved = path.resolve(configDir, parameters.examples_path);
  const text = await readTextFile(resolved, {
    what: 'The many-shot examples file',
    shownAs: parameters.examples_path,
    maxBytes: datasetLimits.maxBytes,
    notFoundHint: 'examples_path is relative to the config file.',
  });
  return readManyShotExamples(text, resolved);
}

/** PyRIT ManyShotJailbreakAttack: one prompt with the chosen examples as a faux dialogue, then the objective. */
export async function createManyShot(parameters: unknown, context: InstanceContext): Promise<ScriptedAttackInstance> {
  const valid = manyShotParametersSchema.parse(parameters);
  const examples = chooseExamples(await readExamples(valid, context.configDir), valid.example_count, valid.seed);
  return new ScriptedAttackInstance(
    valid,
    {
      attack: ATTACK_IDENTIFIERS.manyShot,
      script: (objective) => ({ turns: [manyShotPrompt(examples, objective)] }),
      metadata: { example_count: examples.length, seed: valid.seed ?? null },
    },
    context,
  );
}
