import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DISCOVERY_FILE = 'daemon.json';

/** What a client needs to find the daemon. Written once the server listens, so a port in it is always real. */
export const Discovery = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  protocol_version: z.string(),
  version: z.string(),
  started_at: z.string(),
});
export type Discovery = z.infer<typeof Discovery>;

export function discoveryPath(stateDir: string): string {
  return path.join(stateDir, DISCOVERY_FILE);
}

/** Undefined when absent or unreadable: a half-written or foreign file is treated like no daemon at all. */
export function readDiscovery(stateDir: string): Discovery | undefined {
  try {
    const parsed = Discovery.safeParse(JSON.parse(fs.readFileSync(discoveryPath(stateDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
