import { z } from 'zod';

export const InitializeParams = z.strictObject({
  protocol_version: z
    .string()
    .regex(/^\d+\.\d+$/, 'protocol_version is "MAJOR.MINOR", e.g. "1.0"')
    .describe("The protocol version the client speaks; the major must match the daemon's."),
  client: z.strictObject({
    name: z.string().min(1).max(200).describe('Who is calling, e.g. "vutf-cli" or "vscode".'),
    version: z.string().max(100).describe("The client's own version."),
  }),
});

export const InitializeResult = z.strictObject({
  protocol_version: z.string(),
  daemon: z.strictObject({
    version: z.string(),
    pid: z.number().int(),
    started_at: z.string().describe('ISO 8601 time the daemon started.'),
  }),
  user: z.strictObject({
    username: z.string().describe('The canonical user name taken from the token.'),
    db_path: z.string().describe("That user's PyRIT memory file."),
  }),
});

export const ShutdownResult = z.strictObject({ stopping: z.literal(true) });
