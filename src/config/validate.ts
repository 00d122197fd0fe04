/**
 * The few schema combinators config.json needs: plain functions and objects, as the schemas are
 * made at module load, before the config is even fetched, on every cold start.
 *
 * How far a check goes once something is wrong decides which problems one look at a file shows:
 * - a value of the wrong type, or not the literal, is a hard problem: no `refine` of the enclosing
 *   values runs, as it would read the wrong type;
 * - a value of the right type failing a check, and unknown keys, are soft: enclosing refinements
 *   still run, so a threshold above 1 and the thresholds' order are reported together;
 * - a `transform` runs only when the value's only problems are unknown keys; when it does not run,
 *   the value counts as hard for unions and refinements (they would read the untransformed value).
 */

export interface Issue {
  /** "type": not this kind of value at all; "check": the right kind, failing a check. */
  readonly kind: 'type' | 'check' | 'unknown-keys' | 'union';
  readonly path: readonly PropertyKey[];
  /** "expected ..."; errors.ts adds the path and the bad value. */
  readonly message: string;
  /** The bad value; undefined when it is missing. */
  readonly input?: unknown;
  readonly keys?: readonly string[];
  /** Each alternative's issues, for errors.ts to pick the one the value was meant as. */
  readonly alternatives?: readonly (readonly Issue[])[];
  /** false: the value would not help (a whole map, a field that should not be there). */
  readonly showValue?: boolean;
}

export interface Result<T> {
  /**
   * With soft issues, the value as far as it got: the types are right, a skipped transform's
   * output is the input it did not transform. Parents keep it, so their refinements can look.
   */
  readonly value: T;
  readonly issues: readonly Issue[];
  /** A transform did not run. */
  readonly stopped?: boolean;
}

export interface Schema<T> {
  readonly run: (input: unknown) => Result<T>;
}

/** A field that may be left out. */
export interface Optional<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export type Output<S> = S extends Schema<infer T> ? T : never;

