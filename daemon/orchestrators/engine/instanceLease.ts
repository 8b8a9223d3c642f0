import { createHash } from 'node:crypto';
import type { JsonValue } from '../../memory';
import { poolKey, type Lease, type OrchestratorPool } from '../../pool';
import { allowanceChecker, listEnvAllowances } from '../../user/envAllowances';
import { stateDirFrom } from '../../config';
import type { OrchestratorInstance } from '../instance';
import { runnerFor } from './orchestratorRunners';
import { validateParameters } from '../validateParameters';
import { Budget as BudgetSchema, type Budget } from '../../../protocol/schemas/usage';

export interface InstanceLease {
  lease: Lease<OrchestratorInstance>;
  /** The budget the config sets, or null for none. */
  configBudget: Budget | null;
}

/**
 * A pooled instance of the config for one run: built once per distinct config, secrets and allowances.
 * `allowancesOf` is the user whose allowances (secrets/allowEnv) decide where the environment's keys may go: the
 * caller's on their own daemon; a team worker's operator's for a teammate's run (it spends the worker's keys).
 */
export async function leaseInstance(
  pool: OrchestratorPool<OrchestratorInstance>,
  daemonEnv: Record<string, string | undefined>,
  request: {
    username: string;
    allowancesOf: string;
    orchestratorType: string;
    parameters: JsonValue;
    secrets: Record<string, string>;
  },
): Promise<InstanceLease> {
  const { username, orchestratorType, secrets } = request;
  const validated = validateParameters(orchestratorType, request.parameters);
  // The user's allowances for sending environment secrets off this machine (secrets/allowEnv), read now from the
  // state dir (the daemon's own env names it, as it named config.stateDir). Every target checks its api_key_env
  // against them as it is built (targets/apiKey.ts), whether the variable is the daemon's or forwarded as env:NAME.
  const allowances = listEnvAllowances(stateDirFrom(daemonEnv), request.allowancesOf);
  const envAllowed = allowanceChecker(allowances);
  // Secrets change what the instance sends (the key), so they are part of its identity, but only as a digest; the
  // allowances too, so a pooled instance is never reused past an allowance taken back by hand.
  const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const key = poolKey({
    user: username,
    orchestrator_type: orchestratorType,
    parameters: {
      parameters: validated.parameters,
      secrets: digest(Object.entries(secrets).sort()),
      env_allowances: digest(allowances.map(({ variable, host }) => [variable, host]).sort()),
    },
  });
  // "env:NAME" secrets are the caller's own environment variables (the CLI forwards those its config names), so a
  // key set in the user's shell works even though the daemon was started elsewhere.
  const env = { ...daemonEnv };
  for (const [name, value] of Object.entries(secrets)) if (name.startsWith('env:')) env[name.slice(4)] = value;
  // Clients resolve config-relative paths before sending; what is left is relative to the daemon.
  const configDir = process.cwd();
  const runner = runnerFor(orchestratorType);
  const lease = await pool.acquire(key, () =>
    runner.createInstance(validated.parameters, { configDir, secrets, env, envAllowed }),
  );
  const configBudget = BudgetSchema.safeParse(validated.parameters.budget);
  return { lease, configBudget: configBudget.success ? configBudget.data : null };
}
