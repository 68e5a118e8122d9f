// Entry of the `blueprint` command (bundled to dist/server/cli.js, run by
// bin/blueprint.js). Everything else lives in cli/; this file only binds the
// process: argv, streams, the exit code.
import { main } from './cli/main';
import { initHclFromDisk } from './node/hcl';

// `blueprint lint | head` closes stdout early: that is not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const fail = (e: unknown) => {
  process.stderr.write(`blueprint: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 2;
};

// Terraform needs the HCL parser, whose WASM initialises asynchronously: once, first.
void initHclFromDisk().then((problem) => {
  if (problem) process.stderr.write(`blueprint: ${problem}\n`);
  try {
    const code = main(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: process.stdout.isTTY === true,
    });
    // `graph` lays its SVG out asynchronously; `lint` answers at once.
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => (process.exitCode = c), fail);
  } catch (e) {
    fail(e);
  }
});
