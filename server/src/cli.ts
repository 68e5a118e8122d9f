// Entry of the `blueprint` command (bundled to dist/server/cli.js, run by
// bin/blueprint.js). Everything else lives in cli/; this file only binds the
// process: argv, streams, the exit code.
import { main } from './cli/main';

// `blueprint lint | head` closes stdout early: that is not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  });
} catch (e) {
  process.stderr.write(`blueprint: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 2;
}
