#!/usr/bin/env node
import { run } from './app.js';

const code = await run(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
// exitCode (not exit()) lets piped stdout drain before the process ends.
process.exitCode = code;
