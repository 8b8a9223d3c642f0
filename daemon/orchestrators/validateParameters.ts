import type { JsonObject } from '../memory';
import {
  orchestratorTypes as typeInfos,
  validateParameters as validate,
  type OrchestratorTypeInfo,
} from '../../config';

export interface ValidatedParameters {
  /** Defaults filled in; what is stored, shown and pooled on. Each engine runner re-reads it with its own schema. */
  parameters: JsonObject;
}

/** Validates `parameters` for `type` (InvalidConfig names the bad field) and returns them as plain JSON. */
export function validateParameters(type: string, parameters: unknown): ValidatedParameters {
  const validated = validate(type, parameters);
  // Round-tripped so what is pooled and stored is exactly the JSON a client reads back.
  return { parameters: JSON.parse(JSON.stringify(validated)) as JsonObject };
}

export function orchestratorTypes(): OrchestratorTypeInfo[] {
  return [...typeInfos];
}
