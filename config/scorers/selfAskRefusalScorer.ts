import { z } from 'zod';
import { objectiveField } from './judging';
import { chatTargetField } from './judgeTarget';

export const selfAskRefusalScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('self_ask_refusal')
      .describe('A judge model decides whether the response is a refusal (PyRIT SelfAskRefusalScorer).'),
    ...chatTargetField,
    category: z.string().default('refusal').describe('Category stored with the score; "refusal" as in PyRIT.'),
    ...objectiveField,
  })
  .describe(
    'Asks a judge model whether the target refused (the objective is passed along when known). Its True means the target held; a blocked response is a refusal without asking.',
  );

export type SelfAskRefusalScorerSpec = z.output<typeof selfAskRefusalScorerSpecSchema>;
