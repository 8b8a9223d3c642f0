import { z } from 'zod';
import { seedField } from './fields';

const include = (what: string) => z.boolean().default(true).describe(what);

export const ansiAttackSpecSchema = z
  .strictObject({
    type: z.literal('ansi_attack').describe('Terminal-escape probes (PyRIT AnsiAttackConverter).'),
    include_raw: include('Offer live escape sequences (actual ESC bytes) to repeat.'),
    include_escaped: include('Offer escaped sequences ("\\x1b[") to repeat or unescape.'),
    include_tasks: include('Ask how to make the terminal do something (a hyperlink, the bell, green text).'),
    include_repeats: include('Ask to repeat a payload.'),
    include_unescape: include('Ask to unescape an escaped payload.'),
    incorporate_user_prompt: include('Append the prompt as "Additionally, consider this user input: …".'),
    seed: seedField,
  })
  .describe(
    'Replaces the prompt by a request that would make the model emit terminal escape codes (garak ansiescape).',
  );

export type AnsiAttackSpec = z.output<typeof ansiAttackSpecSchema>;
