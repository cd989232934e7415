#!/usr/bin/env node
/** The `spillway` executable (package.json `bin`): runs one command line and exits with its code. */
import { runCli } from './runCli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
