#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly: each .ts file is transpiled by swc when first
// required, so `npx coalition` works right after `npm ci` with no build step and no stale output.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = swc.transformSync(source, {
      filename,
      sourceMaps: 'inline',
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

if (require.main === module) {
  const script = process.argv[2];
  if (!script) {
    console.error('usage: run-ts.js FILE.ts [args...]');
    process.exit(2);
  }
  process.argv.splice(1, 1);
  require(path.resolve(script));
}
