import type { ParamsOf, ResultOf } from '../protocol/methods';
import { ErrorCode } from '../protocol/errors';
import { EnvSecretRefusalData } from '../protocol/schemas/secrets';

/** Which environment variable the daemon would not send to which host (docs/protocol.md, executions/start). */
export interface EnvSecretRefusal {
  variable: string;
  host: string;
}

/** The daemon's refusal to send an environment secret off the machine, or undefined for any other error. */
export function envSecretRefusal(error: unknown): EnvSecretRefusal | undefined {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: unknown };
  if (code !== ErrorCode.InvalidConfig) return undefined;
  const parsed = EnvSecretRefusalData.safeParse(data);
  return parsed.success ? { variable: parsed.data.variable, host: parsed.data.host } : undefined;
}

/** What of a connection the grant needs: any DaemonLink (the CLI's connection, VS Code's client) is one. */
export interface AllowanceGranter {
  request(method: 'secrets/allowEnv', params: ParamsOf<'secrets/allowEnv'>): Promise<ResultOf<'secrets/allowEnv'>>;
}

/**
 * Runs `attempt` (executions/start or executions/resume); each time the daemon refuses an environment secret for a
 * host, `decide` asks the user (or reads `--allow-env`), and a yes is granted with secrets/allowEnv before trying
 * again. A no, or a pair refused again after it was granted, ends it with the daemon's refusal: the grant is the
 * daemon's to honour, and a client must never loop on it.
 */
export async function withEnvAllowances<T>(
  link: AllowanceGranter,
  attempt: () => Promise<T>,
  decide: (refusal: EnvSecretRefusal) => Promise<boolean>,
): Promise<T> {
  const granted = new Set<string>();
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const refusal = envSecretRefusal(error);
      if (!refusal) throw error;
      const pair = `${refusal.variable}\n${refusal.host}`;
      if (granted.has(pair) || !(await decide(refusal))) throw error;
      await link.request('secrets/allowEnv', refusal);
      granted.add(pair);
    }
  }
}
