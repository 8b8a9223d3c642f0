import { z } from 'zod';
import { type DomainError, InvalidConfigError } from '../../../domain/errors';

/** A spec that failed validation, as the `InvalidConfig` error clients know, with the JSON path of each problem. */
export function invalidConfig(what: string, error: z.ZodError): DomainError {
  return new InvalidConfigError(`Invalid ${what}: ${z.prettifyError(error)}`, {
    issues: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
  });
}
