import type { z } from 'zod';
import { configIssue, invalidConfigError } from './configIssue';
import type { PathSegment } from './jsonPath';
import { findLiteralApiKeys } from './literalApiKeys';
import { orchestratorConfigSchema, type OrchestratorConfig } from './orchestratorConfig';
import {
  isOrchestratorType,
  orchestratorTypeDefinitions,
  parametersSchemaFor,
  type OrchestratorType,
} from './orchestratorTypes';
import { parseOrInvalidConfig, placeIssues } from './parseOrInvalidConfig';
import type { SourceLocator } from './sourceLocator';
import { quotedList } from './suggest';

export interface ValidateOptions {
  /** Where the value came from, named in the message: a file path, or e.g. "orchestrators/create". */
  source?: string;
  /** Finds a path in the source text, so messages can say "line 7, column 9" (loadConfigFile passes one). */
  positionOf?: SourceLocator;
}

/**
 * Literal API keys are looked for before the schema and reported alone: that problem must be fixed whatever
 * else is wrong, and zod would only call the field "unknown".
 */
function refuseLiteralApiKeys(subject: string, value: unknown, prefix: PathSegment[], options: ValidateOptions): void {
  const literalKeys = findLiteralApiKeys(value, prefix);
  if (literalKeys.length > 0)
    throw invalidConfigError(subject, placeIssues(literalKeys, options.positionOf), options.source);
}

/**
 * A whole `*.orchestrator.json` document, typed and with defaults filled in, or `InvalidConfig` naming each
 * bad field by JSONPath and saying what it should be.
 */
export function validateConfig(value: unknown, options: ValidateOptions = {}): OrchestratorConfig {
  const subject = 'orchestrator config';
  refuseLiteralApiKeys(subject, value, [], options);
  return parseOrInvalidConfig(orchestratorConfigSchema, value, { subject, ...options });
}

/** Validated `parameters` of one orchestrator type, defaults filled in. */
export type OrchestratorParameters<T extends OrchestratorType = OrchestratorType> = z.output<
  (typeof orchestratorTypeDefinitions)[T]['parameters']
>;

/**
 * Only `parameters`, for RPCs that carry type and parameters apart (`orchestrators/create`). Paths still start
 * at `$.parameters` so messages match the config file people edit. An unknown type is `InvalidConfig` too.
 */
export function validateParameters<T extends OrchestratorType>(
  type: T,
  parameters: unknown,
  options?: ValidateOptions,
): OrchestratorParameters<T>;
export function validateParameters(
  type: string,
  parameters: unknown,
  options?: ValidateOptions,
): OrchestratorParameters;
export function validateParameters(
  type: string,
  parameters: unknown,
  options: ValidateOptions = {},
): OrchestratorParameters {
  if (!isOrchestratorType(type)) {
    const expected = `one of ${quotedList(Object.keys(orchestratorTypeDefinitions))}`;
    const issue = configIssue(['orchestrator_type'], `unknown orchestrator type; expected ${expected}.`, expected);
    throw invalidConfigError('orchestrator config', [issue], options.source);
  }
  const subject = `${type} parameters`;
  refuseLiteralApiKeys(subject, parameters, ['parameters'], options);
  return parseOrInvalidConfig(parametersSchemaFor(type), parameters, {
    subject,
    ...options,
    root: { parameters },
    prefix: ['parameters'],
  });
}
