import { z } from 'zod';
import { type DomainError, InvalidConfigError } from '../../../domain/errors';

/** Where the target sits in an orchestrator config, unless the caller says otherwise (a scorer's chat_target). */
export const defaultTargetConfigPath = '$.parameters.objective_target';

/** A JSON path as clients show it: `$.parameters.objective_target.headers["x-api"]`, `…scorers[0]…`. */
export function jsonPath(base: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const name = String(segment);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
  }, base);
}

/** A target spec that failed validation, as the `InvalidConfig` error clients know, pointing at the bad field. */
export function targetConfigError(error: z.ZodError, configPath: string): DomainError {
  const issues = error.issues.map((issue) => ({ path: jsonPath(configPath, issue.path), message: issue.message }));
  return new InvalidConfigError(`Invalid target at ${configPath}: ${z.prettifyError(error)}`, {
    path: issues[0]?.path ?? configPath,
    issues,
  });
}
