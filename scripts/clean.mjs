// `npm run clean:dist` removes the build output (so a build never ships a stale file);
// `npm run clean` also removes coverage and the generated API docs.
import { rmSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = process.argv[2] === 'all';
const targets = [];
for (const name of readdirSync(join(root, 'packages'))) {
  targets.push(join('packages', name, 'dist'), join('packages', name, 'tsconfig.tsbuildinfo'));
}
targets.push(join('packages', 'elements', 'custom-elements.json'));
if (all) targets.push('coverage', join('docs', 'api'));
for (const target of targets) rmSync(join(root, target), { recursive: true, force: true });
