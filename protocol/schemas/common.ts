import { z } from 'zod';

/** Methods that take no parameters accept an absent `params` or `{}`, nothing else. */
export const NoParams = z.strictObject({}).optional().describe('No parameters; omit params or send {}.');

export const HealthStatus = z.enum(['healthy', 'warning', 'error']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const Ok = z.strictObject({ ok: z.literal(true) });
