import { InvalidConfigError } from '../../../domain/errors';
import { destinationHost, isAllowableHost, isLoopbackHost } from '../../../domain/envSecretDestination';
import { ENV_SECRET_NOT_ALLOWED } from '../../../protocol/schemas/secrets';

export interface CredentialFields {
  readonly api_key_env?: string;
  readonly api_key_secret?: string;
}

export interface CredentialSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secrets: Readonly<Record<string, string>>;
  /**
   * Whether the user allowed this environment variable to go to this host (secrets/allowEnv). Absent means none
   * is allowed: only this machine gets an environment secret then.
   */
  readonly envAllowed?: (variable: string, host: string) => boolean;
}

/**
 * An environment secret leaves the machine only for a host the user allowed for it (domain/envSecretDestination.ts):
 * the config names the variable and the endpoint, and nothing else ties them, so a shared config could otherwise
 * send GITHUB_TOKEN anywhere. The refusal names variable and host (never the value) and how to allow the pair, in
 * `data` too, so a client can ask its user and call secrets/allowEnv.
 */
function checkEnvDestination(
  variable: string,
  destination: string,
  sources: CredentialSources,
  configPath: string,
): void {
  const host = destinationHost(destination);
  if (host !== undefined && isLoopbackHost(host)) return;
  const path = `${configPath}.api_key_env`;
  // A host with {{prompt}} in it is chosen by each prompt, so no allowance can name it; only its host part is
  // quoted, never the rest of the URL (a stored config may predate the refusal of credentials in URLs).
  if (host === undefined || !isAllowableHost(host))
    throw new InvalidConfigError(
      `The environment variable ${variable} (api_key_env) would be sent to the host ${JSON.stringify(host ?? '')}, ` +
        `which no allowance can name: a key is only sent to a fixed host name. If {{prompt}} is in the host, ` +
        `put it in the path or the query instead.`,
      { path, variable },
    );
  if (sources.envAllowed?.(variable, host) === true) return;
  throw new InvalidConfigError(
    `The environment variable ${variable} (api_key_env) would be sent to ${host}, which is not this machine, and ` +
      `you have not allowed that. If this target should get it, allow it once: \`vutf launch FILE --allow-env ` +
      `${variable}\` (or \`vutf resume ID --allow-env ${variable}\`), answer VS Code's question, or call ` +
      `secrets/allowEnv {"variable": "${variable}", "host": "${host}"}.`,
    { path, reason: ENV_SECRET_NOT_ALLOWED, variable, host },
  );
}

/**
 * The key a config points at for a target sending to `destination`, or undefined when it names none (local models
 * need none). A name that leads nowhere, or an environment secret bound for a host nobody allowed, is an
 * `InvalidConfig` error naming the variable or secret — never the value.
 */
export function resolveApiKey(
  fields: CredentialFields,
  sources: CredentialSources,
  configPath: string,
  destination: string,
): string | undefined {
  if (fields.api_key_env !== undefined) {
    const value = sources.env[fields.api_key_env];
    if (value === undefined || value === '') {
      throw new InvalidConfigError(
        `The environment variable ${fields.api_key_env} (api_key_env) is not set in the daemon's environment. ` +
          `Export it where the daemon starts and restart the daemon, or store the key in VS Code with ` +
          `"ViolentUTF: Set Target API Key" and name it in api_key_secret instead.`,
        { path: `${configPath}.api_key_env`, variable: fields.api_key_env },
      );
    }
    checkEnvDestination(fields.api_key_env, destination, sources, configPath);
    return value;
  }
  // api_key_secret is not checked: the user stored that key for this target themselves (VS Code's SecretStorage,
  // or a client passing it by name), which is the allowance.
  if (fields.api_key_secret !== undefined) {
    const value = sources.secrets[fields.api_key_secret];
    if (value === undefined || value === '') {
      throw new InvalidConfigError(
        `The secret ${JSON.stringify(fields.api_key_secret)} (api_key_secret) was not supplied with executions/start. ` +
          `In VS Code run "ViolentUTF: Set Target API Key" for it; other clients pass it in the "secrets" parameter.`,
        { path: `${configPath}.api_key_secret`, secret: fields.api_key_secret },
      );
    }
    return value;
  }
  return undefined;
}

/** Replaces every occurrence of the secret, in case a server echoes the header back in an error body. */
export function redactorFor(secret: string | undefined): (text: string) => string {
  if (secret === undefined || secret === '') return (text) => text;
  return (text) => text.split(secret).join('[REDACTED]');
}
