// Custom Elements Manifest (custom-elements.json), written by `npm run build`: the tags,
// properties, attributes, parts, CSS properties, states and events of every component,
// read from the classes' JSDoc.
export default {
  // the data-widget base too, so that its attributes (patient-id, locale, time-zone) are inherited
  globs: ['src/components/**/*.ts', 'src/internal/chart-data-element.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
