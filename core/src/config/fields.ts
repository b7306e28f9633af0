import { PermaNetError, messageOf } from '../errors/permanet-error.ts';
// Small validators shared by every configuration the project reads (the relay's p2p_config.yaml,
// the app's runtime config, the deployments file): each bad field gets its own message with its
// path, and all of them are reported at once.

export class ConfigError extends PermaNetError {
  override name = 'ConfigError';
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super(`Invalid ${source}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.issues = issues;
  }
}

/** Collects the issues of one configuration while its fields are read. */
export class FieldReader {
  readonly issues: string[] = [];
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  fail(path: string, message: string): void {
    this.issues.push(`${path}: ${message}`);
  }

  /** Throws a ConfigError naming every issue found so far. */
  done(): void {
    if (this.issues.length > 0) throw new ConfigError(this.source, this.issues);
  }

  /** Parses JSON text; malformed JSON is reported at once (nothing else can be read from it). */
  json(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      this.fail('(json)', messageOf(error));
      this.done();
    }
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `must be a mapping, got ${describe(value)}`);
      return {};
    }
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: string, fallback?: string): string {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(path, `must be a non-empty string, got ${describe(value)}`);
      return fallback ?? '';
    }
    return value;
  }

  integer(value: unknown, path: string, range: { min: number; max: number }, fallback?: number): number {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
      this.fail(path, `must be an integer from ${range.min} to ${range.max}, got ${describe(value)}`);
      return fallback ?? range.min;
    }
    return value;
  }

  boolean(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(path, `must be true or false, got ${describe(value)}`);
      return fallback;
    }
    return value;
  }

  stringArray(value: unknown, path: string, fallback: string[] = []): string[] {
    if (value === undefined) return fallback;
    if (!Array.isArray(value)) {
      this.fail(path, `must be a list of strings, got ${describe(value)}`);
      return fallback;
    }
    return value.map((item, i) => this.string(item, `${path}[${i}]`));
  }

  oneOf<T extends string>(value: unknown, path: string, choices: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      this.fail(path, `must be one of ${choices.join(', ')}, got ${describe(value)}`);
      return fallback;
    }
    return value as T;
  }

  /** Reports keys the schema does not know, which are usually typos. */
  noExtraKeys(value: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.fail(path ? `${path}.${key}` : key, `unknown field (known: ${known.join(', ')})`);
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return typeof value === 'object' ? 'a mapping' : String(value);
}
