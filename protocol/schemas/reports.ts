import { z } from 'zod';
import { Id, Timestamp } from './common';
import { ExecutionStatus } from './executions';
import { RunFigures } from './outcomes';

export const ResultsTrendParams = z.strictObject({
  orchestrator_id: Id,
  limit: z.number().int().min(1).max(500).default(50).describe('The newest this many executions.'),
});

export const TrendPoint = z.strictObject({
  execution_id: Id,
  started_at: Timestamp,
  completed_at: Timestamp.nullable(),
  status: ExecutionStatus,
  prompts: z.number().int().describe('Planned prompts (or objectives).'),
  ...RunFigures,
  cost_usd: z
    .number()
    .nullable()
    .describe(
      'What the run cost (executions/get usage.cost_usd); null when no call was recorded or a price or a usage is unknown, never a guess.',
    ),
});

export const ResultsTrend = z.strictObject({
  orchestrator_id: Id,
  points: z
    .array(TrendPoint)
    .describe('One per execution, oldest first; the figures are the ones executions/get gives for each run.'),
});

export const REPORT_FORMATS = ['html', 'md'] as const;

export const ResultsReportParams = z.strictObject({
  execution_id: Id,
  format: z.enum(REPORT_FORMATS).default('html'),
  top_successes: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(10)
    .describe('How many successful attacks to include (collapsed), in input order.'),
});

export const ResultsReport = z.strictObject({
  execution_id: Id,
  format: z.enum(REPORT_FORMATS),
  media_type: z.string().describe('text/html or text/markdown, with charset=utf-8.'),
  file_name: z.string().describe('A suggested file name, e.g. vutf-report-<execution id>.html.'),
  content: z
    .string()
    .describe(
      'The whole report, one self-contained file: no network, charts as inline SVG; every model text escaped (HTML: a CSP forbids scripts).',
    ),
});
