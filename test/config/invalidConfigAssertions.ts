import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { InvalidConfigError } from '../../domain/errors';

export interface InvalidConfigData {
  path?: string;
  expected?: string;
  source?: string;
  line?: number;
  column?: number;
  issues?: {
    path: string;
    segments: (string | number)[];
    message: string;
    expected: string;
    line?: number;
    column?: number;
  }[];
}

function asInvalidConfig(error: unknown): { message: string; data: InvalidConfigData } {
  assert.ok(error instanceof InvalidConfigError, `expected an InvalidConfigError, got ${String(error)}`);
  assert.equal(error.kind, 'InvalidConfig');
  return { message: error.message, data: (error.data ?? {}) as InvalidConfigData };
}

/** Runs `action`, which must throw InvalidConfig, and returns its message and data for closer checks. */
export function invalidConfigOf(action: () => unknown): { message: string; data: InvalidConfigData } {
  try {
    action();
  } catch (error) {
    return asInvalidConfig(error);
  }
  assert.fail('expected InvalidConfig, but nothing was thrown');
}

export async function invalidConfigOfAsync(
  action: () => Promise<unknown>,
): Promise<{ message: string; data: InvalidConfigData }> {
  try {
    await action();
  } catch (error) {
    return asInvalidConfig(error);
  }
  assert.fail('expected InvalidConfig, but nothing was thrown');
}

/** A fresh folder for one test file's real files, removed when the file's tests end. */
export function temporaryFolder(): { dir: string; write: (name: string, content: string | Buffer) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-config-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write: (name, content) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
  };
}
