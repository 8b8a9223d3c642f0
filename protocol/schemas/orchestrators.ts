import { z } from 'zod';

const id = z.string().min(1).max(100);
const timestamp = z.string().describe('ISO 8601.');

export const ExecutionStatus = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

export const Orchestrator = z.strictObject({
  id,
  name: z.string(),
  orchestrator_type: z.string(),
  parameters: z.record(z.string(), z.unknown()).describe('As validated, defaults filled in. Never contains API keys.'),
  tags: z.array(z.string()),
  created_by: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const Progress = z.strictObject({
  completed: z.number().int().describe('Prompts with a stored response (including failed ones).'),
  total: z.number().int(),
  failed: z.number().int().describe('Prompts whose response has response_error other than "none".'),
});

export const ExecutionSummary = z.strictObject({
  total_prompts: z.number().int(),
  successful_prompts: z.number().int().describe('Prompts the target answered without error.'),
  failed_prompts: z.number().int(),
  success_rate: z.number().describe('successful_prompts / total_prompts (0–1).'),
  total_time_seconds: z.number(),
  avg_response_time_ms: z.number(),
});

export const Execution = z.strictObject({
  execution_id: id,
  orchestrator_id: id,
  orchestrator_name: z.string(),
  execution_type: z.enum(['prompt_list', 'dataset']),
  status: ExecutionStatus,
  progress: Progress,
  execution_summary: ExecutionSummary.nullable().describe(
    'Present once the execution has ended (completed, failed, cancelled or interrupted).',
  ),
  started_at: timestamp,
  completed_at: timestamp.nullable(),
  error: z.string().nullable().describe('Why it failed, when it did.'),
});

const OrchestratorFields = {
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(100)).max(50).optional(),
  parameters: z
    .record(z.string(), z.unknown())
    .describe('See docs/orchestrator-config.md; validated per orchestrator_type.'),
};

export const OrchestratorCreateParams = z.strictObject({
  ...OrchestratorFields,
  orchestrator_type: z.string().min(1),
});

export const OrchestratorUpdateParams = z.strictObject({
  orchestrator_id: id,
  name: OrchestratorFields.name.optional(),
  tags: OrchestratorFields.tags,
  parameters: OrchestratorFields.parameters.optional(),
});

export const OrchestratorIdParams = z.strictObject({ orchestrator_id: id });
export const ExecutionIdParams = z.strictObject({ execution_id: id });

export const OrchestratorListItem = z.strictObject({
  ...Orchestrator.shape,
  last_execution: Execution.nullable(),
});

export const OrchestratorList = z.strictObject({ orchestrators: z.array(OrchestratorListItem) });
export const Deleted = z.strictObject({ deleted: z.literal(true) });

export const OrchestratorTypeList = z.strictObject({
  types: z.array(
    z.strictObject({
      orchestrator_type: z.string(),
      description: z.string(),
      parameters_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of `parameters`.'),
    }),
  ),
});

const Secrets = z
  .record(z.string().max(200), z.string().max(10_000))
  .optional()
  .describe("Values for the targets' api_key_secret names. Held in memory for this run only; never stored or logged.");

export const ExecutionStartParams = z.strictObject({
  orchestrator_id: id,
  execution_type: z.enum(['prompt_list', 'dataset']),
  input_data: z.union([
    z.strictObject({ prompt_list: z.array(z.string().min(1).max(100_000)).min(1).max(100_000) }),
    z.strictObject({
      dataset_path: z
        .string()
        .min(1)
        .describe('Absolute path of a dataset file the daemon can read (YAML, JSON or CSV).'),
    }),
  ]),
  secrets: Secrets,
});

export const ExecutionResumeParams = z.strictObject({ execution_id: id, secrets: Secrets });

export const ExecutionStarted = z.strictObject({ execution_id: id, status: z.literal('running') });

export const ExecutionListParams = z
  .strictObject({
    orchestrator_id: id.optional(),
    status: ExecutionStatus.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .optional();

export const ExecutionList = z.strictObject({ executions: z.array(Execution) });

export const ResultsListParams = z.strictObject({
  execution_id: id,
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
  execution_id: id,
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

export const ExecutionProgressNotification = z.strictObject({
  seq: z.number().int(),
  execution_id: id,
  orchestrator_id: id,
  ...Progress.shape,
});

export const ExecutionChangedNotification = z.strictObject({ seq: z.number().int(), execution: Execution });

export const OrchestratorChangedNotification = z.strictObject({
  seq: z.number().int(),
  orchestrator_id: id,
  change: z.enum(['created', 'updated', 'deleted']),
});

export const ResultsCompareParams = z.strictObject({
  base_execution_id: id.describe('The earlier run (e.g. the last model version).'),
  head_execution_id: id.describe('The run to judge against it.'),
});

const PromptOutcome = z.enum(['jailbroken', 'held', 'error', 'unscored']);

const ComparedRun = z.strictObject({
  execution_id: id,
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
  execution_id: id,
  objectives: z
    .array(ObjectiveResult)
    .describe('Finished objectives, by index; objectives not yet run or stopped midway are absent.'),
  achieved: z.number().int(),
});

export const ResultsConversationParams = z.strictObject({
  execution_id: id,
  conversation_id: id.describe(
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
