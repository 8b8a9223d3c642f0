import { requests, type ResultOf } from '../protocol/methods';

export type Execution = ResultOf<'executions/get'>;

/**
 * A run is live in the status executions/start answers with; every other status the protocol knows is an end.
 * Both come from the protocol's schemas, so a status added there needs no list here to be kept in step.
 */
const liveStatus = requests['executions/start'].result.shape.status.value;
const EndedStatus = requests['executions/get'].result.shape.status.exclude([liveStatus]);

export function hasEnded(execution: Execution): boolean {
  return EndedStatus.safeParse(execution.status).success;
}
