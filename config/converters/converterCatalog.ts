import { z } from 'zod';
import { converterSpecSchema, type ConverterType } from './converterSpec';
import { pyritConverterClasses } from './pyritConverterClasses';

/** One converter as `converters/list` and the docs describe it, all read off its spec in the one union. */
export interface ConverterCatalogEntry {
  readonly type: ConverterType;
  readonly pyrit_class: string;
  readonly pyrit_module: string;
  readonly description: string;
  /** JSON Schema of the spec as written in a config (defaults optional), the same the config schema holds. */
  readonly parameters_schema: Record<string, unknown>;
  /** Asks a `converter_target` model for every prompt. */
  readonly needs_model: boolean;
  /** Draws at random, and so takes a `seed`. */
  readonly seeded: boolean;
}

let built: readonly ConverterCatalogEntry[] | undefined;

/** Every converter type, in the union's order. Built once: the union does not change while the process runs. */
export function converterCatalog(): readonly ConverterCatalogEntry[] {
  built ??= converterSpecSchema.options.map((schema) => {
    const type = schema.shape.type.value;
    const [className, moduleName] = pyritConverterClasses[type];
    const { $schema: _dialect, ...parameters } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    return {
      type,
      pyrit_class: className,
      pyrit_module: `pyrit.prompt_converter.${moduleName}`,
      description: schema.description ?? '',
      parameters_schema: parameters,
      needs_model: 'converter_target' in schema.shape,
      seeded: 'seed' in schema.shape,
    };
  });
  return built;
}