type Shape = Readonly<Record<string, Schema<unknown>>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
export type ShapeOutput<S extends Shape> = { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & {
  -readonly [K in OptionalKeys<S>]?: Output<S[K]>;
};

export type Report = (issue: {
  readonly message: string;
  /** Relative to the refined value; default: the value itself. */
  readonly path?: readonly PropertyKey[];
  /** Default: the refined value. */
  readonly input?: unknown;
  readonly showValue?: boolean;
}) => void;

function ok<T>(value: T): Result<T> {
  return { value, issues: [] };
}

function wrongType<T>(input: unknown, expected: string): Result<T> {
  return { value: input as T, issues: [{ kind: 'type', path: [], message: expected, input }] };
}

function isHard(result: Result<unknown>): boolean {
  return result.stopped === true || result.issues.some((i) => i.kind === 'type' || i.kind === 'union');
}

function within(key: PropertyKey, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: [key, ...i.path] }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function string(expected: string): Schema<string> {
  return { run: (input) => (typeof input === 'string' ? ok(input) : wrongType(input, expected)) };
}

/** NaN and the infinities are not numbers here: JSON has neither. */
export function number(expected: string): Schema<number> {
  return { run: (input) => (typeof input === 'number' && Number.isFinite(input) ? ok(input) : wrongType(input, expected)) };
}

export function boolean(expected: string): Schema<boolean> {
  return { run: (input) => (typeof input === 'boolean' ? ok(input) : wrongType(input, expected)) };
}

export function literal<const L extends string>(value: L, expected: string): Schema<L> {
  return { run: (input) => (input === value ? ok(value) : wrongType(input, expected)) };
}

export function optional<T>(schema: Schema<T>): Optional<T> {
  return { optional: true, run: (input) => (input === undefined ? ok(undefined) : schema.run(input)) };
}

/** An object with exactly these fields: any other key is reported (a typo, usually). */
export function strictObject<S extends Shape>(shape: S, expected: string): Schema<ShapeOutput<S>> & { readonly shape: S } {
  const keys = Object.keys(shape);
  return {
    shape,
    run(input) {
      if (!isObject(input)) return wrongType(input, expected);
      const value: Record<string, unknown> = {};
      const issues: Issue[] = [];
      for (const key of keys) {
        const field = shape[key] as Schema<unknown>;
        const present = key in input;
        // A required field runs on `undefined`, so its own message says what is missing.
        if (!present && 'optional' in field) continue;
        const result = field.run(input[key]);
        issues.push(...within(key, result.issues));
        if (present) value[key] = result.value;
      }
      const unknown: string[] = [];
      for (const key in input) if (!keys.includes(key)) unknown.push(key);
      if (unknown.length > 0) issues.push({ kind: 'unknown-keys', path: [], message: expected, input, keys: unknown });
      return { value: value as ShapeOutput<S>, issues };
    },
  };
}

/** Names -> values, any names. */
export function record<T>(item: Schema<T>, expected: string): Schema<Record<string, T>> {
  return {
    run(input) {
      if (!isObject(input)) return wrongType(input, expected);
      const value: Record<string, T> = {};
      const issues: Issue[] = [];
      for (const key of Object.keys(input)) {
        // Assigning it would set the result's prototype; it is no name anyone means.
        if (key === '__proto__') continue;
        const result = item.run(input[key]);
        issues.push(...within(key, result.issues));
        value[key] = result.value;
      }
      return { value, issues };
    },
  };
}

export function array<T>(item: Schema<T>, expected: string, min?: { readonly count: number; readonly message: string }): Schema<T[]> {
  return {
    run(input) {
      if (!Array.isArray(input)) return wrongType(input, expected);
      const value: T[] = [];
      const issues: Issue[] = [];
      for (let i = 0; i < input.length; i++) {
        const result = item.run(input[i]);
        issues.push(...within(i, result.issues));
        value.push(result.value);
      }
      if (min !== undefined && input.length < min.count) issues.push({ kind: 'check', path: [], message: min.message, input });
      return { value, issues };
    },
  };
}

/**
 * The first alternative that accepts the value. Otherwise, when exactly one alternative got past
 * the type checks, its problems are the value's; else all of them go to errors.ts to choose from.
 */
export function union<const O extends readonly Schema<unknown>[]>(options: O, expected: string): Schema<Output<O[number]>> {
  return {
    run(input) {
      const results: Result<unknown>[] = [];
      for (const option of options) {
        const result = option.run(input);
        if (result.issues.length === 0) return result as Result<Output<O[number]>>;
        results.push(result);
      }
      const soft = results.filter((r) => !isHard(r));
      if (soft.length === 1) return soft[0] as Result<Output<O[number]>>;
      const alternatives = results.map((r) => r.issues);
      return { value: input as Output<O[number]>, issues: [{ kind: 'union', path: [], message: expected, input, alternatives }] };
    },
  };
}

/** Checks of a whole value (one field against another, say); they report soft issues. */
export function refine<T>(schema: Schema<T>, test: (value: T, report: Report) => void): Schema<T> {
  return {
    run(input) {
      const result = schema.run(input);
      if (isHard(result)) return result;
      const issues = [...result.issues];
      test(result.value, (issue) => {
        issues.push({
          kind: 'check',
          path: issue.path ?? [],
          message: issue.message,
          input: 'input' in issue ? issue.input : result.value,
          showValue: issue.showValue,
        });
      });
      return { value: result.value, issues };
    },
  };
}

export function transform<T, U>(schema: Schema<T>, change: (value: T) => U): Schema<U> {
  return {
    run(input) {
      const result = schema.run(input);
      // Unknown keys say nothing against the fields that are there.
      if (result.issues.some((i) => i.kind !== 'unknown-keys')) return { value: result.value as unknown as U, issues: result.issues, stopped: true };
      return { value: change(result.value), issues: result.issues };
    },
  };
}

/** Adds `parse`, for code that only passes values known to be good (fixtures): it throws otherwise. */
export function withParse<T>(schema: Schema<T>): Schema<T> & { readonly parse: (input: unknown) => T } {
  return {
    run: schema.run,
    parse(input) {
      const { value, issues } = schema.run(input);
      if (issues.length > 0) throw new Error(issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('\n'));
      return value;
    },
  };
}
