/**
 * Serializes a JSON value with object keys sorted at every depth, so that two configs which differ only in key
 * order serialize — and therefore hash — the same. Keys are ordered by UTF-16 code units and numbers and strings
 * are written as `JSON.stringify` writes them, which is the RFC 8785 (JCS) canonical form.
 *
 * Properties whose value is `undefined` are left out, as `JSON.stringify` does: a validated config with an
 * optional field left unset must pool with the same config written without that field.
 */
export function canonicalJson(value: unknown): string {
  const serialized = serialize(value, []);
  if (serialized === undefined) {
    throw new TypeError('canonicalJson: the value itself must be JSON, not undefined, a function or a symbol.');
  }
  return serialized;
}

function serialize(value: unknown, ancestors: object[]): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: ${value} has no JSON form; configs must hold finite numbers.`);
      }
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON form.');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      return serializeObject(value, ancestors);
  }
}

function serializeObject(value: object, ancestors: object[]): string | undefined {
  if (ancestors.includes(value)) {
    throw new TypeError('canonicalJson: the value contains a cycle.');
  }
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    // Dates and similar values hash by their JSON form, as they would be stored.
    return serialize((withToJson.toJSON as () => unknown).call(value), ancestors);
  }
  const inner = [...ancestors, value];
  if (Array.isArray(value)) {
    // Array holes and non-JSON members become null, as in JSON.stringify, so positions keep their meaning.
    return `[${value.map((member: unknown) => serialize(member, inner) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = serialize((value as Record<string, unknown>)[key], inner);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
