import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConflictError,
  DatabaseLockedError,
  type DomainError,
  InvalidConfigError,
  NotFoundError,
  PoolExhaustedError,
} from '../../domain/errors';
import { ErrorCode } from '../../protocol/errors';

describe('domain errors', () => {
  it('name only codes the protocol defines, so the dispatcher can send each as the RPC error of its kind', () => {
    const errors: DomainError[] = [
      new InvalidConfigError('bad', { path: '$.x' }),
      new NotFoundError('Execution', 'abc'),
      new ConflictError('busy'),
      new PoolExhaustedError('full', { max_instances: 2 }),
      new DatabaseLockedError('locked', { pid: 42 }),
    ];
    for (const error of errors) {
      assert.equal(typeof ErrorCode[error.kind], 'number', `${error.kind} is a protocol error code`);
      assert.ok(error instanceof Error);
      assert.equal(error.name, error.constructor.name);
    }
  });

  it('NotFound says what and which, for this user only', () => {
    const error = new NotFoundError('Orchestrator', 'o-1');
    assert.equal(error.message, 'Orchestrator "o-1" was not found for this user.');
    assert.deepEqual(error.data, { what: 'Orchestrator', id: 'o-1' });
  });
});
