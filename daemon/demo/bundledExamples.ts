import path from 'node:path';

/** Bundled into dist/cli.js, this module's folder is dist/, one level below the shipped examples/. */
export const BUNDLED_EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
