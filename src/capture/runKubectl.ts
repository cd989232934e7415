/** Runs kubectl as a child process and collects its output; no shell, arguments passed as they are. */
import { spawn } from 'node:child_process';
import { AppError } from '../errors/appError.js';

export interface KubectlResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type KubectlRunner = (args: readonly string[]) => Promise<KubectlResult>;

/** A runner for the kubectl binary at `command` (looked up on PATH when it has no slash). */
export function kubectlRunner(command: string): KubectlRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          new AppError(
            'DEPENDENCY_UNAVAILABLE',
            error.code === 'ENOENT'
              ? `${command} was not found; install kubectl or name it with --kubectl.`
              : `${command} could not be started: ${error.message}`,
          ),
        );
      });
      child.on('close', (code, signal) => {
        resolve({
          exitCode: code ?? (signal === null ? 1 : 128),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
    });
}
