/**
 * A small leveled logger to stderr (the daemon's log file when detached). Never pass it tokens, secrets or
 * API keys: nothing here redacts, so the rule is at the call sites. Control characters, on the other hand, are
 * escaped here, in the one place every record passes: messages carry callers' text (client and user names,
 * request targets, Host headers), and a newline in one would forge a record, an escape sequence would drive the
 * terminal of whoever tails the log. A record is always exactly one line; multi-line text (a stack) shows `\n`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  log(level: LogLevel, message: string): void;
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 controls, DEL, C1 controls (U+0085 is a newline to some readers), the line and paragraph separators, and the
 * bidi overrides and isolates that can make a line read differently from what it holds.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Every unsafe character as a visible escape (`\n`, `\u001b`), so the record stays one line and shows what came. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    UNSAFE,
    (char) => NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function createLogger(
  minimum: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: LogLevel, message: string): void => {
    if (ORDER[level] < ORDER[minimum]) return;
    write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${escapeControlCharacters(message)}\n`);
  };
  return {
    log,
    debug: (message) => log('debug', message),
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message) => log('error', message),
  };
}

/**
 * A timer or event callback that cannot end the daemon: a throw, or the rejection of a promise it returns, is
 * logged as an error. An uncaught exception in a callback exits the process and interrupts every user's run (at
 * the descriptor limit even `process.memoryUsage.rss()` throws), so every timer in the daemon goes through here.
 */
export function guarded(log: Logger, what: string, callback: () => unknown): () => void {
  const report = (error: unknown): void => {
    try {
      log.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // Not even the log could be written; staying up matters more than the record.
    }
  };
  return () => {
    try {
      const result = callback();
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  };
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}
