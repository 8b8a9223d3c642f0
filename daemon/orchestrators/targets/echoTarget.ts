import type { z } from 'zod';
import type { Clock } from '../../clock';
import { sleep, throwIfCancelled } from './abort';
import { disposedError } from './disposedError';
import type { PromptTarget } from './promptTarget';
import { violentutfTargetIdentifiers } from './targetIdentifiers';
import type { echoTargetSchema } from '../../../config/targetSpec';

export type EchoTargetSpec = z.output<typeof echoTargetSchema>;

/** Answers with the prompt itself after a fixed delay: demos and tests without a network. */
export function createEchoTarget(spec: EchoTargetSpec, clock: Clock): PromptTarget {
  const identifier = violentutfTargetIdentifiers.echo;
  let disposed = false;
  return {
    identifier,
    async send(request) {
      if (disposed) throw disposedError(identifier);
      throwIfCancelled(request.signal);
      const startedAt = clock.now();
      await sleep(spec.delay_ms, clock, request.signal);
      const text = spec.prefix + request.prompt;
      const latency_ms = Math.round(clock.now() - startedAt);
      return text === ''
        ? {
            text,
            response_error: 'empty',
            latency_ms,
            attempts: 1,
            error_message: 'The prompt was empty, so the echo is too.',
          }
        : { text, response_error: 'none', latency_ms, attempts: 1 };
    },
    async dispose() {
      disposed = true;
    },
  };
}
