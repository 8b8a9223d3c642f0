import path from 'node:path';
import type { z } from 'zod';
import { answered, failed, transient, type AttemptOutcome } from './attemptOutcome';
import { disposedError } from './disposedError';
import { ChildProcessFailure, JsonLinesChild, type ChildLaunch, type ChildRequest } from './jsonLinesChild';
import type { PromptTarget } from './promptTarget';
import { overLimitMessage, replyLimitFor } from './replyLimit';
import { retryPolicyFor } from './retryPolicy';
import { sendWithRetries } from './sendWithRetries';
import { violentutfTargetIdentifiers } from './targetIdentifiers';
import type { processTargetSchema } from '../../../config/targetSpec';
import type { TargetTuning } from './targetTuning';

export type ProcessTargetSpec = z.output<typeof processTargetSchema>;

export interface ProcessTargetContext {
  /** The folder of the config file: a relative `cwd` is resolved against it. */
  readonly configDir: string;
  /** The daemon's environment, which the program inherits under the config's own `env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Any executable speaking JSON lines on stdio, spawned on first send and kept for the life of the pooled
 * instance. A child that dies fails its in-flight requests (retried per max_retries) and is respawned by the
 * next attempt.
 */
export function createProcessTarget(
  spec: ProcessTargetSpec,
  context: ProcessTargetContext,
  tuning: TargetTuning,
): PromptTarget {
  const identifier = violentutfTargetIdentifiers.process;
  const launch: ChildLaunch = {
    command: spec.command,
    args: spec.args,
    cwd: path.resolve(context.configDir, spec.cwd ?? '.'),
    env: { ...context.env, ...spec.env },
  };
  // The program holds no key of ours, so there is nothing to redact.
  const policy = retryPolicyFor(
    spec,
    tuning,
    (text) => text,
    `process|${[spec.command, ...(spec.args ?? [])].join(' ')}`,
  );
  const limit = replyLimitFor(spec, tuning);
  let child: JsonLinesChild | undefined;
  let nextId = 0;
  let disposed = false;

  const runningChild = (): JsonLinesChild => {
    if (child === undefined || !child.alive) child = JsonLinesChild.spawn(launch, tuning.clock, limit);
    return child;
  };

  const attempt = async (request: Omit<ChildRequest, 'id'>, signal: AbortSignal): Promise<AttemptOutcome> => {
    if (disposed) throw disposedError(identifier);
    nextId += 1;
    try {
      const reply = await runningChild().request({ id: String(nextId), ...request }, signal);
      switch (reply.kind) {
        case 'response':
          return answered(reply.text);
        case 'error':
          return failed(`The program answered with an error: ${reply.message}`);
        case 'overlong':
          return failed(
            overLimitMessage(limit.maxBytes, `the program wrote a reply line of more than ${limit.maxBytes} bytes`),
          );
      }
    } catch (error) {
      if (!(error instanceof ChildProcessFailure)) throw error;
      return error.retryable ? transient(error.message) : failed(error.message);
    }
  };

  return {
    identifier,
    async send(request) {
      if (disposed) throw disposedError(identifier);
      const { prompt, conversation_id, history } = request;
      return sendWithRetries((signal) => attempt({ prompt, conversation_id, history }, signal), policy, request.signal);
    },
    async dispose() {
      disposed = true;
      await child?.stop(tuning.processKillGraceMs);
    },
  };
}
