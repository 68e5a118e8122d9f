// Entry point of the language server bundle (dist/server/main.js). The client
// starts it over IPC (--node-ipc), the protocol tests over --stdio.
import { resolve } from 'node:path';
import { startServer } from './lsp/server';

// dist/server/main.js -> the extension root, which ships docs/rules/.
startServer({ extensionRoot: resolve(__dirname, '..', '..') });
