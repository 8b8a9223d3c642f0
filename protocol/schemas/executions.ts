import { z } from 'zod';
import { Id, Timestamp } from './common';
import { RunFigures } from './outcomes';
import { Budget, ExecutionUsage } from './usage';

export const ExecutionStatus = z
  .enum(['running', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted', 'budget_exhausted'])
  .describe(
    'running; completed (every prompt or objective answered without error, a run of none included); completed_with_errors (some errored); failed (all errored, or the run itself failed: see error); cancelled; interrupted (the daemon stopped; resume it); budget_exhausted (its budget stopped it before the end; resume it with a higher budget).',
  );
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

export const Progress = z.strictObject({
  completed: z
    .number()
    .int()
    .describe('Prompts (or objectives) with a stored attack result, whatever its outcome, errors included.'),
  total: z.number().int().describe('Prompts (or objectives) the run sends in all.'),
  errors: z.number().int().describe('Of those completed, the ones whose outcome is error.'),
});

export const ExecutionFigures = z
  .strictObject(RunFigures)
  .describe('Read from the stored attack results (human labels applied) each time the execution is read.');

export const ExecutionSummary = z.strictObject({
  total_prompts: z.number().int(),
  total_time_seconds: z.number().describe('Time spent sending, over every attempt (resumes included).'),
  avg_response_time_ms: z.number().describe("Mean latency of the target's answers in the last attempt."),
});

export const Execution = z.strictObject({
  execution_id: Id,
  orchestrator_id: Id,
  orchestrator_name: z.string(),
  execution_type: z.enum(['prompt_list', 'dataset']),
  status: ExecutionStatus,
  progress: Progress,
  figures: ExecutionFigures,
  execution_summary: ExecutionSummary.nullable().describe('Present once the execution has ended.'),
  started_at: Timestamp,
  completed_at: Timestamp.nullable(),
  error: z.string().nullable().describe('Why it failed, when it did; for budget_exhausted, which limit stopped it.'),
  usage: ExecutionUsage,
  budget: Budget.nullable().describe('The budget the execution runs under (the latest one given), or null for none.'),
});

export const ExecutionIdParams = z.strictObject({ execution_id: Id });

const Secrets = z
  .record(z.string().max(200), z.string().max(10_000))
  .optional()
  .describe("Values for the targets' api_key_secret names. Held in memory for this run only; never stored or logged.");

export const ExecutionStartParams = z.strictObject({
  orchestrator_id: Id,
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
  budget: Budget.optional().describe("Overrides the orchestrator config's parameters.budget for this execution."),
});

export const ExecutionResumeParams = z.strictObject({
  execution_id: Id,
  secrets: Secrets,
  retry_errors: z
    .boolean()
    .default(false)
    .describe(
      'Also send again the prompts (or objectives) whose outcome is error; their old exchanges stay in memory, superseded.',
    ),
  budget: Budget.optional().describe(
    'A new budget for the whole execution: absolute totals, not an increment (what earlier attempts used counts). Absent keeps the budget it had.',
  ),
});

export const ExecutionStarted = z.strictObject({ execution_id: Id, status: z.literal('running') });

export const ExecutionListParams = z
  .strictObject({
    orchestrator_id: Id.optional(),
    status: ExecutionStatus.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .optional();

export const ExecutionList = z.strictObject({ executions: z.array(Execution) });

export const ExecutionProgressNotification = z.strictObject({
  seq: z.number().int(),
  execution_id: Id,
  orchestrator_id: Id,
  ...Progress.shape,
});

export const ExecutionChangedNotification = z.strictObject({ seq: z.number().int(), execution: Execution });
