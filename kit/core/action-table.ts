// The machinery of a typed action table, knowing nothing of what a tool does: each action is declared once as
// its request schema (one parser per field) and its response type. The request types the client sends, the
// parsed request a handler receives, the server's validation and routing all derive from that declaration.
// The chat tool loads the table too (for a method per action, kit/client/action-client.ts) but never validates
// with it: the server parses every request.
import type { ApiResult } from './result';
import { fail, ok } from './result';

/**
 * One field of a request: untrusted value → typed value or the first problem. `now` is the server's clock, for
 * fields bounded by time (a deadline).
 */
export type Field<T> = (value: unknown, now: number) => ApiResult<T>;

/** A field the client may leave out; absent, the handler gets `fallback` (null unless another is given). */
export interface Optional<T, D = T | null> {
  readonly optional: Field<T>;
  readonly fallback: D;
}

export function optional<T>(field: Field<T>): Optional<T, null>;
export function optional<T>(field: Field<T>, fallback: T): Optional<T, T>;
export function optional<T>(field: Field<T>, fallback: T | null = null): Optional<T> {
  return { optional: field, fallback };
}

/**
 * A field that is itself a record of fields (for example everything a create form sends), with a rule across
 * them once each parsed; the client sends Sent<S>, the handler receives Parsed<S>.
 */
export interface Fields<S extends Schema> {
  readonly fields: S;
  // A method, so a record of particular fields still counts as a record of fields (parameters are bivariant).
  across(parsed: Parsed<S>): ApiResult<Parsed<S>>;
}

export const record = <S extends Schema>(
  fields: S,
  across: (parsed: Parsed<S>) => ApiResult<Parsed<S>> = ok,
): Fields<S> => ({ fields, across });

/** The response type of an action; a declaration only, it holds no value at run time. */
export interface Returns<T> {
  readonly response?: T;
}

export const returns = <T>(): Returns<T> => ({});

export interface Schema {
  [name: string]: Field<unknown> | Optional<unknown, unknown> | Fields<Schema>;
}

export interface ActionSpec {
  request: Schema;
  response: Returns<unknown>;
}

export type ActionTable = Record<string, ActionSpec>;

type SentType<F> =
  F extends Optional<infer T, unknown> ? T : F extends Fields<infer S> ? Sent<S> : F extends Field<infer T> ? T : never;
type ParsedType<F> =
  F extends Optional<infer T, infer D>
    ? T | D
    : F extends Fields<infer S>
      ? Parsed<S>
      : F extends Field<infer T>
        ? T
        : never;
type OptionalKeys<S> = { [K in keyof S]: S[K] extends Optional<unknown, unknown> ? K : never }[keyof S];

/** What the client sends for a schema: optional fields may be left out. */
export type Sent<S> = { [K in Exclude<keyof S, OptionalKeys<S>>]: SentType<S[K]> } & {
  [K in OptionalKeys<S>]?: SentType<S[K]>;
};

/** What a handler receives for a schema: every field present, a left-out optional one as its fallback. */
export type Parsed<S> = { [K in keyof S]: ParsedType<S[K]> };

export type RequestOf<T extends ActionTable, A extends keyof T> = Sent<T[A]['request']>;
export type ParsedOf<T extends ActionTable, A extends keyof T> = Parsed<T[A]['request']>;
export type ResponseOf<T extends ActionTable, A extends keyof T> =
  T[A]['response'] extends Returns<infer R> ? R : never;

/** One handler per action, each answering its own response type; `C` is what the router passes with a request. */
export type Handlers<T extends ActionTable, C> = {
  [A in keyof T]: (request: ParsedOf<T, A>, context: C) => Promise<ApiResult<ResponseOf<T, A>>>;
};

/** Characters of client input an error message may quote: enough to recognise it, never the whole of it. */
export const QUOTE_MAX = 40;

