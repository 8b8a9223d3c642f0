import { InvalidConfigError } from '../../../domain/errors';
export interface CredentialFields {
  readonly api_key_env?: string;
  readonly api_key_secret?: string;
}

export interface CredentialSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secrets: Readonly<Record<string, string>>;
}

/**
 * The key a config points at, or undefined when it names none (local models need none). A name that leads
 * nowhere is an `InvalidConfig` error naming the variable or secret — never the value, which we do not have.
 */
export function resolveApiKey(
  fields: CredentialFields,
  sources: CredentialSources,
  configPath: string,
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
    return value;
  }
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
