import { z } from 'zod';

/** Who made a model call, one vocabulary everywhere (usage, budgets, reports): PyRIT 1.x's attack roles. */
export const ModelRole = z
  .enum(['objective_target', 'adversarial_chat', 'scorer', 'converter'])
  .describe(
    'objective_target: the model under test; adversarial_chat: the attacker; scorer: a judge model (self-ask, Llama Guard…); converter: an LLM-backed converter (converter_target).',
  );
export type ModelRole = z.infer<typeof ModelRole>;

const tokens = z.number().int().min(0).nullable();

export const UsageTotals = z.strictObject({
  requests: z.number().int().min(0).describe('Model calls made (a retried call counts once).'),
  requests_without_usage: z
    .number()
    .int()
    .min(0)
    .describe('Of those, calls whose reply reported no token usage (http, process and echo targets never do).'),
  prompt_tokens: tokens.describe('Summed over the calls that reported usage; null when none did.'),
  completion_tokens: tokens.describe('Summed over the calls that reported usage; null when none did.'),
  total_tokens: tokens.describe('prompt_tokens + completion_tokens; null when no call reported usage.'),
  cost_usd: z
    .number()
    .min(0)
    .nullable()
    .describe(
      'What the calls cost at the price of their model; null when any call has no known price or reported no usage: never a guess.',
    ),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const ExecutionUsage = z
  .strictObject({
    ...UsageTotals.shape,
    by_role: z
      .partialRecord(ModelRole, UsageTotals)
      .describe('The same totals per role; a role the run never called is absent.'),
  })
  .describe(
    "Every model call of the execution, over all its attempts (resumes included), read from the memory's usage ledger.",
  );
export type ExecutionUsage = z.infer<typeof ExecutionUsage>;

export const Budget = z
  .strictObject({
    max_requests: z.number().int().min(1).optional().describe('Model calls of every role, in all.'),
    max_tokens: z.number().int().min(1).optional().describe('Prompt plus completion tokens reported, in all.'),
    max_cost_usd: z
      .number()
      .positive()
      .optional()
      .describe('USD at the configured prices; calls with no known price are not counted toward it.'),
    max_duration_s: z.number().positive().optional().describe('Seconds of running, over every attempt.'),
  })
  .describe(
    'Limits for the whole execution (absolute totals, resumes included). Once one is reached no new model call starts; calls in flight finish, so token, cost and duration limits can be passed by what was in flight (at most batch_size calls, and the scorer calls judging their answers). The run then ends budget_exhausted and can be resumed with a higher budget.',
  );
export type Budget = z.infer<typeof Budget>;
