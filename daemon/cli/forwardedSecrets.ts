/**
 * Keys stay out of the config and out of the daemon's environment: the CLI forwards, in memory and for this run
 * only, the variables that the config's targets name in api_key_env, read from the caller's own shell.
 */
export function forwardedSecrets(parameters: unknown, env: NodeJS.ProcessEnv): Record<string, string> {
  const secrets: Record<string, string> = {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'api_key_env' && typeof inner === 'string' && env[inner] !== undefined)
          secrets[`env:${inner}`] = env[inner] as string;
        else visit(inner);
      }
    }
  };
  visit(parameters);
  return secrets;
}
