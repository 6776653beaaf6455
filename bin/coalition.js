#!/usr/bin/env node
'use strict';
require('./run-ts.js');
require('../src/cli.ts').main(process.argv.slice(2));
