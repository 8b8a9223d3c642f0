import { z } from 'zod';
import { Id } from './common';
import { ExecutionStatus } from './executions';

export const ResultsListParams = z.strictObject({
  execution_id: Id,
  offset: z.number().int().min(0).default(0).describe('Conversations to skip (after the cursor, when one is given).'),
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .describe('next_cursor of the previous page: the next page is a seek, fast however deep the run.'),
});

export const ResultScore = z.strictObject({
  score_value: z.string(),
  score_type: z.string(),
  score_category: z.string(),
  score_rationale: z.string().nullable(),
  scorer: z.string().describe("The scorer's class name (scorer_class_identifier.__type__)."),
});

export const ResultItem = z.strictObject({
  conversation_id: z.string(),
  request: z.strictObject({
    original_value: z.string(),
    converted_value: z.string(),
    converters: z.array(z.string()).describe('Converter class names, in the order applied.'),
  }),
  response: z.strictObject({ converted_value: z.string(), response_error: z.string() }).nullable(),
  scores: z.array(ResultScore),
});

export const ResultsPage = z.strictObject({
  items: z.array(ResultItem),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  next_cursor: z.string().nullable().describe('Pass as cursor for the page after this one; null on the last page.'),
});

const OutcomeCounts = {
  prompts: z.number().int(),
  responses: z.number().int(),
  errors: z.number().int().describe('Responses with response_error other than "none".'),
  scored: z.number().int().describe('Prompts with at least one score.'),
  successes: z
    .number()
    .int()
    .describe(
      'Scored prompts judged an attack success (a True from a true/false scorer, ≥ 0.5 from a Likert one; refusal scorers count the other way).',
    ),
  success_rate: z.number().nullable().describe('successes / scored; null when nothing was scored.'),
};

export const ResultsSummary = z.strictObject({
  execution_id: Id,
  total: z.strictObject(OutcomeCounts),
  by_converter: z.array(
    z.strictObject({
      converter: z.string().describe('The converter chain, e.g. "Base64Converter → ROT13Converter", or "(none)".'),
      ...OutcomeCounts,
    }),
  ),
  by_scorer: z.array(
    z.strictObject({
      scorer: z.string(),
      score_type: z.string(),
      scores: z.number().int(),
      successes: z.number().int(),
      success_rate: z.number().nullable(),
      mean_value: z.number().nullable().describe('For float_scale scorers (Likert): the mean 0–1 value.'),
    }),
  ),
});

export const ResultsCompareParams = z.strictObject({
  base_execution_id: Id.describe('The earlier run (e.g. the last model version).'),
  head_execution_id: Id.describe('The run to judge against it.'),
});

const PromptOutcome = z.enum(['jailbroken', 'held', 'error', 'unscored']);

const ComparedRun = z.strictObject({
  execution_id: Id,
  orchestrator_name: z.string(),
  status: ExecutionStatus,
  prompts: z.number().int(),
  success_rate: z.number().nullable().describe('Attack success rate among scored prompts (see results/summary).'),
});

const RateDelta = z.strictObject({
  name: z.string(),
  base_rate: z.number().nullable(),
  head_rate: z.number().nullable(),
  delta: z.number().nullable().describe('head_rate − base_rate; null when either side has no rate.'),
});

export const ResultsCompare = z.strictObject({
  base: ComparedRun,
  head: ComparedRun,
  totals: z.strictObject({
    newly_jailbroken: z.number().int().describe('Held (or failed) in base, a successful attack in head.'),
    newly_held: z.number().int(),
    unchanged: z.number().int(),
    missing_in_base: z.number().int(),
    missing_in_head: z.number().int(),
  }),
  success_rate_delta: z.number().nullable(),
  prompts: z
    .array(
      z.strictObject({
        prompt: z.string(),
        base: PromptOutcome.nullable(),
        head: PromptOutcome.nullable(),
        change: z.enum(['newly_jailbroken', 'newly_held', 'unchanged', 'missing_in_base', 'missing_in_head']),
      }),
    )
    .describe('Matched by original prompt text (occurrence by occurrence for duplicates).'),
  by_converter: z.array(RateDelta),
  by_scorer: z.array(RateDelta),
});

const ObjectiveResult = z.strictObject({
  objective_index: z.number().int().describe('Position of the objective in the execution input.'),
  objective: z.string(),
  conversation_id: z
    .string()
    .describe('The target conversation (its attacker conversation is linked by the red_team_conversation_id label).'),
  status: z
    .enum(['success', 'failure', 'error'])
    .describe(
      'success: the objective scorer said True; failure: max_turns reached; error: the target, attacker or scorer failed.',
    ),
  turns: z.number().int().describe('Turns sent to the target, backtracked ones excluded.'),
  score: z
    .string()
    .nullable()
    .describe('The objective scorer\'s last verdict ("True"/"False"); null when nothing was scored.'),
});

export const ResultsObjectives = z.strictObject({
  execution_id: Id,
  objectives: z
    .array(ObjectiveResult)
    .describe('Finished objectives, by index; objectives not yet run or stopped midway are absent.'),
  achieved: z.number().int(),
});

export const ResultsConversationParams = z.strictObject({
  execution_id: Id,
  conversation_id: Id.describe(
    "A conversation of that execution (e.g. an objective's target conversation from results/objectives).",
  ),
});

export const ResultsConversation = z.strictObject({
  conversation_id: z.string(),
  turns: z
    .array(
      z.strictObject({
        sequence: z
          .number()
          .int()
          .describe('Position in the conversation; a red_teaming target turn k is request 2k, response 2k+1.'),
        role: z.string().describe("PyRIT role: user (the attacker's prompt), assistant (the target's answer), system."),
        original_value: z.string(),
        converted_value: z
          .string()
          .describe('What was actually sent (or answered); the original value when not converted.'),
        response_error: z.string().describe('"none" unless the piece is a failed answer.'),
        backtracked: z
          .boolean()
          .describe('A refused turn that was taken back: kept in memory, never replayed to the target.'),
        scores: z.array(ResultScore),
      }),
    )
    .describe('Every stored piece of the conversation, by sequence.'),
});

export const ResultsExportParams = z.strictObject({
  execution_id: Id,
  format: z.enum(['csv', 'jsonl', 'parquet']),
  path: z
    .string()
    .min(1)
    .max(4096)
    .describe(
      "Absolute path of the file to write (replaced if it exists). Not a directory, not inside the daemon's state or memory folder.",
    ),
});

export const ResultsExported = z.strictObject({
  path: z.string().describe('The file written, as resolved by the daemon (symlinks in its folder followed).'),
  rows: z.number().int().describe('One per conversation, as results/list counts them.'),
  bytes: z.number().int(),
});
