import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH } from './requirement';

/**
 * Debian's Chromium, headless, with a fresh profile in `profileDir`: the flags this machine needs (as root, no GPU,
 * and none of Chromium's own network traffic, which the closed network would refuse many times a start).
 */
export function launchHeadlessChromium(
  profileDir: string,
  viewport?: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...(viewport === undefined ? {} : { viewport }),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    timeout: 60_000,
  });
}
