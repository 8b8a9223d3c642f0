import { RE2JS } from 're2js';
import { z } from 'zod';

/**
 * A pattern matched against prompts (which may be model-written) runs on RE2, linear in the text's length; one RE2
 * cannot compile (lookaround, backreferences) is refused when the config is validated.
 */
export const linearPatternField = z
  .string()
  .min(1)
  .refine((pattern) => compiles(pattern), {
    message: 'not a pattern the linear-time engine (RE2 syntax) accepts: no lookaround or backreferences',
  });

function compiles(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}
