#!/usr/bin/env node
// The `blueprint` command: the bundled CLI (built by `npm install` / `npm run build`).
require('../dist/server/cli.js');
