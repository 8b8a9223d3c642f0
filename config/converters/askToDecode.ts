import { z } from 'zod';
import { seedField } from './fields';

export const askToDecodeSpecSchema = z
  .strictObject({
    type: z.literal('ask_to_decode').describe('Ask the target to decode the prompt (PyRIT AskToDecodeConverter).'),
    template: z
      .string()
      .includes('{encoded_text}', { message: 'must contain {encoded_text}, where the prompt goes' })
      .optional()
      .describe(
        "Your own wording, with {encoded_text} and optionally {encoding_name}; else one of PyRIT's, at random.",
      ),
    encoding_name: z
      .string()
      .min(1)
      .default('cipher')
      .describe('What to call the encoding in the request, e.g. Base64; "cipher" by default.'),
    seed: seedField,
  })
  .describe('Wraps an encoded prompt (stack it after base64, morse…) in a request to decode it.');

export type AskToDecodeSpec = z.output<typeof askToDecodeSpecSchema>;
