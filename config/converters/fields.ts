import { z } from 'zod';

/** Every converter that draws at random takes one, so a run can be repeated exactly. */
export const seedField = z
  .number()
  .int()
  .optional()
  .describe('Seed for the random choices, so a run can be repeated exactly; without one each run differs.');

/** The smugglers both hide text and find it again, as PyRIT's do. */
export const smugglerActionField = z
  .enum(['encode', 'decode'])
  .default('encode')
  .describe('encode hides the prompt; decode recovers text hidden this way (to read a reply, say).');

/** One Unicode code point (an emoji may be two UTF-16 units, so `.length` is not the test). */
export const singleCodePoint = z
  .string()
  .refine((value) => Array.from(value).length === 1, 'exactly one character (one Unicode code point)');
