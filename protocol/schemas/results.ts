import { z } from 'zod';
import { MAX_PYRIT_EXPORT_EXECUTIONS } from './interchange';
import { Id, Timestamp } from './common';
import { ExecutionStatus } from './executions';
import { AttackOutcome, LabelOutcome, OutcomeCounts, RunFigures } from './outcomes';

export const ResultsSort = z
  .enum(['prompt', 'outcome', 'scorer', 'latency'])
  .describe(
    'prompt: input order; outcome: jailbroken, held, undetermined, error, then input order; scorer: by the name of the score that decided; latency: slowest first.',
  );

export const ResultsListParams = z.strictObject({
  execution_id: Id,
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .describe('next_cursor of the previous page (same filters and sort): the next page is a seek, fast however deep.'),
  outcome: z
    .array(AttackOutcome)
    .min(1)
    .max(4)
    .optional()
    .describe('Only results whose (effective) outcome is one of these.'),
  labelled: z.boolean().optional().describe('true: only results a reviewer labelled; false: only unlabelled ones.'),
  search: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('Only results whose prompt, converted prompt or response contains this text (case-insensitive).'),
  sort: ResultsSort.default('prompt'),
});

export const TrueMeans = z
  .enum(['success', 'held'])
  .describe('What a True (or a float at or above its threshold) from this scorer means for the attack.');

export const ResultScore = z.strictObject({
  id: Id,
  score_value: z.string(),
  score_type: z.string(),
  score_category: z.string(),
  score_rationale: z.string().nullable(),
  scorer: z.string().describe("The scorer's class name (scorer_class_identifier.__type__)."),
  true_means: TrueMeans,
  objective: z.boolean().describe('Whether this score took part in deciding the outcome.'),
  threshold: z.number().nullable().describe('For float_scale scores: the value from which it reads as True.'),
});

export const ResultLabel = z
  .strictObject({
    outcome: LabelOutcome,
    note: z.string().nullable(),
    reviewer: z.string().describe('The user name of the reviewer.'),
    labelled_at: Timestamp,
    score_id: Id.describe('The ScoreEntries row holding the verdict (AttackResultEntries.human_score_id).'),
  })
  .describe("A reviewer's verdict; it wins over the automated outcome.");

export const ResultItem = z.strictObject({
  attack_result_id: Id,
  prompt_index: z.number().int().describe('Position of the prompt (or objective) in the execution input.'),
  conversation_id: z.string().describe('The conversation this result judges (for red_teaming: the target one).'),
  outcome: AttackOutcome.describe('The effective outcome: the label when there is one, else the automated one.'),
  automated_outcome: AttackOutcome,
  outcome_reason: z.string().nullable().describe('Why the automated outcome is what it is.'),
  label: ResultLabel.nullable(),
  executed_turns: z.number().int(),
  execution_time_ms: z.number().int().describe('From sending the prompt to the last score of the answer.'),
  request: z
    .strictObject({
      original_value: z.string(),
      converted_value: z.string(),
      converters: z.array(z.string()).describe('Converter class names, in the order applied.'),
    })
    .describe('The prompt that was judged: for red_teaming, the turn that decided the objective.'),
  response: z.strictObject({ converted_value: z.string(), response_error: z.string() }).nullable(),
  scores: z.array(ResultScore).describe("The automated scores of the judged answer (a reviewer's label is in label)."),
  superseded_conversation_ids: z
    .array(z.string())
    .describe(
      "Earlier target conversations of this prompt (objective), kept in memory, never replayed, never counted: attempts cut short (kill -9, cancel) that resume started again, and retried errors' old exchanges. Usually empty.",
    ),
});

export const ResultsPage = z.strictObject({
  items: z.array(ResultItem),
  total: z.number().int().describe('Results that match the filters.'),
  limit: z.number().int(),
  next_cursor: z.string().nullable().describe('Pass as cursor for the page after this one; null on the last page.'),
});

const ScorerFigures = z.strictObject({
  scorer: z.string(),
  score_type: z.string(),
  true_means: TrueMeans,
  objective: z.boolean(),
  scores: z.number().int(),
  flagged: z.number().int().describe("Scores that, read with the scorer's polarity, say the attack succeeded."),
  flag_rate: z.number().nullable().describe('flagged / scores.'),
  mean_value: z.number().nullable().describe('For float_scale scorers (Likert): the mean 0–1 value.'),
});

export const ResultsSummary = z.strictObject({
  execution_id: Id,
  total: z.strictObject({ prompts: z.number().int().describe('Planned prompts (or objectives).'), ...RunFigures }),
  by_converter: z.array(
    z.strictObject({
      converter: z
        .string()
        .describe(
          'A converter chain, in the order applied, classes without "Converter": "Base64 → ROT13"; a prompt counts once, for its chain. "no converter": none.',
        ),
      ...RunFigures,
    }),
  ),
  by_scorer: z.array(ScorerFigures),
});

export const ResultsLabelParams = z.strictObject({
  execution_id: Id,
  attack_result_id: Id.optional(),
  conversation_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Instead of attack_result_id: the conversation the result judges.'),
  outcome: LabelOutcome,
  note: z.string().max(4000).optional().describe('Why: stored as the score rationale.'),
});

