import { configIssue, type ConfigIssue } from './configIssue';
import { isPlainObject, type PathSegment } from './jsonPath';

/** `api_key`, `apiKey`, `api-key`, `OPENAI_API_KEY`: people spell it every way, and every spelling leaks the same. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** `api_key_env`, `api_key_secret` and `api_key_header` name a key's whereabouts and so do not end in "apikey". */
function isKeyFieldName(normalized: string): boolean {
  return normalized.endsWith('apikey');
}
/** Headers that carry credentials: a key typed into `headers` leaks just as surely as one in `api_key`. */
const credentialHeaderNames = new Set(['authorization', 'proxyauthorization', 'cookie']);

/** Fields holding a URL (`endpoint`, `url`, `base_url`): where `?api-key=…` or `user:pass@` would be typed. */
function isUrlFieldName(normalized: string): boolean {
  return normalized.endsWith('url') || normalized.endsWith('endpoint') || normalized === 'uri';
}

/** `api-key`, `key`, `token`, `access_token`, `client_secret`, `sig` (Azure SAS), `code` (Azure Functions)… */
function isCredentialQueryName(name: string): boolean {
  const normalized = normalize(name);
  return (
    /(key|token|secret|password|passwd)$/.test(normalized) ||
    ['sig', 'signature', 'auth', 'authorization', 'code'].includes(normalized)
  );
}

const expected = '"api_key_env" or "api_key_secret" naming where the key is kept, never the key itself';

function literalKeyIssue(segments: PathSegment[], name: string, inHeaders: boolean): ConfigIssue {
  const field = JSON.stringify(name);
  const instead =
    'Remove it and say where the daemon finds the key instead: "api_key_env": "OPENAI_API_KEY" (an environment ' +
    'variable of the daemon) or "api_key_secret": "my-target" (kept by VS Code; run "ViolentUTF: Set Target API Key").';
  const what = inHeaders
    ? `the header ${field} carries a credential, and API keys never go in config files`
    : `${field} holds an API key, and API keys never go in config files`;
  return configIssue(segments, `${what}: they end up in version control, backups and logs. ${instead}`, expected);
}

const headerInstead =
  'Remove it; if the API takes the key in a header, name the variable in "api_key_env" (or the VS Code secret in ' +
  '"api_key_secret") and the header in "api_key_header", e.g. "api-key", "x-goog-api-key" or "x-functions-key".';

/**
 * The credentials a URL carries in its user-info or query, as one issue for the field. Only names are reported:
 * the values, and the user name (often half of the secret), are never read into a message.
 */
function urlCredentialIssues(segments: PathSegment[], value: string): ConfigIssue[] {
  if (!/^https?:\/\//i.test(value)) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return []; // not a URL at all: the schema says so, without this check's help
  }
  const carried: string[] = [];
  if (url.username !== '' || url.password !== '') carried.push('a user name or password (scheme://user:password@host)');
  const names = [...new Set(url.searchParams.keys())].filter(
    (name) => isCredentialQueryName(name) && url.searchParams.getAll(name).some((item) => item !== ''),
  );
  for (const name of names) carried.push(`the query parameter ${JSON.stringify(name)}`);
  if (carried.length === 0) return [];
  const message =
    `the URL carries a credential in ${carried.join(' and ')}, and API keys never go in config files: they end up ` +
    `in version control, backups and logs. ${headerInstead}`;
  return [configIssue(segments, message, expected)];
}

const MAX_CONFIG_DEPTH = 64;

/**
 * Every place a config holds a literal API key. Checked before the schema, and anywhere in the document rather
 * than only in `objective_target`, because scorers (self-ask) and later orchestrator types carry targets too,
 * and a key in `memory_labels` would be written to the database. The values are never read, let alone echoed.
 */
export function findLiteralApiKeys(value: unknown, segments: PathSegment[] = [], inHeaders = false): ConfigIssue[] {
  // No real config nests this deep; a document that does is refused here, before recursion could exhaust the stack.
  if (segments.length > MAX_CONFIG_DEPTH) {
    return [
      configIssue(
        segments,
        `nested more than ${MAX_CONFIG_DEPTH} levels deep; no orchestrator config needs that.`,
        `at most ${MAX_CONFIG_DEPTH} levels of nesting`,
      ),
    ];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => findLiteralApiKeys(item, [...segments, index]));
  }
  if (!isPlainObject(value)) return [];
  const issues: ConfigIssue[] = [];
  for (const [name, child] of Object.entries(value)) {
    const normalized = normalize(name);
    const here = [...segments, name];
    if (isKeyFieldName(normalized) || (inHeaders && credentialHeaderNames.has(normalized))) {
      issues.push(literalKeyIssue(here, name, inHeaders));
    } else if (isUrlFieldName(normalized) && typeof child === 'string') {
      issues.push(...urlCredentialIssues(here, child));
    } else {
      issues.push(...findLiteralApiKeys(child, here, normalized === 'headers'));
    }
  }
  return issues;
}
