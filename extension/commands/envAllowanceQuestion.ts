import type { EnvSecretRefusal } from '../../client/envAllowance';

/**
 * What VS Code asks when the daemon will not send an environment variable to a host other than this machine
 * (client/envAllowance.ts). Kept apart from the dialog so a test can read it: it must name the variable and the
 * host, since "allow" means exactly that pair.
 */
export function envAllowanceQuestion(refusal: EnvSecretRefusal): { message: string; detail: string; allow: string } {
  return {
    message: `Send the environment variable ${refusal.variable} to ${refusal.host}?`,
    detail:
      `The configuration names ${refusal.variable} in api_key_env for a target at ${refusal.host}, which is not on ` +
      `this machine: its value leaves this machine with every request. Allow it only if ${refusal.host} is where ` +
      `this key belongs. Your answer is remembered for this variable and this host.`,
    allow: 'Allow and Continue',
  };
}
