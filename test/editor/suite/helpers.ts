import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ViolentUtfApi } from '../../../extension/extension';

export const EXTENSION_ID = 'violentutf.violentutf-orchestrators';

/** Activates the extension under test and waits for its daemon connection. */
export async function activeApi(): Promise<ViolentUtfApi> {
  const extension = vscode.extensions.getExtension<ViolentUtfApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.whenConnected(60_000);
  // The first activation opens the walkthrough; let it open before a test's own editors, so it never takes focus
  // from them mid-test.
  await within(api.walkthroughOpened, 30_000, 'the walkthrough check');
  return api;
}

export function stateDir(): string {
  const dir = process.env.VUTF_STATE_DIR;
  assert.ok(dir, 'the harness must set VUTF_STATE_DIR (tests never touch the real state dir)');
  return dir;
}

export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function eventually(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what} did not happen within ${ms} ms`);
}
