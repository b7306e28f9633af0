// A relay setting is declared once, in the folder of the service it configures: its YAML key, its
// default, its range, what it means, and the command-line flag that overrides it. From those
// declarations come the config's validation (one message per bad field), the CLI's flags and its
// --help (cli-flags.ts), and the documented p2p_config.yaml (config-yaml.ts).
import { resolve } from 'node:path';
import type { FieldReader } from '@permanet/core/config/fields';

/** How a command-line flag sets a setting's YAML value (flags are applied before validation). */
export interface Flag {
  /** Without the leading dashes. */
  name: string;
  /** What the value is called in --help; none for a switch. */
  arg?: string;
  /** The --help text, when it is not the setting's own. */
  doc?: string;
  /** The YAML value a flag's text stands for (a path resolves against the working directory). */
  parse?: (text: string) => unknown;
  /** The value a switch sets. */
  sets?: unknown;
  /** A repeated flag: the file's list is replaced, or (appends) added to. */
  multiple?: boolean;
  appends?: boolean;
  /** Other settings of the same section that the flag sets too. */
  also?: Record<string, unknown>;
}

interface Reading {
  reader: FieldReader;
  path: string;
  /** The folder relative paths resolve against: the config file's. */
  baseDir: string;
}

export interface Setting<T> {
  readonly kind: 'setting';
  key: string;
  doc: string;
  /** The YAML value taken when the field is absent (shown in p2p_config.yaml); undefined: none. */
  default: unknown;
  /** The value p2p_config.yaml shows, when it is not the default. */
  example?: unknown;
  flag?: Flag;
  read(value: unknown, reading: Reading): T;
}

export interface Section<S extends Settings = Settings> {
  readonly kind: 'section';
  key: string;
  doc?: string;
  settings: S;
  /** Checks across the section's fields, once each field has been read. */
  check?(values: Values<S>, reading: Reading): void;
}

// biome-ignore lint/suspicious/noExplicitAny: a section's settings may hold any value type
export type Settings = Record<string, Setting<any> | Section<any>>;
export type Values<S extends Settings> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? T : S[K] extends Section<infer I> ? Values<I> : never;
};

interface Common<Y, T> {
  key: string;
  doc: string;
  default?: Y;
  example?: unknown;
  flag?: Flag;
  /** The value the service wants, from the validated YAML value (JOY to wei, seconds to ms, …). */
  map?: (value: Y, reading: Reading) => T;
}

function setting<Y, T>(
  options: Common<Y, T>,
  read: (value: unknown, reading: Reading) => Y,
  parse?: (text: string) => unknown,
): Setting<T> {
  const { map = (value: Y) => value as unknown as T } = options;
  return {
    kind: 'setting',
    key: options.key,
    doc: options.doc,
    default: options.default,
    example: options.example,
    flag: options.flag && { parse, ...options.flag },
    read: (value, reading) => map(read(value, reading), reading),
  };
}

export const integer = <T = number>(options: Common<number, T> & { min: number; max: number }): Setting<NoInfer<T>> =>
  setting<number, T>(
    options,
    (value, { reader, path }) => reader.integer(value, path, options, options.default),
    (text) => Number(text),
  );

export const boolean = (options: Common<boolean, boolean> & { default: boolean }): Setting<boolean> =>
  setting<boolean, boolean>(options, (value, { reader, path }) => reader.boolean(value, path, options.default));

export const text = (options: Common<string, string>): Setting<string> =>
  setting<string, string>(options, (value, { reader, path }) => reader.string(value, path, options.default));

export const oneOf = <C extends string>(
  options: Common<C, C> & { choices: readonly C[]; default: C },
): Setting<NoInfer<C>> =>
  setting<C, C>(options, (value, { reader, path }) => reader.oneOf(value, path, options.choices, options.default));

export const list = <T = string[]>(options: Common<string[], T>): Setting<NoInfer<T>> =>
  setting<string[], T>(
    options,
    (value, { reader, path }) => reader.stringArray(value, path, options.default),
    (text) => text,
  );

/** A file or folder: relative to the config file in YAML, to the working directory as a flag. */
export const path = (options: Omit<Common<string, string>, 'map'> & { default: string }): Setting<string> =>
  setting<string, string>(
    options,
    (value, { reader, path: at, baseDir }) => resolve(baseDir, reader.string(value, at, options.default)),
    (text) => resolve(text),
  );

/** A path with no default: null when absent. */
export const optionalPath = (options: Omit<Common<string, string>, 'map' | 'default'>) =>
  setting<string | null, string | null>(
    options,
    (value, { reader, path: at, baseDir }) => (value === undefined ? null : resolve(baseDir, reader.string(value, at))),
    (text) => resolve(text),
  );

export const section = <S extends Settings>(options: Omit<Section<S>, 'kind'>): Section<S> => ({
  kind: 'section',
  ...options,
});

/** Reads and validates a section (the top level is a section with no key), reporting every issue. */
export function readSection<S extends Settings>(
  section: Section<S>,
  value: unknown,
  reader: FieldReader,
  baseDir: string,
  at = '',
): Values<S> {
  const object = reader.object(value, at || '(top level)');
  const entries = Object.entries(section.settings);
  reader.noExtraKeys(
    object,
    at,
    entries.map(([, s]) => s.key),
  );
  const values = Object.fromEntries(
    entries.map(([name, s]) => {
      const path = at ? `${at}.${s.key}` : s.key;
      return [
        name,
        s.kind === 'section'
          ? readSection(s, object[s.key], reader, baseDir, path)
          : s.read(object[s.key], { reader, path, baseDir }),
      ];
    }),
  ) as Values<S>;
  section.check?.(values, { reader, path: at, baseDir });
  return values;
}
