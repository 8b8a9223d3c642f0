/**
 * The memory's queries are written once, in DuckDB's SQL. PostgreSQL runs them after two kinds of help: a few
 * DuckDB functions defined in the user's schema with DuckDB's meaning (COMPAT_FUNCTIONS), and a rewrite of the
 * two constructs a function cannot stand in for (translate): `TRY_CAST(x AS INTEGER)` and list literals `['a']`.
 * String literals and quoted names are never touched. Rewrites are cached per statement text (queries are
 * built from a handful of templates).
 */

const cache = new Map<string, string>();
const CACHE_LIMIT = 2048;

export function translate(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  const translated = rewrite(sql);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, translated);
  return translated;
}

/** The end (exclusive) of the quoted run starting at `start` ('…' or "…", a doubled quote escapes). */
function quotedEnd(sql: string, start: number): number {
  const quote = sql[start];
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else index++;
  }
  return sql.length;
}

/** Index of the parenthesis closing the one at `open`, skipping quoted runs. */
function closingParen(sql: string, open: number): number {
  let depth = 0;
  for (let index = open; index < sql.length;) {
    const char = sql[index];
    if (char === "'" || char === '"') {
      index = quotedEnd(sql, index);
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index;
    index++;
  }
  throw new Error(`unbalanced parentheses in ${sql.slice(open, open + 80)}`);
}

/** The last ` AS ` at depth 0 of `inner`, outside quotes. */
function lastTopLevelAs(inner: string): number {
  let depth = 0;
  let found = -1;
  for (let index = 0; index < inner.length;) {
    const char = inner[index];
    if (char === "'" || char === '"') {
      index = quotedEnd(inner, index);
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && /^\sAS\s/i.test(inner.slice(index, index + 4))) found = index;
    index++;
  }
  return found;
}

const TRY_CAST = /^TRY_CAST\s*\(/i;

function rewrite(sql: string): string {
  let out = '';
  for (let index = 0; index < sql.length;) {
    const char = sql[index];
    if (char === "'" || char === '"') {
      const end = quotedEnd(sql, index);
      out += sql.slice(index, end);
      index = end;
      continue;
    }
    const rest = sql.slice(index, index + 10);
    if (TRY_CAST.test(rest) && !/\w/.test(sql[index - 1] ?? '')) {
      const open = sql.indexOf('(', index);
      const close = closingParen(sql, open);
      const inner = sql.slice(open + 1, close);
      const at = lastTopLevelAs(inner);
      const type = inner
        .slice(at + 4)
        .trim()
        .toUpperCase();
      if (at < 0 || type !== 'INTEGER') throw new Error(`TRY_CAST to ${type} has no PostgreSQL rewrite`);
      out += `vutf_try_int((${rewrite(inner.slice(0, at))})::text)`;
      index = close + 1;
      continue;
    }
    // A list literal: `[` opening a value (not a subscript after a name, `)` or `]`, nor a type's `[]`).
    if (char === '[' && startsValue(out)) {
      out += sql[index + 1] === ']' ? 'ARRAY[]::text[' : 'ARRAY[';
      index++;
      continue;
    }
    out += char;
    index++;
  }
  return out;
}

const VALUE_KEYWORDS = /\b(THEN|ELSE|WHEN|SELECT|AND|OR|NOT|IN|RETURN)$/i;

/** Whether a `[` here opens a value: after an operator or `(`/`,`, or a keyword, not after a name or `)`. */
function startsValue(out: string): boolean {
  const trimmed = out.trimEnd();
  const last = trimmed[trimmed.length - 1] ?? '';
  if (!/[\w\])"]/.test(last)) return true;
  return VALUE_KEYWORDS.test(trimmed);
}

/**
 * DuckDB's functions the queries use, with DuckDB's results, created in every user schema (so a role that owns
 * only its schema can create them too). JSON paths are DuckDB's `$.a.b` / `$[0]`, which are also SQL/JSON paths.
 */
export const COMPAT_FUNCTIONS: readonly string[] = [
  `CREATE OR REPLACE FUNCTION vutf_try_int(value text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
   BEGIN RETURN value::integer; EXCEPTION WHEN others THEN RETURN NULL; END $$`,
  `CREATE OR REPLACE FUNCTION list_contains(list anyarray, value anyelement) RETURNS boolean LANGUAGE sql IMMUTABLE AS
   $$ SELECT value = ANY(list) $$`,
  `CREATE OR REPLACE FUNCTION json_extract(value jsonb, path text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
   $$ SELECT jsonb_path_query_first(value, path::jsonpath) $$`,
  `CREATE OR REPLACE FUNCTION json_extract_string(value jsonb, path text) RETURNS text LANGUAGE sql IMMUTABLE AS
   $$ SELECT jsonb_path_query_first(value, path::jsonpath) #>> '{}' $$`,
  `CREATE OR REPLACE FUNCTION json_array_length(value jsonb, path text) RETURNS integer LANGUAGE sql IMMUTABLE AS
   $$ SELECT CASE WHEN jsonb_typeof(jsonb_path_query_first(value, path::jsonpath)) = 'array'
     THEN jsonb_array_length(jsonb_path_query_first(value, path::jsonpath)) ELSE 0 END $$`,
  `CREATE OR REPLACE FUNCTION from_json(value jsonb, shape text) RETURNS text[] LANGUAGE sql IMMUTABLE AS
   $$ SELECT CASE WHEN jsonb_typeof(value) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(value)) END $$`,
  `CREATE OR REPLACE FUNCTION from_json(value text, shape text) RETURNS text[] LANGUAGE sql IMMUTABLE AS
   $$ SELECT from_json(value::jsonb, shape) $$`,
  `CREATE OR REPLACE FUNCTION len(list anyarray) RETURNS integer LANGUAGE sql IMMUTABLE AS
   $$ SELECT coalesce(cardinality(list), 0) $$`,
  `CREATE OR REPLACE FUNCTION strlen(value text) RETURNS bigint LANGUAGE sql IMMUTABLE AS
   $$ SELECT octet_length(value)::bigint $$`,
  `CREATE OR REPLACE FUNCTION contains(haystack text, needle text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
   $$ SELECT strpos(haystack, needle) > 0 $$`,
  `CREATE OR REPLACE FUNCTION vutf_first_value(state anyelement, value anyelement) RETURNS anyelement
   LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(state, value) $$`,
  // PostgreSQL 16 has any_value in pg_catalog (found first, same meaning); 15 does not.
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'any_value' AND pronamespace IN
       ('pg_catalog'::regnamespace, current_schema()::regnamespace)) THEN
       CREATE AGGREGATE any_value(anyelement) (SFUNC = vutf_first_value, STYPE = anyelement);
     END IF;
   END $$`,
];
