import { z } from 'zod';

export const atbashSpecSchema = z
  .strictObject({
    type: z.literal('atbash').describe('Atbash cipher (PyRIT AtbashConverter).'),
  })
  .describe('Atbash: each ASCII letter mirrored in its alphabet (a↔z, case kept) and each digit too (0↔9).');

export type AtbashSpec = z.output<typeof atbashSpecSchema>;
