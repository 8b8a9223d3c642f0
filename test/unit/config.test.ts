import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../daemon/config';

const HOME = '/home/tester';

describe('loadConfig', () => {
  it("uses the seed's defaults and XDG dirs", () => {
    const config = loadConfig({ HOME });
    assert.equal(config.memoryDir, '/home/tester/.local/share/violentutf/memory');
    assert.equal(config.stateDir, '/home/tester/.local/state/violentutf');
    assert.equal(config.salt, 'violentutf_salt_2025');
    assert.equal(config.saltSource, 'default');
    assert.equal(config.poolSize, 20);
    assert.equal(config.ttlMinutes, 30);
    assert.equal(config.dbConnectionTimeoutMs, 30_000);
    assert.equal(config.dbMaxRetries, 3);
    assert.equal(config.idleShutdownMinutes, 30);
  });

  it("honours XDG_* and the seed's variables", () => {
    const config = loadConfig({
      HOME,
      XDG_DATA_HOME: '/data',
      XDG_STATE_HOME: '/state',
      PYRIT_DB_SALT: 'pepper',
      ORCHESTRATOR_POOL_SIZE: '5',
      ORCHESTRATOR_TTL_MINUTES: '2.5',
      DB_CONNECTION_TIMEOUT: '7',
      DB_MAX_RETRIES: '0',
      VUTF_IDLE_SHUTDOWN_MINUTES: '0',
    });
    assert.equal(config.memoryDir, '/data/violentutf/memory');
    assert.equal(config.stateDir, '/state/violentutf');
    assert.equal(config.salt, 'pepper');
    assert.equal(config.saltSource, 'env');
    assert.equal(config.poolSize, 5);
    assert.equal(config.ttlMinutes, 2.5);
    assert.equal(config.dbConnectionTimeoutMs, 7000);
    assert.equal(config.dbMaxRetries, 0);
    assert.equal(config.idleShutdownMinutes, 0);
  });

  it('lets VIOLENTUTF_MEMORY_DIR and VUTF_STATE_DIR win over XDG', () => {
    const config = loadConfig({
      HOME,
      XDG_DATA_HOME: '/data',
      VIOLENTUTF_MEMORY_DIR: '/app/memory',
      VUTF_STATE_DIR: '/run/vutf',
    });
    assert.equal(config.memoryDir, '/app/memory');
    assert.equal(config.stateDir, '/run/vutf');
  });

  const bad: [string, string, RegExp][] = [
    ['ORCHESTRATOR_POOL_SIZE', 'abc', /ORCHESTRATOR_POOL_SIZE="abc".*whole number of 1 or more/],
    ['ORCHESTRATOR_POOL_SIZE', '0', /ORCHESTRATOR_POOL_SIZE="0"/],
    ['ORCHESTRATOR_POOL_SIZE', '2.5', /whole number/],
    ['ORCHESTRATOR_TTL_MINUTES', '-1', /ORCHESTRATOR_TTL_MINUTES.*greater than 0/],
    ['DB_CONNECTION_TIMEOUT', 'soon', /DB_CONNECTION_TIMEOUT/],
    ['DB_MAX_RETRIES', '-2', /DB_MAX_RETRIES.*0 or more/],
    ['VUTF_IDLE_SHUTDOWN_MINUTES', 'never', /VUTF_IDLE_SHUTDOWN_MINUTES.*0 = never/],
    ['VIOLENTUTF_MEMORY_DIR', 'relative/dir', /VIOLENTUTF_MEMORY_DIR.*absolute/],
  ];
  for (const [variable, value, message] of bad) {
    it(`refuses ${variable}=${value} naming the variable and what it accepts`, () => {
      assert.throws(
        () => loadConfig({ HOME, [variable]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.variable, variable);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  describe('the memory backend', () => {
    const stateWith = (settings: string | null, mode = 0o600): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-settings-'));
      if (settings !== null) fs.writeFileSync(path.join(dir, 'settings.json'), settings, { mode });
      fs.chmodSync(dir, 0o700);
      return dir;
    };

    it('is the embedded DuckDB without VUTF_MEMORY_URL or a memory_url setting', () => {
      assert.equal(loadConfig({ HOME, VUTF_STATE_DIR: stateWith(null) }).memoryUrl, null);
      assert.equal(loadConfig({ HOME, VUTF_STATE_DIR: stateWith('{"model_prices": {}}') }).memoryUrl, null);
    });

    it('is PostgreSQL from memory_url in a 0600 settings.json; VUTF_MEMORY_URL wins over it', () => {
      const dir = stateWith('{"memory_url": "postgres://team:pw@db.internal/redteam"}');
      assert.equal(loadConfig({ HOME, VUTF_STATE_DIR: dir }).memoryUrl, 'postgres://team:pw@db.internal/redteam');
      const fromEnv = loadConfig({ HOME, VUTF_STATE_DIR: dir, VUTF_MEMORY_URL: 'postgres://other@127.0.0.1/test' });
      assert.equal(fromEnv.memoryUrl, 'postgres://other@127.0.0.1/test');
    });

    it('refuses a settings file others can read, a bad URL and bad JSON, never repeating the password', () => {
      const readable = stateWith('{"memory_url": "postgres://team:s3cret@db/redteam"}', 0o644);
      fs.chmodSync(path.join(readable, 'settings.json'), 0o644);
      assert.throws(
        () => loadConfig({ HOME, VUTF_STATE_DIR: readable }),
        (error: unknown) =>
          error instanceof ConfigError && /chmod 600/.test(error.message) && !error.message.includes('s3cret'),
      );
      const wrong = stateWith('{"memory_url": "mysql://team:s3cret@db/redteam"}');
      assert.throws(
        () => loadConfig({ HOME, VUTF_STATE_DIR: wrong }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /memory_url in .*settings\.json is not valid/.test(error.message) &&
          !error.message.includes('s3cret'),
      );
      assert.throws(
        () => loadConfig({ HOME, VUTF_STATE_DIR: stateWith('{not json') }),
        (error: unknown) => error instanceof ConfigError && /not valid JSON/.test(error.message),
      );
    });
  });
});
