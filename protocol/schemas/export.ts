import { z } from 'zod';

export const ResultsExportParams = z.strictObject({
  execution_id: z.string().min(1).max(100),
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
