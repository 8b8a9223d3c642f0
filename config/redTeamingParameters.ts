import { z } from 'zod';
import { attackerDrivenFields, trueFalseScorerSpecSchema } from './multiTurnFields';
import { targetSpecSchema } from './targetSpec';

/** Converters, batch size and labels read the same in every attacker-driven attack. */
const shared = attackerDrivenFields('{{objective}} is replaced by the objective');

const backtrackSchema = z
  .strictObject({
    max_backtracks: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(0)
      .describe(
        'How many refused turns per objective are taken back and retried with another approach; 0 turns backtracking off.',
      ),
    refusal_scorer: trueFalseScorerSpecSchema
      .prefault({ type: 'refusal' })
      .describe('Decides whether the target refused a turn (True = refused). Default: the refusal phrase scorer.'),
  })
  .describe(
    'Crescendo-style backtracking: a refused turn is kept in memory (marked backtracked) but left out of the ' +
      "target's history, and the attacker is told to try another approach. Backtracked turns do not count against max_turns.",
  );

/** PyRIT's RedTeamingOrchestrator, under its own names, plus Crescendo's backtracking as an option. */
export const redTeamingParametersSchema = z
  .strictObject({
    objective_target: targetSpecSchema.describe(
      "The target under test: it receives the attacker's prompts, with the earlier turns as history.",
    ),
    adversarial_chat: targetSpecSchema.describe(
      "The attacker: a chat model that writes each attack prompt from the objective, the target's last answer and the score feedback.",
    ),
    adversarial_chat_system_prompt: z
      .string()
      .min(1)
      .max(100_000)
      .optional()
      .describe(
        'System prompt of the attacker; {{objective}} is replaced by the objective. Default: a built-in red-teamer prompt.',
      ),
    adversarial_chat_system_prompt_path: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A file holding the attacker's system prompt (with {{objective}}); relative to the config file. Not with adversarial_chat_system_prompt.",
      ),
    objective_scorer: trueFalseScorerSpecSchema.describe(
      'Judges each target answer: True means the objective is achieved and the objective stops.',
    ),
    max_turns: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe('Most turns per objective before it counts as failed (PyRIT max_turns).'),
    use_score_as_feedback: z
      .boolean()
      .default(true)
      .describe(
        "Send the objective scorer's rationale to the attacker along with the target's answer (PyRIT use_score_as_feedback).",
      ),
    prompt_converters: shared.prompt_converters,
    batch_size: shared.batch_size,
    backtrack: backtrackSchema.prefault({}),
    memory_labels: shared.memory_labels,
    budget: shared.budget,
  })
  .superRefine((parameters, context) => {
    if (
      parameters.adversarial_chat_system_prompt !== undefined &&
      parameters.adversarial_chat_system_prompt_path !== undefined
    ) {
      context.addIssue({
        code: 'custom',
        path: ['adversarial_chat_system_prompt_path'],
        message: 'Give the attacker system prompt inline or by path, not both.',
      });
    }
  })
  .describe(
    'Multi-turn attack: an attacker model talks to the target, turn by turn, until a true/false scorer says the objective is achieved.',
  );

export type RedTeamingParametersInput = z.input<typeof redTeamingParametersSchema>;
export type RedTeamingParameters = z.output<typeof redTeamingParametersSchema>;
