import type { ModelPrice } from '../../../config/modelPrice';
import type { ModelRole } from '../../../protocol/schemas/usage';
import { AbortError } from '../targets/abort';
import type { PromptTarget } from '../targets/promptTarget';
import type { ExecutionMeter } from './executionMeter';

/**
 * The meter of the execution a call belongs to, found by the call's signal. Instances are pooled and shared by every
 * execution of one config, so a model knows its role when it is built but learns its execution only when it is
 * called. The engine hands its run signal to every send it makes, through every scorer and converter, so that signal
 * names the execution. Looked up here rather than through AsyncLocalStorage: on Node 20 that installs promise hooks
 * that tax every promise of the daemon, about 7 % of the engine's main thread (bench/engine.ts). Weak, so a finished
 * run's meter goes with its signal.
 */
const meters = new WeakMap<AbortSignal, ExecutionMeter>();

/** Runs an execution's work with its meter: every send made with the meter's run signal is counted by it. */
export function runMetered<T>(meter: ExecutionMeter, run: () => Promise<T>): Promise<T> {
  meters.set(meter.runSignal, meter);
  return run();
}

/** A model that reports each call to the current execution's meter, and starts none its budget forbids. */
export function meteredTarget(target: PromptTarget, role: ModelRole, price: ModelPrice | undefined): PromptTarget {
  return {
    identifier: target.identifier,
    async send(request) {
      const meter = request.signal === undefined ? undefined : meters.get(request.signal);
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
