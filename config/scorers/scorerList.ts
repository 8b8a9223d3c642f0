import { z } from 'zod';
import { scorerCatalog, type Polarity } from './scorerCatalog';
import { scorerSpecMembers, type ScorerType } from './scorerSpec';
import type { TrueMeans } from '../../domain/attackOutcome';

/** One entry of `scorers/list`. */
export interface ScorerTypeInfo {
  type: ScorerType;
  pyrit_class: string | null;
  /** What its scores store as `scorer_class_identifier` (before the polarity fields). */
  identifier: { __type__: string; __module__: string };
  description: string;
  score_type: 'true_false' | 'float_scale';
  needs_model: boolean;
  true_means: TrueMeans | null;
  polarity: Polarity;
  /** JSON Schema (draft 2020-12) of the scorer's spec as written, i.e. with defaults optional. */
  parameters_schema: Record<string, unknown>;
}

function specJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Nested in an RPC result, so the `$schema` keyword (meaningful only at a document's root) is left out.
  const { $schema: _root, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
}

/**
 * The answer to `scorers/list`, from the members of the spec union (their schemas and descriptions, the same
 * source as docs/orchestrator.schema.json) and the catalog (PyRIT class, score type, polarity): neither can
 * drift from what a config accepts.
 */
export function scorerTypes(): ScorerTypeInfo[] {
  return scorerSpecMembers.map((member) => {
    const type = member.shape.type.value as ScorerType;
    const entry = scorerCatalog[type];
    return {
      type,
      pyrit_class: entry.pyritClass,
      identifier: { ...entry.identifier },
      description: member.description ?? '',
      score_type: entry.scoreType,
      needs_model: entry.needsModel,
      true_means: entry.trueMeans,
      polarity: entry.polarity,
      parameters_schema: specJsonSchema(member),
    };
  });
}
