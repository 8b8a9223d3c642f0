import { z } from 'zod';
import {
  attackerDrivenFields,
  multiTurnScorerSpecSchema,
  oneSystemPrompt,
  systemPromptNamesObjective,
  trueFalseScorerSpecSchema,
} from './multiTurnFields';

const placeholders = '{{objective}} and {{desired_prefix}} are written in';

const objectiveScorer = multiTurnScorerSpecSchema.describe(
  "Judges each target answer; its score (a float scorer's 0–1, or 1/0 for True/False) is fed back to the attacker " +
    'and ranks the branches. A verdict of jailbroken stops the objective at once.',
);

const desiredResponsePrefix = z
  .string()
  .min(1)
  .max(500)
  .default('Sure, here is')
  .describe("How the attacker is told the target's reply should begin (PyRIT desired_response_prefix).");

/** PyRIT's TreeOfAttacksWithPruningAttack (TAPAttack), under its own names and defaults. */
export const tapParametersSchema = z
  .strictObject({
    ...attackerDrivenFields(placeholders),
    objective_scorer: objectiveScorer,
    tree_width: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe('Branches kept after each level; the best-scoring survive (PyRIT tree_width).'),
    tree_depth: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe(
        'Levels (attacker–target–judge rounds per branch) before the objective counts as held (PyRIT tree_depth).',
      ),
    branching_factor: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(2)
      .describe('Children each surviving branch grows at the next level, itself included (PyRIT branching_factor).'),
    on_topic_checking_enabled: z
      .boolean()
      .default(true)
      .describe(
        'Ask a judge whether each adversarial prompt still pursues the objective, and prune it unsent if not (PyRIT on_topic_checking_enabled).',
      ),
    on_topic_scorer: trueFalseScorerSpecSchema
      .optional()
      .describe(
        'The on-topic judge (True = on topic). Default: a self_ask_true_false scorer on the adversarial_chat model, as PyRIT uses.',
      ),
    desired_response_prefix: desiredResponsePrefix,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .describe(
        'Breaks ties between equally scored branches when pruning: the same seed and the same model replies give the same tree. Without it, ties break at random.',
      ),
  })
  .superRefine((parameters, context) => {
    oneSystemPrompt(parameters, context);
    systemPromptNamesObjective(parameters, context);
  })
  .describe(
    'Tree of attacks with pruning: branches of attacker conversations grow level by level; off-topic prompts and the lowest scores are pruned; the first success stops it.',
  );

/** PAIR (Chao et al.): parallel attacker streams, each refining its prompt on the judge's score. */
export const pairParametersSchema = z
  .strictObject({
    ...attackerDrivenFields(placeholders),
    objective_scorer: objectiveScorer,
    n_streams: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe("Independent attacker streams per objective (the PAIR paper's N)."),
    depth: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe("Iterations per stream before the objective counts as held (PyRIT PAIR's depth, the paper's K)."),
    desired_response_prefix: desiredResponsePrefix,
  })
  .superRefine((parameters, context) => {
    oneSystemPrompt(parameters, context);
    systemPromptNamesObjective(parameters, context);
  })
  .describe(
    "PAIR: n_streams attacker streams each refine a prompt for depth iterations on the target's output and the judge's score; the first success stops it.",
  );

export type TapParameters = z.output<typeof tapParametersSchema>;
export type PairParameters = z.output<typeof pairParametersSchema>;
