import type { Handler } from '../server/dispatcher';
import { grantEnvAllowance, listEnvAllowances } from '../user/envAllowances';

/**
 * secrets/allowEnv: the one way an environment secret comes to be sent to a host that is not this machine
 * (domain/envSecretDestination.ts). Clients call it after the user said yes to that variable and that host; the
 * daemon never grants one on its own.
 */
export const secretsAllowEnv: Handler<'secrets/allowEnv'> = (params, { session, services }) => {
  const allowed = grantEnvAllowance(services.config.stateDir, session.username, params, new Date());
  services.log.info(`user ${session.username} allowed ${params.variable} to be sent to ${params.host}`);
  return { allowed };
};

export const secretsAllowances: Handler<'secrets/allowances'> = (_params, { session, services }) => ({
  allowed: listEnvAllowances(services.config.stateDir, session.username),
});
