#!/usr/bin/env node
import { run } from './app.js';

// Output that cannot be written (a closed pipe, a full disk) is not a result: one line, exit 2 (the
// "could not do it" code), never a stack trace or the "findings" code 1.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (stream === process.stdout) process.stderr.write(`spof-review: cannot write the output: ${e.code ?? e.message}\n`);
    process.exit(2);
  });
}

const code = await run(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
// exitCode (not exit()) lets piped stdout drain before the process ends.
process.exitCode = code;
