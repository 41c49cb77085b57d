// `npm run screenshots`: photographs examples/theming/ in each theme for docs/theming.md.
import { writeFileSync } from 'node:fs';
import { themeScreenshots } from '../test/support/theme-screenshots.js';

for (const shot of await themeScreenshots()) {
  const file = new URL(`../docs/images/theme-${shot.theme}.png`, import.meta.url);
  writeFileSync(file, shot.png);
  console.log(`docs/images/theme-${shot.theme}.png: ${shot.png.length} bytes${shot.errors.length ? `; page errors: ${shot.errors.join(' | ')}` : ''}`);
}