export const ResultsUnlabelParams = z.strictObject({
  execution_id: Id,
  attack_result_id: Id.optional(),
  conversation_id: z.string().min(1).max(100).optional(),
});

export const ResultsLabelled = z.strictObject({
  attack_result_id: Id,
  outcome: AttackOutcome,
  automated_outcome: AttackOutcome,
  label: ResultLabel.nullable(),
});

export const ResultsCompareParams = z.strictObject({
  base_execution_id: Id.describe('The earlier run (e.g. the last model version).'),
  head_execution_id: Id.describe('The run to judge against it.'),
});

const ComparedRun = z.strictObject({
  execution_id: Id,
  orchestrator_name: z.string(),
  status: ExecutionStatus,
  prompts: z.number().int(),
  ...RunFigures,
});

const RateDelta = z.strictObject({
  name: z.string(),
  base_rate: z.number().nullable().describe('attack_success_rate by converter, flag_rate by scorer.'),
  head_rate: z.number().nullable(),
  delta: z.number().nullable().describe('head_rate − base_rate; null when either side has no rate.'),
});

export const ResultsCompare = z.strictObject({
  base: ComparedRun,
  head: ComparedRun,
  totals: z.strictObject({
    newly_jailbroken: z
      .number()
      .int()
      .describe('Not jailbroken in base (held, error or undetermined), jailbroken in head.'),
    newly_held: z.number().int().describe('Jailbroken in base, held in head.'),
    unchanged: z.number().int().describe('The same outcome on both sides.'),
    changed: z
      .number()
      .int()
      .describe('Any other difference, e.g. held in base and an error in head: not evidence either way.'),
    missing_in_base: z.number().int(),
    missing_in_head: z.number().int(),
  }),
  attack_success_rate_delta: z.number().nullable().describe('head − base; null when either has no rate.'),
  prompts: z
    .array(
      z.strictObject({
        prompt: z.string(),
        base: AttackOutcome.nullable(),
        head: AttackOutcome.nullable(),
        change: z.enum([
          'newly_jailbroken',
          'newly_held',
          'unchanged',
          'changed',
          'missing_in_base',
          'missing_in_head',
        ]),
      }),
    )
    .describe('Matched by original prompt text (occurrence by occurrence for duplicates).'),
  by_converter: z.array(RateDelta),
  by_scorer: z.array(RateDelta),
});

const ObjectiveResult = z.strictObject({
  objective_index: z.number().int().describe('Position of the objective in the execution input.'),
  objective: z.string(),
  attack_result_id: Id,
  conversation_id: z.string().describe('The target conversation.'),
  adversarial_conversation_id: z.string().describe("The attacker's conversation with its model."),
  outcome: AttackOutcome.describe(
    'success: the objective scorer said it was achieved; failure: max_turns reached without; error: the target, attacker or scorer failed. A label wins.',
  ),
  automated_outcome: AttackOutcome,
  outcome_reason: z.string().nullable(),
  label: ResultLabel.nullable(),
  turns: z
    .number()
    .int()
    .describe('Turns sent to the target, backtracked ones excluded (AttackResultEntries.executed_turns).'),
  backtracks: z.number().int().describe('Refused turns taken back.'),
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
  outcomes: OutcomeCounts,
});

export const ResultsConversationParams = z.strictObject({
  execution_id: Id,
  conversation_id: Id.describe(
    "A conversation of that execution (e.g. an objective's target conversation from results/objectives).",
  ),
});

export const ResultsConversation = z.strictObject({
  conversation_id: z.string(),
  superseded: z
    .boolean()
    .describe(
      "Given up: an attempt cut short (kill -9, cancel) that resume started again in a new conversation, or a retried error's old exchange. Kept, never replayed, not counted in any figure.",
    ),
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

const ExportPath = z
  .string()
  .min(1)
  .max(4096)
  .describe(
    "Absolute path of the file to write (replaced if it exists). Not a directory, not inside the daemon's state or memory folder.",
  );

/**
 * One execution to a table (csv, jsonl, parquet), or several to a PyRIT memory (pyrit-sqlite: PyRIT's SQLite schema
 * at alembic revision ab8f2c1a9d07, which PyRIT adopts and upgrades; an existing file is replaced only if it is a
 * PyRIT memory).
 */
export const ResultsExportParams = z.discriminatedUnion('format', [
  z.strictObject({
    execution_id: Id,
    format: z.enum(['csv', 'jsonl', 'parquet']),
    path: ExportPath,
  }),
  z.strictObject({
    execution_ids: z.array(Id).min(1).max(MAX_PYRIT_EXPORT_EXECUTIONS),
    format: z.literal('pyrit-sqlite'),
    path: ExportPath,
  }),
]);

export const ResultsExported = z.strictObject({
  path: z.string().describe('The file written, as resolved by the daemon (symlinks in its folder followed).'),
  rows: z.number().int().describe('One per attack result (prompt or objective), as results/list counts them.'),
  bytes: z.number().int(),
});
