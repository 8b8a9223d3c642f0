import { z } from 'zod';
import { ENV_VARIABLE_PATTERN, isAllowableHost } from '../../domain/envSecretDestination';
import { Timestamp } from './common';

/**
 * Allowances for environment secrets (domain/envSecretDestination.ts): a variable named by `api_key_env` goes to a
 * host other than this machine only once the user allowed that (variable, host) pair, through secrets/allowEnv.
 */

const Variable = z
  .string()
  .max(200)
  .regex(ENV_VARIABLE_PATTERN, 'an environment variable name, e.g. OPENAI_API_KEY')
  .describe('The environment variable, as a target names it in api_key_env.');

const Host = z
  .string()
  .max(253)
  .refine(isAllowableHost, {
    message:
      'a host name as a URL spells it: lower case, without scheme, port or path (api.openai.com, [2001:db8::1]); the daemon names it in its refusal',
  })
  .describe('The host the variable may be sent to, as the refusal named it in data.host.');

export const SecretsAllowEnvParams = z.strictObject({ variable: Variable, host: Host });

export const EnvAllowance = z.strictObject({ variable: z.string(), host: z.string(), granted_at: Timestamp });

export const EnvAllowances = z.strictObject({
  allowed: z.array(EnvAllowance).describe("The caller's allowances, oldest first."),
});

/** `data.reason` of the InvalidConfig error executions/start and executions/resume answer with, so clients can ask. */
export const ENV_SECRET_NOT_ALLOWED = 'env_secret_not_allowed';

/** That error's data, as a client reads it: which variable would have gone to which host. */
export const EnvSecretRefusalData = z.object({
  reason: z.literal(ENV_SECRET_NOT_ALLOWED),
  variable: z.string(),
  host: z.string(),
});
