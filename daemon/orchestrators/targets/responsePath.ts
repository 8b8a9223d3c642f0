export type PathLookup =
  { readonly found: true; readonly value: unknown } | { readonly found: false; readonly missing: string };

/**
 * Follows a dot path such as "choices.0.message.content" into parsed JSON: numeric segments index arrays,
 * other segments name object fields (own fields only, so "constructor" finds nothing).
 */
export function valueAtPath(root: unknown, path: string): PathLookup {
  let current: unknown = root;
  const segments = path.split('.');
  for (const [index, segment] of segments.entries()) {
    const next = step(current, segment);
    if (next === undefined) return { found: false, missing: segments.slice(0, index + 1).join('.') };
    current = next.value;
  }
  return { found: true, value: current };
}

function step(current: unknown, segment: string): { value: unknown } | undefined {
  if (Array.isArray(current)) {
    if (!/^\d+$/.test(segment)) return undefined;
    const index = Number(segment);
    return index < current.length ? { value: current[index] } : undefined;
  }
  if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) {
    return { value: (current as Record<string, unknown>)[segment] };
  }
  return undefined;
}

/** The found value as response text: strings as they are, null as no answer, anything else as JSON. */
export function responseText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}
