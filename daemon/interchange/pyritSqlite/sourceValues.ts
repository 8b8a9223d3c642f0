import type { JsonObject, JsonValue } from '../../../domain/json';
import { localTimestampMicros } from '../../memory/timestamps';

/** Pure readings of the values PyRIT stores as text: JSON columns, identifiers, timestamps. */

export function parseJson(text: string | null): JsonValue | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

export function isJsonObject(value: JsonValue | null | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonObject(text: string | null): JsonObject {
  const parsed = parseJson(text);
  return isJsonObject(parsed) ? parsed : {};
}

export function stringList(text: string | null): string[] {
  const parsed = parseJson(text);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** PyRIT labels are str → str; anything else in the JSON is left out. */
export function labelsOf(text: string | null): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(jsonObject(text))) if (typeof value === 'string') labels[key] = value;
  return labels;
}

/** Same keys in the same order, so two spellings of one identifier group together. */
export function canonicalJson(value: JsonValue | null): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** PyRIT 1.x's composite identifiers wrap the attack: the class a person knows the run by is inside. */
const WRAPPER_CLASSES: ReadonlySet<string> = new Set(['AtomicAttack', 'AttackTechnique']);

/**
 * The class an identifier names. PyRIT ≤ 0.13 writes `__type__`; 1.x's component identifiers write `class_name`
 * and nest children under `children`: an atomic attack holds `attack_technique`, which holds `attack`.
 */
export function identifierType(value: JsonValue | null, depth = 0): string | null {
  if (!isJsonObject(value) || depth > 4) return null;
  let own: string | null = null;
  for (const key of ['__type__', 'class_name']) {
    const named = value[key];
    if (typeof named === 'string') {
      own = named;
      break;
    }
  }
  if (own !== null && !WRAPPER_CLASSES.has(own)) return own;
  const children = isJsonObject(value.children ?? null) ? (value.children as JsonObject) : value;
  for (const key of ['attack', 'attack_technique']) {
    const nested = identifierType(children[key] ?? null, depth + 1);
    if (nested !== null) return nested;
  }
  return own;
}

/** Parts of a 1.x identifier that differ per objective (its seeds and the hashes over them), not per attack. */
const PER_OBJECTIVE_KEYS: ReadonlySet<string> = new Set(['seed_identifiers', 'hash', 'eval_hash']);

/** The identifier with its per-objective parts left out: what tells one attack from another. */
export function attackIdentity(value: JsonValue | null): JsonValue | null {
  if (Array.isArray(value)) return value.map(attackIdentity);
  if (!isJsonObject(value)) return value;
  const identity: JsonObject = {};
  for (const [key, item] of Object.entries(value))
    if (!PER_OBJECTIVE_KEYS.has(key)) identity[key] = attackIdentity(item);
  return identity;
}

/** An identifier as our views read it: `__type__` and `__module__` set whichever spelling the source used. */
export function withPyritTypeKeys(value: JsonValue | null, fallbackType: string): JsonObject {
  const fields: JsonObject = isJsonObject(value) ? { ...value } : {};
  if (typeof fields.__type__ !== 'string') fields.__type__ = identifierType(value) ?? fallbackType;
  if (typeof fields.__module__ !== 'string')
    fields.__module__ = typeof fields.class_module === 'string' ? fields.class_module : '';
  return fields;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A stored DATETIME as naive wall-clock microseconds, the way our PyRIT columns hold time. Text with an offset
 * (an instant) is turned into this machine's wall clock; naive text is kept as written.
 */
export function wallClockMicros(text: string): bigint {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return 0n;
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  const micros = BigInt(Number(fraction.padEnd(6, '0').slice(0, 6)));
  const naiveMs = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  if (offset === undefined) return BigInt(naiveMs) * 1000n + micros;
  const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
  const digits = offset.replace(/[^0-9]/g, '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  const instant = new Date(naiveMs - offsetMinutes * 60_000);
  return localTimestampMicros(instant) + micros;
}

/** Naive wall-clock microseconds → the instant they are on this machine's clock (for our UTC columns). */
export function instantOfWallClock(micros: bigint): Date {
  const wallMs = Number(micros / 1000n);
  const probe = new Date(wallMs);
  return new Date(wallMs + probe.getTimezoneOffset() * 60_000);
}

/** SQLAlchemy's SQLite DATETIME text: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function sqliteDateTime(micros: bigint): string {
  const date = new Date(Number(micros / 1000n));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const fraction = pad(Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n), 6);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${fraction}`;
}
