import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { exportPyritMemory } from '../../daemon/interchange/pyritSqlite/exporter';
import { PYRIT_REVISION, PYRIT_REVISION_SOURCE } from '../../daemon/interchange/pyritSqlite/revision';
import { ATTACK_RESULT_DDL, EXECUTION_INDEX_DDL, ORCHESTRATOR_DDL, PYRIT_DDL } from '../../daemon/memory/schema';

/**
 * The fixture is PyRIT's revision ab8f2c1a9d07 column by column, transcribed from the revision file at the commit
 * it names (test/fixtures/pyrit/ab8f2c1a9d07.schema.json). The exported file is read back by Python's sqlite3, as
 * SQLAlchemy's inspector would read it, and must hold exactly that: no table, column, key or index more or less.
 */
interface FixtureColumn {
  name: string;
  type: string;
  nullable: boolean;
  primary_key: boolean;
}
interface Fixture {
  revision: string;
  revision_file: string;
  pyrit_commit: string;
  tables: { name: string; columns: FixtureColumn[]; foreign_keys: { column: string; references: string }[] }[];
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pyrit', 'ab8f2c1a9d07.schema.json'), 'utf8'),
) as Fixture;

/** The DDL word SQLAlchemy's SQLite dialect renders for each type the revision uses (what alembic compares). */
const SQLITE_TYPE: Record<string, string> = {
  '_CustomUUID()': 'CHAR(36)',
  'sa.Uuid()': 'CHAR(32)',
  'sa.String()': 'VARCHAR',
  'sa.Unicode()': 'VARCHAR',
  'sa.INTEGER()': 'INTEGER',
  'sa.DateTime()': 'DATETIME',
  'sa.JSON()': 'JSON',
  'sa.ARRAY(sa.Float()).with_variant(sa.JSON(), "mssql").with_variant(sa.JSON(), "sqlite")': 'JSON',
};

interface ReadSchema {
  tables: string[];
  indexes: string[];
  columns: Record<string, { name: string; type: string; notnull: number; pk: number }[]>;
  foreign_keys: Record<string, { from: string; table: string; to: string }[]>;
}

function readSchema(file: string): ReadSchema {
  const script = `
import sqlite3, json, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
tables = [r[0] for r in c.execute("select name from sqlite_master where type='table' order by name")]
print(json.dumps({
  'tables': tables,
  'indexes': [r[0] for r in c.execute("select name from sqlite_master where type='index' and name not like 'sqlite_autoindex_%'")],
  'columns': {t: [dict(name=r[1], type=r[2], notnull=r[3], pk=r[5]) for r in c.execute('pragma table_info("%s")' % t)] for t in tables},
  'foreign_keys': {t: [{'from': r[3], 'table': r[2], 'to': r[4]} for r in c.execute('pragma foreign_key_list("%s")' % t)] for t in tables},
}))
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ReadSchema;
}

describe(`the pyrit-sqlite export is PyRIT's revision ${PYRIT_REVISION}, exactly`, () => {
  let root: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let schema: ReadSchema;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-pyrit-schema-'));
    // An empty memory of ours, with our real schema: the export's tables do not depend on its rows.
    instance = await DuckDBInstance.create(path.join(root, 'ours.duckdb'));
    connection = await instance.connect();
    for (const statement of [...PYRIT_DDL, ...ORCHESTRATOR_DDL, ...EXECUTION_INDEX_DDL, ...ATTACK_RESULT_DDL])
      await connection.run(statement);
    const file = path.join(root, 'memory.db');
    await exportPyritMemory(connection, [], file);
    schema = readSchema(file);
  });
  after(() => {
    connection?.closeSync();
    instance?.closeSync();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('names the revision and PyRIT commit the fixture was taken from', () => {
    assert.equal(fixture.revision, PYRIT_REVISION);
    assert.equal(fixture.pyrit_commit, PYRIT_REVISION_SOURCE.commit);
    assert.equal(fixture.revision_file, PYRIT_REVISION_SOURCE.file);
  });

  it("has the revision's six tables and nothing else: no alembic version table, no index", () => {
    assert.deepEqual(schema.tables, fixture.tables.map((table) => table.name).sort());
    assert.deepEqual(schema.indexes, []);
  });

  for (const table of fixture.tables) {
    it(`${table.name}: the revision's columns in order, with their types, nullability and primary key`, () => {
      assert.deepEqual(
        schema.columns[table.name],
        table.columns.map((column) => ({
          name: column.name,
          type: SQLITE_TYPE[column.type] ?? `unmapped ${column.type}`,
          notnull: column.nullable ? 0 : 1,
          pk: column.primary_key ? 1 : 0,
        })),
      );
    });

    it(`${table.name}: the revision's foreign keys`, () => {
      const keys = schema.foreign_keys[table.name].map((key) => `${key.from} → ${key.table}.${key.to}`).sort();
      assert.deepEqual(keys, table.foreign_keys.map((key) => `${key.column} → ${key.references}`).sort());
    });
  }
});
