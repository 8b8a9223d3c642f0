import { z } from 'zod';
import { ATTACK_OUTCOMES, LABEL_OUTCOMES } from '../../domain/attackOutcome';

/** Protocol 2.0's words for results, defined once (docs/results.md): every figure is read from stored outcomes. */
export const AttackOutcome = z
  .enum(ATTACK_OUTCOMES)
  .describe(
    'PyRIT 1.x AttackOutcome: success (jailbroken), failure (held), error (the target or a model the attack needs failed; never scored), undetermined (no objective scorer decided).',
  );

export const LabelOutcome = z
  .enum(LABEL_OUTCOMES)
  .describe("A reviewer's verdict: success (jailbroken) or failure (held).");

export const OutcomeCounts = z.strictObject({
  success: z.number().int(),
  failure: z.number().int(),
  error: z.number().int(),
  undetermined: z.number().int(),
});

/** The figures of a run or of a part of it (one converter chain); rates are null when their denominator is 0. */
export const RunFigures = {
  outcomes: OutcomeCounts.describe('Prompts (or objectives) per stored outcome, human labels applied.'),
  judged_total: z.number().int().describe('Prompts (or objectives) with a stored attack result: the sum of outcomes.'),
  attack_success_rate: z.number().nullable().describe('success / (success + failure); null when no answer was judged.'),
  error_rate: z.number().nullable().describe('error / judged_total; null when nothing is stored yet.'),
  response_rate: z
    .number()
    .nullable()
    .describe('(judged_total − error) / judged_total: the share the target answered; null when nothing is stored.'),
};
