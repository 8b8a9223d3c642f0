import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelPrice } from '../../../config/modelPrice';
import type { ModelRole } from '../../../protocol/schemas/usage';
import { AbortError } from '../targets/abort';
import type { PromptTarget } from '../targets/promptTarget';
import type { ExecutionMeter } from './executionMeter';

/**
 * The meter of the execution a call belongs to. Instances are pooled and shared by every execution of one config,
 * so a model knows its role when it is built but learns its execution only when it is called: the engine runs each
 * execution inside its meter's context (runMetered), and every call made on its behalf — the target's, the
 * attacker's, a judge's, a converter's — finds that meter, with no parameter threaded through every scorer and
 * converter.
 */
const meters = new AsyncLocalStorage<ExecutionMeter>();

export function runMetered<T>(meter: ExecutionMeter, run: () => Promise<T>): Promise<T> {
  return meters.run(meter, run);
}

/** A model that reports each call to the current execution's meter, and starts none its budget forbids. */
export function meteredTarget(target: PromptTarget, role: ModelRole, price: ModelPrice | undefined): PromptTarget {
  return {
    identifier: target.identifier,
    async send(request) {
      const meter = meters.getStore();
      if (meter === undefined) return target.send(request);
      // The budget has stopped the run (admit aborted its signal): refused like a cancelled send, so the input item
      // stores nothing of this call and stays resumable.
      if (!(await meter.admitShared(role))) throw new AbortError(meter.exhaustion);
      const answer = await target.send({ ...request, signal: meter.callSignal(request.signal) });
      meter.settle(role, target.identifier, answer.usage ?? null, price);
      return answer;
    },
    dispose: () => target.dispose(),
  };
}
