import { z } from 'zod';
import { RpcError } from '../../protocol/errors';

/** A spec that failed validation, as the `InvalidConfig` error clients know, with the JSON path of each problem. */
export function invalidConfig(what: string, error: z.ZodError): RpcError {
  return new RpcError('InvalidConfig', `Invalid ${what}: ${z.prettifyError(error)}`, {
    issues: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
  });
}
