import type { TargetIdentifier } from './promptTarget';

/** A send after dispose is a wiring bug in the engine or pool, not a target failure to store. */
export function disposedError(identifier: TargetIdentifier): Error {
  return new Error(`${identifier.__type__} was disposed; the pool must not hand out a disposed instance.`);
}
