// Custom Elements Manifest (custom-elements.json), written by `npm run build`: the tags,
// properties, attributes, parts, CSS properties, states and events of every component,
// read from the classes' JSDoc.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
