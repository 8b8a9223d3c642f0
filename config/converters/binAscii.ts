import { z } from 'zod';

export const binAsciiSpecSchema = z
  .strictObject({
    type: z.literal('bin_ascii').describe('Hex, quoted-printable or UUencode (PyRIT BinAsciiConverter).'),
    encoding_func: z
      .enum(['hex', 'quoted-printable', 'UUencode'])
      .default('hex')
      .describe('hex: upper-case hex of the UTF-8 bytes; quoted-printable; UUencode (45-byte lines).'),
  })
  .describe('Encodes the UTF-8 bytes of each word; spaces become "20" (hex), "=20" (quoted-printable).');

export type BinAsciiSpec = z.output<typeof binAsciiSpecSchema>;
