// p2p_config.yaml as the settings' declarations describe it: every setting with what it means and
// its default (or the example value a setting with no default shows). `permanet-relay
// --print-config` prints it; the committed p2p_config.yaml is this text (a test checks it).
import { stringify } from 'yaml';
import { wrap } from './cli-flags.ts';
import type { Section, Settings } from './settings.ts';

const WIDTH = 100;

export function configYaml(root: Section): string {
  return [...comment(root.doc, ''), ...render(root, ''), ''].join('\n');
}

function render(section: Section, indent: string): string[] {
  return Object.values(section.settings as Settings).flatMap((entry) => {
    const lines = comment(entry.doc, indent);
    if (entry.kind === 'section') return [...lines, `${indent}${entry.key}:`, ...render(entry, `${indent}  `)];
    const value = entry.example ?? entry.default;
    if (value === undefined) return [...lines, `${indent}# ${entry.key}: (not set)`];
    if (Array.isArray(value) && value.length > 0)
      return [...lines, `${indent}${entry.key}:`, ...value.map((item) => `${indent}  - ${scalar(item)}`)];
    return [...lines, `${indent}${entry.key}: ${Array.isArray(value) ? '[]' : scalar(value)}`];
  });
}

const scalar = (value: unknown) => stringify(value).trimEnd();

const comment = (doc: string | undefined, indent: string) =>
  doc === undefined ? [] : wrap(doc, WIDTH - indent.length - 2).map((line) => `${indent}# ${line}`);
