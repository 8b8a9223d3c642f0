import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { DaemonHarness, REPO_ROOT, waitFor } from '../helpers/daemonHarness';
import { type DaemonConnection, DaemonError } from '../../client/daemonConnection';
import { dbPathFor } from '../../daemon/user/userContext';
import { MAX_PAYLOAD_BYTES } from '../../daemon/server/daemonServer';

interface RpcReply {
  jsonrpc: string;
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A raw JSON-RPC client over ws, for sending what the typed client never would. */
class RawClient {
  private readonly replies: RpcReply[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.replies.push(JSON.parse(data.toString()) as RpcReply);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(daemon: DaemonHarness, user = 'alice'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${daemon.port}/`, 'vutf.v2', {
        headers: { Authorization: `Bearer ${daemon.token(user)}` },
      });
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  send(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  async next(timeoutMs = 5000): Promise<RpcReply> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (this.closeCode !== undefined) throw new Error(`closed with ${this.closeCode}`);
      if (Date.now() > deadline) throw new Error('no reply');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.replies.shift() as RpcReply;
  }

  async call(method: string, params?: unknown, id: number | string = 1): Promise<RpcReply> {
    this.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
    return this.next();
  }

  async waitClosed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('not closed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.closeCode;
  }
}

describe('JSON-RPC protocol (real daemon process)', () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start();
  });
  after(() => daemon.stop());

  it('initialize tells the client who it is and where its memory lives', async () => {
    const connection = await daemon.connect('Jane.Doe@corp.com');
    assert.equal(connection.info.protocol_version, '2.0');
    assert.equal(connection.info.daemon.pid, daemon.pid);
    assert.equal(connection.info.user.username, 'jane.doe@corp.com');
    assert.equal(
      connection.info.user.db_path,
      dbPathFor('jane.doe@corp.com', 'violentutf_salt_2025', daemon.memoryDir),
    );
    connection.close();
  });

  it('refuses another protocol major with a message naming both versions', async () => {
    const raw = await RawClient.open(daemon);
    const reply = await raw.call('initialize', { protocol_version: '3.0', client: { name: 'future', version: '9' } });
    assert.equal(reply.error?.code, -32016);
    assert.match(reply.error?.message ?? '', /2\.0.*3\.0/);
    raw.ws.close();
  });

  it('asks for initialize before anything else', async () => {
    const raw = await RawClient.open(daemon);
    const reply = await raw.call('health/get');
    assert.equal(reply.error?.code, -32002);
    assert.match(reply.error?.message ?? '', /initialize/);
    raw.ws.close();
  });

  it("health/get, health/orchestrators, health/database and debug/info report the seed's shapes", async () => {
    const connection = await daemon.connect('bob');
    const health = await connection.request('health/get');
    assert.equal(health.status, 'healthy');
    assert.equal(health.orchestrators.pool_stats.max_instances, 20);
    assert.equal(health.orchestrators.pool_stats.ttl_minutes, 30);
    assert.ok(health.daemon.clients >= 1);
    assert.ok(health.daemon.rss_bytes > 10_000_000);
    const database = await connection.request('health/database');
    assert.equal(database.user_db_path, connection.info.user.db_path);
    const orchestrators = await connection.request('health/orchestrators');
    assert.equal(orchestrators.active_instances, 0);
    const info = await connection.request('debug/info');
    assert.equal(info.username, 'bob');
    assert.equal(info.db_path, connection.info.user.db_path);
    assert.equal(info.memory_dir, daemon.memoryDir);
    assert.equal(info.salt_source, 'default');
    assert.equal(info.exists, database.exists);
    connection.close();
  });

  it('answers bad input with JSON-RPC errors and keeps the connection', async () => {
    const raw = await RawClient.open(daemon);
    await raw.call('initialize', { protocol_version: '2.0', client: { name: 'raw', version: '0' } });

    raw.send('{"jsonrpc": "2.0", "id": 1, "method": ');
    const parse = await raw.next();
    assert.equal(parse.error?.code, -32700);
    assert.equal(parse.id, null);

    raw.send('[{"jsonrpc":"2.0","id":1,"method":"health/get"}]');
    assert.equal((await raw.next()).error?.code, -32600);

    raw.send('"just a string"');
    assert.equal((await raw.next()).error?.code, -32600);

    raw.send('{"id": 7, "method": "health/get"}');
    const noVersion = await raw.next();
    assert.equal(noVersion.error?.code, -32600);
    assert.equal(noVersion.id, 7);

    raw.send(Buffer.from('{"jsonrpc":"2.0","id":8,"method":"health/get"}'), true);
    const binary = await raw.next();
    assert.equal(binary.error?.code, -32600);
    assert.match(binary.error?.message ?? '', /text frame/);

    const unknown = await raw.call('orchestrators/launch-missiles', {}, 9);
    assert.equal(unknown.error?.code, -32601);
    assert.match(unknown.error?.message ?? '', /orchestrators\/launch-missiles/);

    const wrongType = await raw.call('initialize', { protocol_version: 1, client: { name: 'x', version: '0' } }, 10);
    assert.equal(wrongType.error?.code, -32602);
    assert.match(wrongType.error?.message ?? '', /protocol_version/);

    const extra = await raw.call('health/get', { verbose: true }, 11);
    assert.equal(extra.error?.code, -32602);
    assert.match(extra.error?.message ?? '', /verbose/);

    // Still the same connection, still serving.
    const ok = await raw.call('health/get', undefined, 12);
    assert.equal((ok.result as { status: string }).status, 'healthy');
    raw.ws.close();
  });

  it('closes a connection that sends more than the maximum payload, and the daemon stays up', async () => {
    const raw = await RawClient.open(daemon);
    raw.send(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'health/get', params: { pad: 'x'.repeat(MAX_PAYLOAD_BYTES) } }),
    );
    assert.equal(await raw.waitClosed(), 1009);
    const connection = await daemon.connect();
    assert.equal((await connection.request('health/get')).status, 'healthy');
    connection.close();
  });

  it('reports errors to the typed client as DaemonError with code and message', async () => {
    const connection: DaemonConnection = await daemon.connect();
    await assert.rejects(
      // @ts-expect-error deliberately wrong params
      connection.request('health/get', { nope: 1 }),
      (error: unknown) => error instanceof DaemonError && error.code === -32602,
    );
    connection.close();
  });

  it("pushes health/changed (with seq) when another program locks the user's DB, and again when it is free", async () => {
    const connection = await daemon.connect('hanna');
    const changes: { seq: number; status: string; lastError: string | null }[] = [];
    connection.onNotification('health/changed', (params) =>
      changes.push({ seq: params.seq, status: params.status, lastError: params.health.database.last_error }),
    );
    const dbPath = connection.info.user.db_path;
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    // Another program (a DuckDB CLI, a notebook) holds the file: DuckDB allows one writer process per file.
    const holder = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(REPO_ROOT, 'test', 'memory', 'fixtures', 'holdDatabase.ts'), dbPath],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      await assert.rejects(
        connection.request('orchestrators/list'),
        (error: unknown) =>
          error instanceof DaemonError && error.code === -32013 && error.message.includes(String(holder.pid)),
      );
      await waitFor('health/changed to error', () =>
        changes.some((change) => change.status === 'error') ? true : undefined,
      );
      const health = await connection.request('health/get');
      assert.equal(health.status, 'error');
      assert.equal(health.database.state, 'error');
      assert.match(health.database.last_error ?? '', new RegExp(String(holder.pid)));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    assert.deepEqual((await connection.request('orchestrators/list')).orchestrators, []);
    await waitFor('health/changed back to healthy', () => (changes.at(-1)?.status === 'healthy' ? true : undefined));
    assert.deepEqual(
      changes.map((change) => change.seq),
      changes.map((_, index) => index + 1),
      'seq counts up from 1 without gaps',
    );
    connection.close();
  });

  it('daemon/shutdown stops the daemon and removes its discovery file', async () => {
    const other = await DaemonHarness.start();
    const connection = await other.connect();
    assert.deepEqual(await connection.request('daemon/shutdown'), { stopping: true });
    assert.equal(await other.waitForExit(), 0);
    assert.equal(fs.existsSync(`${other.stateDir}/daemon.json`), false);
    await other.stop();
  });
});
