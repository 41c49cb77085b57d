// Custom Elements Manifest (custom-elements.json), written by `npm run build`: the tags,
// properties, attributes, parts, CSS properties, states and events of every component,
// read from the classes' JSDoc.
export default {
  // the data-widget bases too, so that their attributes (patient-id, locale, time-zone) are inherited
  globs: ['src/components/**/*.ts', 'src/internal/chart-settings-element.ts', 'src/internal/chart-data-element.ts', 'src/internal/clinic-data-element.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
