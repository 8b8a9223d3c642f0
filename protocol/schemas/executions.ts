import { z } from 'zod';
import { Id, Timestamp } from './common';

export const ExecutionStatus = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

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
  execution_id: Id,
  orchestrator_id: Id,
  orchestrator_name: z.string(),
  execution_type: z.enum(['prompt_list', 'dataset']),
  status: ExecutionStatus,
  progress: Progress,
  execution_summary: ExecutionSummary.nullable().describe(
    'Present once the execution has ended (completed, failed, cancelled or interrupted).',
  ),
  started_at: Timestamp,
  completed_at: Timestamp.nullable(),
  error: z.string().nullable().describe('Why it failed, when it did.'),
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
});

export const ExecutionResumeParams = z.strictObject({ execution_id: Id, secrets: Secrets });

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
