import { z } from 'zod';
import {
  attackerDrivenFields,
  multiTurnScorerSpecSchema,
  oneSystemPrompt,
  systemPromptNamesObjective,
  trueFalseScorerSpecSchema,
} from './multiTurnFields';

/** PyRIT's CrescendoAttack, under its own names (its defaults too: 10 turns, 10 backtracks). */
export const crescendoParametersSchema = z
  .strictObject({
    ...attackerDrivenFields('{{objective}} and {{max_turns}} are written in'),
    objective_scorer: multiTurnScorerSpecSchema.describe(
      'Judges each kept answer; a verdict of jailbroken ends the objective. A float scorer (self_ask_likert) counts ' +
        'from its threshold, as PyRIT Crescendo thresholds its 0–1 scale scorer, and its score is fed back to the attacker.',
    ),
    refusal_scorer: trueFalseScorerSpecSchema
      .prefault({ type: 'refusal' })
      .describe('Decides whether the target refused a turn (True = refused). Default: the refusal phrase scorer.'),
    max_turns: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe('Kept turns per objective before it counts as held (PyRIT max_turns); backtracked turns do not count.'),
    max_backtracks: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(10)
      .describe(
        'Refused turns per objective that are taken back and asked another way (PyRIT max_backtracks); once spent, a refusal is judged as a kept turn.',
      ),
  })
  .superRefine((parameters, context) => {
    oneSystemPrompt(parameters, context);
    systemPromptNamesObjective(parameters, context);
  })
  .describe(
    "Crescendo: the attacker opens harmlessly and escalates turn by turn, building on the target's own answers; refused turns are taken back.",
  );

export type CrescendoParametersInput = z.input<typeof crescendoParametersSchema>;
export type CrescendoParameters = z.output<typeof crescendoParametersSchema>;
