// PostgreSQL only: the role-per-user variant of team mode (docs/team.md). A role that owns its own schema and
// nothing else uses its memory as any other user; it cannot create another schema nor read another user's.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { schemaFor } from '../../daemon/memory/postgres/postgresMemory';
import { DomainError } from '../../domain/errors';
import { postgresServer } from '../helpers/postgres';
import { dropTestDatabaseAfterAll, memoryFileName, postgresBackend, testDatabase } from './memoryBackends';

const postgres = postgresServer();
if (postgres.present) dropTestDatabaseAfterAll();

describe('PostgreSQL memory: a role per user', { skip: postgres.skip }, () => {
  const role = `vutf_role_${randomBytes(4).toString('hex')}`;
  const own = path.join('/nonexistent', memoryFileName());
  const other = path.join('/nonexistent', memoryFileName());
  after(async () => {
    if (!postgres.present) return;
    const { admin } = await testDatabase();
    await admin(`DROP SCHEMA IF EXISTS ${schemaFor(own)} CASCADE`);
    await admin(`DROP SCHEMA IF EXISTS ${schemaFor(other)} CASCADE`);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('works in the schema it owns and is refused every other', { timeout: 60_000 }, async () => {
    postgres.assert();
    const database = await testDatabase();
    await database.admin(`CREATE ROLE ${role} LOGIN`);
    await database.admin(`CREATE SCHEMA ${schemaFor(own)} AUTHORIZATION ${role}`);
    // Another user's schema, made by the team's admin role, with a row in it.
    const adminBackend = postgresBackend(database.url);
    const otherStore = new MemoryStore(adminBackend, other);
    const theirs = await otherStore.saveOrchestrator({
      name: 'theirs',
      orchestrator_type: 'prompt_sending',
      parameters: {},
      created_by: 'bob',
    });
    await adminBackend.closeAll();

    const url = new URL(database.url);
    url.username = role;
    const backend = postgresBackend(url.toString());
    try {
      const store = new MemoryStore(backend, own);
      const mine = await store.saveOrchestrator({
        name: 'mine',
        orchestrator_type: 'prompt_sending',
        parameters: { batch_size: 2 },
        created_by: 'alice',
      });
      const execution = await store.saveExecution({
        orchestrator_id: mine.id,
        execution_type: 'prompt_list',
        created_by: 'alice',
      });
      assert.equal((await store.getExecution(execution.id))?.status, 'pending');
      assert.deepEqual(
        (await store.listOrchestrators()).map((config) => config.name),
        ['mine'],
      );
      assert.equal(await store.getOrchestrator(theirs.id), null, "bob's configuration is not in alice's schema");

      // Naming bob's memory with alice's role: no privilege on his schema.
      await assert.rejects(new MemoryStore(backend, other).getOrchestrator(theirs.id), (error: unknown) => {
        assert.ok(error instanceof DomainError && error.kind === 'DatabaseUnavailable', String(error));
        assert.match(error.message, /permission denied/);
        return true;
      });
      // Nor may it create a schema of its own choosing.
      const third = path.join('/nonexistent', memoryFileName());
      await assert.rejects(new MemoryStore(backend, third).listOrchestrators(), /permission denied/);
      assert.equal(
        (await database.admin('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemaFor(third)])).rowCount,
        0,
      );
    } finally {
      await backend.closeAll();
    }
  });
});
