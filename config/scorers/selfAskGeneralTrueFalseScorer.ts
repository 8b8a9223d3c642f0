import { z } from 'zod';
import { objectiveField, trueMeansField } from './judging';
import { chatTargetField } from './judgeTarget';
import { judgeTemplateFields } from './judgeTemplate';

export const selfAskGeneralTrueFalseScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('self_ask_general_true_false')
      .describe('A judge model answers your own true/false prompt (PyRIT SelfAskGeneralTrueFalseScorer).'),
    ...chatTargetField,
    ...judgeTemplateFields,
    category: z.string().default('').describe('Category stored with the score.'),
    ...objectiveField,
    ...trueMeansField,
  })
  .describe(
    'Asks a judge model with your system prompt; it must answer JSON whose score_value_key holds "True" or "False". true_means says what its True means.',
  );

export type SelfAskGeneralTrueFalseScorerSpec = z.output<typeof selfAskGeneralTrueFalseScorerSpecSchema>;
