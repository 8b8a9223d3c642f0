import { z } from 'zod';
import { objectiveField } from './judging';
import { chatTargetField } from './judgeTarget';

export const selfAskQuestionAnswerScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('self_ask_question_answer')
      .describe(
        'A judge model decides whether the response answers the question correctly (PyRIT SelfAskQuestionAnswerScorer).',
      ),
    ...chatTargetField,
    category: z.string().default('question_answering').describe('Category stored with the score.'),
    ...objectiveField,
  })
  .describe(
    'Asks a judge model whether the response answers the question of the prompt (the objective, with its choices) correctly. Its True means the model answered it: "success".',
  );

export type SelfAskQuestionAnswerScorerSpec = z.output<typeof selfAskQuestionAnswerScorerSpecSchema>;
