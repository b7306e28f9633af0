// The relay's command-line flags, made from the settings' declarations: parseArgs's options, the
// flags written into the YAML document before it is validated (so a bad flag gets the same message
// as a bad field), and --help.
import type { ParseArgsConfig } from 'node:util';
import type { Flag, Section, Setting, Settings } from './settings.ts';

interface Declared {
  flag: Flag;
  setting: Setting<unknown>;
  /** The sections above the setting, outermost first. */
  sections: Section[];
}

function* flagsOf(section: Section, above: Section[] = []): Generator<Declared> {
  for (const entry of Object.values(section.settings as Settings)) {
    if (entry.kind === 'section') yield* flagsOf(entry, [...above, entry]);
    else if (entry.flag) yield { flag: entry.flag, setting: entry, sections: above };
  }
}

/** Flags that are not settings: they come before the rest in --help. */
const OWN_FLAGS = {
  config: { type: 'string', arg: 'file', doc: 'p2p_config.yaml to read (default: ./p2p_config.yaml when present)' },
  'print-config': { type: 'boolean', doc: 'print p2p_config.yaml with every setting, its default and what it means' },
  help: { type: 'boolean', doc: 'print this text' },
} as const;

export function parseArgsOptions(root: Section): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, { type }] of Object.entries(OWN_FLAGS)) options[name] = { type };
  for (const { flag } of flagsOf(root))
    options[flag.name] =
      flag.arg === undefined ? { type: 'boolean' } : { type: 'string', multiple: flag.multiple ?? false };
  return options;
}

/** Writes the flags given into `document` (the parsed YAML), where the settings' fields are. */
export function applyFlags(root: Section, document: Record<string, unknown>, given: Record<string, unknown>): void {
  for (const { flag, setting, sections } of flagsOf(root)) {
    const value = given[flag.name];
    if (value === undefined || value === false) continue;
    let target = document;
    for (const { key } of sections) {
      const inner = target[key];
      target[key] = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...inner } : {};
      target = target[key] as Record<string, unknown>;
    }
    const parse = flag.parse ?? ((text: string) => text);
    if (flag.arg === undefined) target[setting.key] = flag.sets ?? true;
    else if (Array.isArray(value)) {
      const parsed = value.map((text) => parse(String(text)));
      const before = target[setting.key];
      target[setting.key] = flag.appends && Array.isArray(before) ? [...before, ...parsed] : parsed;
    } else target[setting.key] = parse(String(value));
    Object.assign(target, flag.also);
  }
}

const COLUMN = 24;

export function helpText(root: Section): string {
  const rows: [string, string][] = [
    ...Object.entries(OWN_FLAGS)
      .filter(([name]) => name !== 'help')
      .map(([name, own]): [string, string] => [label(name, 'arg' in own ? own.arg : undefined), own.doc]),
    ...[...flagsOf(root)].map(({ flag, setting }): [string, string] => [
      label(flag.name, flag.arg),
      flag.doc ?? setting.doc.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/\.$/, ''),
    ]),
    [label('help'), OWN_FLAGS.help.doc],
  ];
  const lines = rows.flatMap(([left, doc]) => {
    const words = wrap(doc, 96 - COLUMN);
    const first = left.length < COLUMN - 2 ? `  ${left.padEnd(COLUMN - 2)}${words[0]}` : `  ${left}`;
    const rest = left.length < COLUMN - 2 ? words.slice(1) : words;
    return [first, ...rest.map((line) => `${' '.repeat(COLUMN)}${line}`)];
  });
  return [
    'Usage: permanet-relay [options]',
    '',
    ...lines,
    '',
    'Every option has a p2p_config.yaml field (--print-config shows them all); flags override the file.',
    '',
  ].join('\n');
}

const label = (name: string, arg?: string) => (arg === undefined ? `--${name}` : `--${name} <${arg}>`);

/** Splits text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
