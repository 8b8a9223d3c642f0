import type { TargetIdentifier } from './promptTarget';

/** Targets PyRIT has, under PyRIT's own class and module names (its 0.9 layout). */
export const pyritTargetIdentifiers = {
  openAiChat: { __type__: 'OpenAIChatTarget', __module__: 'pyrit.prompt_target.openai.openai_chat_target' },
  http: { __type__: 'HTTPTarget', __module__: 'pyrit.prompt_target.http_target.http_target' },
} as const satisfies Record<string, TargetIdentifier>;

/** PyRIT has no JSON-lines process target and no echo target: a row must not claim a PyRIT class sent it. */
export const violentutfTargetIdentifiers = {
  process: { __type__: 'ProcessTarget', __module__: 'violentutf.prompt_target.process_target' },
  echo: { __type__: 'EchoTarget', __module__: 'violentutf.prompt_target.echo_target' },
} as const satisfies Record<string, TargetIdentifier>;

/**
 * The endpoint as stored with every prompt: scheme, host and path only, since a query string or user-info part
 * is where a careless config would put a key (`?api-key=…`), and results are shared.
 */
export function publicEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
