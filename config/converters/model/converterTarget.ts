import { targetSpecSchema } from '../../targetSpec';

/**
 * The model that rewrites prompts: a target spec like any other (keys by api_key_env or api_key_secret). Given an
 * id so the JSON schema holds it once, in $defs, rather than once per LLM-backed converter.
 */
export const converterTargetField = targetSpecSchema
  .describe('The model that rewrites each prompt: a target like objective_target (an openai_chat endpoint, usually).')
  .meta({ id: 'ConverterTarget' });
