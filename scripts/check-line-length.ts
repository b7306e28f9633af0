// Lines of at most 120 characters in every file a person reads or writes (the formatters wrap code,
// but not comments, strings or prose). Generated files are left out, and so are the rows of Markdown
// tables, which cannot wrap (as markdownlint's line-length rule allows). Prints each long line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const MAX_LINE = 120;
const CHECKED = /\.(ts|tsx|js|sol|md|yaml|css|html)$/;
const GENERATED = ['contracts/proving/DigitsVerifier.sol', 'core/src/chain/abi/generated.ts'];

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CHECKED.test(file) && !GENERATED.includes(file));
let long = 0;
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if ([...line].length <= MAX_LINE || (file.endsWith('.md') && line.startsWith('|'))) return;
      long++;
      console.log(`${file}:${i + 1}: ${[...line].length} characters`);
    });
}
if (long > 0) {
  console.log(`${long} line(s) over ${MAX_LINE} characters`);
  process.exit(1);
}
