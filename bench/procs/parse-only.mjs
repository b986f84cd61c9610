// A process that only reads and parses the listed files with `yaml`: the floor for a Node linter.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let docs = 0;
for (const f of files) {
  const d = parseAllDocuments(readFileSync(f, 'utf8'));
  docs += Array.isArray(d) ? d.length : 0;
}
process.stdout.write(`${files.length} files, ${docs} documents\n`);