/** A short prefix of client input for an error message (whole characters; '…' when cut). */
export function quote(text: string): string {
  const characters = Array.from(text.slice(0, QUOTE_MAX * 2))
    .slice(0, QUOTE_MAX)
    .join('');
  return characters.length < text.length ? `${characters}…` : characters;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields that would claim an identity; the server derives all of them itself and refuses them in any request. */
export const IDENTITY_FIELDS = [
  'userId',
  'memberId',
  'openid',
  'groupOpenid',
  'group_openid',
  'room',
  'roomId',
  'opengid',
  'creator',
  'OPENID',
];

/** The first field of `fields` outside `allowed` as a refusal, naming identity claims as such. */
export function unexpectedField(fields: Record<string, unknown>, allowed: readonly string[]): ApiResult<null> {
  for (const key of Object.keys(fields)) {
    if (allowed.includes(key)) continue;
    if (IDENTITY_FIELDS.includes(key)) {
      return fail('INVALID_REQUEST', `'${key}' may not be sent: the server derives identity and room itself`);
    }
    return fail('INVALID_REQUEST', `unexpected field '${quote(key)}'`);
  }
  return ok(null);
}

/** The fields of `value` that `schema` declares, each parsed in declaration order; the first problem wins. */
export function parseFields<S extends Schema>(
  schema: S,
  value: Record<string, unknown>,
  now: number,
): ApiResult<Parsed<S>> {
  const parsed: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema)) {
    const result =
      typeof field === 'function'
        ? field(value[name], now)
        : 'optional' in field
          ? value[name] === undefined
            ? ok(field.fallback)
            : field.optional(value[name], now)
          : parseRecord(field, name, value[name], now);
    if (!result.ok) return result;
    parsed[name] = result.data;
  }
  // Each declared field was parsed by its own parser above, so the record has exactly the shape of Parsed<S>.
  return ok(parsed as Parsed<S>);
}

/** A record field: an object with only its declared fields, each parsed, then the rule across them. */
function parseRecord<S extends Schema>(
  { fields, across }: Fields<S>,
  name: string,
  value: unknown,
  now: number,
): ApiResult<Parsed<S>> {
  if (!isRecord(value)) return fail('INVALID_REQUEST', `${name} must be an object`);
  const extra = unexpectedField(value, Object.keys(fields));
  if (!extra.ok) return extra;
  const parsed = parseFields(fields, value, now);
  return parsed.ok ? across(parsed.data) : parsed;
}

/** A request the table accepted: its action and its parsed fields. */
export interface Accepted<T extends ActionTable, A extends keyof T & string = keyof T & string> {
  action: A;
  request: ParsedOf<T, A>;
}

/**
 * Untrusted event → an accepted request: the action must be declared, the event may carry only the action's
 * declared fields (never an identity), and each field must parse.
 */
export function parseRequest<T extends ActionTable>(table: T, event: unknown, now: number): ApiResult<Accepted<T>> {
  if (!isRecord(event)) return fail('INVALID_REQUEST', 'the request must be an object');
  const { action, ...fields } = event;
  if (typeof action !== 'string') return fail('INVALID_REQUEST', 'action is missing');
  if (!isActionOf(table, action)) return fail('UNKNOWN_ACTION', `unknown action '${quote(action)}'`);
  return parseAction(table, action, fields, now);
}

const isActionOf = <T extends ActionTable>(table: T, name: string): name is keyof T & string =>
  Object.prototype.hasOwnProperty.call(table, name);

function parseAction<T extends ActionTable, A extends keyof T & string>(
  table: T,
  action: A,
  fields: Record<string, unknown>,
  now: number,
): ApiResult<Accepted<T, A>> {
  const schema = table[action].request;
  const extra = unexpectedField(fields, Object.keys(schema));
  if (!extra.ok) return extra;
  const request = parseFields(schema, fields, now);
  return request.ok ? ok({ action, request: request.data }) : request;
}

/** One untrusted event → its action's handler, with `context` (what the server knows of the caller) as is. */
export async function route<T extends ActionTable, C>(
  table: T,
  handlers: Handlers<T, C>,
  event: unknown,
  now: number,
  context: C,
): Promise<ApiResult<unknown>> {
  const accepted = parseRequest(table, event, now);
  if (!accepted.ok) return accepted;
  return handle(handlers, accepted.data, context);
}

const handle = <T extends ActionTable, C, A extends keyof T & string>(
  handlers: Handlers<T, C>,
  { action, request }: Accepted<T, A>,
  context: C,
): Promise<ApiResult<ResponseOf<T, A>>> => handlers[action](request, context);
