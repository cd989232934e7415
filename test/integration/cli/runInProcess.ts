/**
 * The CLI's `runCli` in this process with in-memory streams: the same commands, parsing and exit codes as
 * the executable, without a process start per case, for the long tables of cases.
 */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../../src/cli/runCli.js';
import type { CliRun } from './runSpillway.js';

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runInProcess(args: readonly string[], stdin = ''): Promise<CliRun> {
  const out = collector();
  const err = collector();
  const code = await runCli(args, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([Buffer.from(stdin)]),
    env: {},
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
