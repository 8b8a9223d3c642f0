/** One step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `$.parameters.prompt_converters[1].caesar_offset`: the JSONPath spelling people know from jq and kubectl, so
 * an error message can be read without knowing how we walk the document. Odd keys are bracket-quoted.
 */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (identifier.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** Zod paths may hold symbols in theory; JSON has none, so they are spelled out rather than lost. */
export function toPathSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What sits at `segments` inside `root`; `present` tells a missing key from one set to undefined. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): { present: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) {
      current = current[segment];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { present: false, value: undefined };
    }
  }
  return { present: true, value: current };
}
