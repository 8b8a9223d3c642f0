/**
 * Where an environment secret may go without the user's say-so. A config names a variable (`api_key_env`) and an
 * endpoint, and nothing ties the two: `GITHUB_TOKEN` with `https://collector.example/` would ship the token away.
 * This machine is trusted (it already holds the variable); any other host needs an allowance for that exact
 * (variable, host) pair. Hosts are compared as the WHATWG URL parser spells them (`new URL(u).hostname`): lower
 * case, IPv4 in dotted decimal (`http://0x7f.1/` is 127.0.0.1), IPv6 in brackets.
 */

/** An environment variable name, as `api_key_env` accepts it (config/targetSpec.ts). */
export const ENV_VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * 127.0.0.0/8, `localhost` and `::1`. Deliberately nothing more: `0.0.0.0`, IPv4-mapped IPv6 and names that
 * merely resolve here (`localtest.me`, `127.0.0.1.nip.io`) are other hosts as far as an allowance goes, since what
 * a name resolves to can change.
 */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A host an allowance can name: exactly what the URL parser gives as `hostname` for it, so no scheme, port, path,
 * upper case or `{{prompt}}` template (a host the prompt chooses is no one host).
 */
export function isAllowableHost(host: string): boolean {
  if (host === '' || host.length > 253 || !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/.test(host)) return false;
  try {
    return new URL(`http://${host}/`).hostname === host;
  } catch {
    return false;
  }
}

/** The host a target URL sends to, as an allowance names it; undefined when the URL does not parse. */
export function destinationHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
