// The theming guide's screenshots (docs/images/theme-*.png, written by `npm run screenshots`) are
// taken by the same code this test runs: the theming page in headless Chromium, once per theme.
// Here it checks what the pictures show (the provider's colours per theme, no page errors) and
// that the committed pictures are PNGs of the same size as fresh ones.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SCREENSHOT_THEMES, themeScreenshots, type ThemeScreenshot } from '../support/theme-screenshots.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE, 'not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The relative luminance of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('the theming screenshots', () => {
  let shots: Map<string, ThemeScreenshot>;
  before(async () => {
    shots = new Map((await themeScreenshots()).map((shot) => [shot.theme, shot]));
  });

  it('shows every theme with no page errors: light and high contrast dark on light, dark light on dark', () => {
    for (const theme of SCREENSHOT_THEMES) assert.deepEqual(shots.get(theme)?.errors, [], theme);
    const light = shots.get('light')!;
    const dark = shots.get('dark')!;
    const contrast = shots.get('high-contrast')!;
    assert.ok(luminance(light.color) < luminance(light.background), 'light: dark text on a light background');
    assert.ok(luminance(dark.color) > luminance(dark.background), 'dark: light text on a dark background');
    assert.equal(contrast.color, 'rgb(0, 0, 0)');
    assert.equal(contrast.background, 'rgb(255, 255, 255)');
  });

  it('matches the committed pictures in docs/images (run `npm run screenshots` after a visual change)', () => {
    for (const theme of SCREENSHOT_THEMES) {
      const committed = new Uint8Array(readFileSync(new URL(`../../docs/images/theme-${theme}.png`, import.meta.url)));
      const fresh = pngSize(shots.get(theme)!.png);
      assert.equal(fresh.width, 900, `${theme}: the provider spans the 900 px page`);
      assert.deepEqual(pngSize(committed), fresh, `docs/images/theme-${theme}.png is out of date`);
    }
  });
});
