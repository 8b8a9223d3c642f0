type JsonSchema = Record<string, unknown>;

/** Subtrees shorter than this stay inline: a `$ref` to them would save little and cost the reader a jump. */
const MIN_SHARED_LENGTH = 400;

/** Keywords whose value is one schema, and those whose value is an array of schemas or a map of them. */
const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

type Position = 'schema' | 'list' | 'map' | 'value';

/** What the value under `key` is, given what its parent is: only schemas may become a `$ref`. */
function childPosition(parent: Position, key: string): Position {
  if (parent === 'list' || parent === 'map') return 'schema';
  if (parent !== 'schema') return 'value';
  if (SCHEMA_KEYWORDS.has(key)) return 'schema';
  if (SCHEMA_LISTS.has(key)) return 'list';
  if (SCHEMA_MAPS.has(key)) return 'map';
  return 'value';
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Occurrence {
  text: string;
  /** JSON keys from the root to the first place the subtree appears, for naming its definition. */
  path: readonly string[];
  count: number;
}

/**
 * Every orchestrator type repeats the same target, converter and scorer unions, so the generated schema held each
 * of them a dozen times (3.9 MB, slow for the editor to load and validate with). This moves every subtree that
 * appears more than once, largest first, into `$defs` and points each use at it. It runs after the unions were
 * rewritten as `if`/`then` (configJsonSchema.ts) because that rewrite needs the unions in place; zod's own
 * `reused: 'ref'` replaces them with `$ref`s before it can. Deterministic: the same input gives the same output.
 */
export function withSharedDefinitions(root: JsonSchema): JsonSchema {
  const existing = isSchema(root.$defs) ? { ...root.$defs } : {};
  const { $defs: _defs, ...body } = root;
  let tree: JsonSchema = body;
  let definitions: JsonSchema = existing;
  for (;;) {
    const shared = largestRepeated({ ...tree, $defs: definitions });
    if (!shared) break;
    const subtree = JSON.parse(shared.text) as JsonSchema;
    const name = uniqueName(nameOf(subtree, shared.path), definitions);
    const ref = `#/$defs/${name}`;
    tree = replaceAll(tree, shared.text, ref, 'schema') as JsonSchema;
    definitions = replaceAll(definitions, shared.text, ref, 'map') as JsonSchema;
    definitions = { ...definitions, [name]: subtree };
  }
  return Object.keys(definitions).length > 0 ? withDefsFirst(tree, definitions) : tree;
}

/** `$schema`, `title` and `description` stay on top, then `$defs`, as zod writes it. */
function withDefsFirst(tree: JsonSchema, definitions: JsonSchema): JsonSchema {
  const head = Object.entries(tree).filter(([key]) => ['$schema', 'title', 'description'].includes(key));
  const rest = Object.entries(tree).filter(([key]) => !['$schema', 'title', 'description'].includes(key));
  return Object.fromEntries([...head, ['$defs', definitions], ...rest]);
}

/** Each node's compact JSON, kept across rounds: a round rebuilds only the nodes on the paths it changed. */
const texts = new WeakMap<object, string>();

function textOf(node: unknown): string {
  if (typeof node !== 'object' || node === null) return JSON.stringify(node);
  const cached = texts.get(node);
  if (cached !== undefined) return cached;
  const text = Array.isArray(node)
    ? `[${node.map(textOf).join(',')}]`
    : `{${Object.entries(node)
        .map(([key, value]) => `${JSON.stringify(key)}:${textOf(value)}`)
        .join(',')}}`;
  texts.set(node, text);
  return text;
}

function largestRepeated(root: JsonSchema): Occurrence | undefined {
  const seen = new Map<string, Occurrence>();
  const path: string[] = [];
  const visit = (node: unknown, position: Position, isDefinition: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    const text = textOf(node);
    // Nothing below a short node is long enough to share.
    if (text.length < MIN_SHARED_LENGTH) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        path.push(String(index));
        visit(item, position === 'list' ? 'schema' : 'value', false);
        path.pop();
      });
      return;
    }
    // A definition's own body is where the shared copy lives, not a use of it.
    if (position === 'schema' && !isDefinition) {
      const occurrence = seen.get(text);
      if (occurrence) occurrence.count++;
      else seen.set(text, { text, path: [...path], count: 1 });
    }
    const definitions = position === 'map' && path.length === 1 && path[0] === '$defs';
    for (const [key, value] of Object.entries(node)) {
      path.push(key);
      visit(value, childPosition(position, key), definitions);
      path.pop();
    }
  };
  visit(root, 'schema', false);
  let best: Occurrence | undefined;
  for (const occurrence of seen.values()) {
    if (occurrence.count < 2) continue;
    if (!best || occurrence.text.length > best.text.length) best = occurrence;
  }
  return best;
}

/** Replaces every schema whose JSON is `text` with a `$ref`; unchanged subtrees keep their identity (and text). */
function replaceAll(node: unknown, text: string, ref: string, position: Position): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    const items = node.map((item) => replaceAll(item, text, ref, position === 'list' ? 'schema' : 'value'));
    return items.every((item, index) => item === node[index]) ? node : items;
  }
  if (position === 'schema' && textOf(node) === text) return { $ref: ref };
  if (!textOf(node).includes(text)) return node;
  let changed = false;
  const entries = Object.entries(node).map(([key, value]): [string, unknown] => {
    const replaced = replaceAll(value, text, ref, childPosition(position, key));
    if (replaced !== value) changed = true;
    return [key, replaced];
  });
  return changed ? Object.fromEntries(entries) : node;
}

/**
 * A readable name: a union member by the `type` it fixes (`caesar`, `openai_chat`), anything else by where it first
 * appears (`objective_target`, `prompt_converters_item`).
 */
function nameOf(subtree: JsonSchema, path: readonly string[]): string {
  const member = isSchema(subtree.then) ? subtree.then : subtree;
  const properties = isSchema(member.properties) ? member.properties : {};
  const fixed = isSchema(properties.type) ? properties.type.const : undefined;
  if (typeof fixed === 'string') return fixed;
  const meaningful = path.filter(
    (key) => !['properties', 'allOf', 'anyOf', 'oneOf', 'then', 'if', '$defs'].includes(key) && !/^\d+$/.test(key),
  );
  const last = meaningful.at(-1) ?? 'shared';
  return last === 'items' ? `${meaningful.at(-2) ?? 'shared'}_item` : last;
}

function uniqueName(base: string, taken: JsonSchema): string {
  let name = base;
  for (let n = 2; name in taken; n++) name = `${base}_${n}`;
  return name;
}
