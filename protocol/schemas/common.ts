import { z } from 'zod';

/** Methods that take no parameters accept an absent `params` or `{}`, nothing else. */
export const NoParams = z.strictObject({}).optional().describe('No parameters; omit params or send {}.');

export const HealthStatus = z.enum(['healthy', 'warning', 'error']);
export type HealthStatus = z.infer<typeof HealthStatus>;

/** Orchestrator, execution and conversation ids; bounded so a request cannot carry an arbitrarily long one. */
export const Id = z.string().min(1).max(100);

export const Timestamp = z.string().describe('ISO 8601.');
