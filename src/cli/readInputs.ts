/**
 * Command-line arguments → upload sources, as `istioctl analyze` gathers files: `-` is standard input,
 * a folder is walked recursively for `*.yaml`, `*.yml` and `*.json` (in sorted path order, so findings
 * and duplicates come out the same on every machine), any other file named explicitly is skipped with a
 * warning. Symbolic links to files are read; links to folders are not followed (no cycles), as Go's
 * `filepath.Walk` does for istioctl.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '../errors/appError.js';
import type { UploadContentType, UploadSource } from '../ingest/index.js';
import type { CliIo } from './cliIo.js';

export const STDIN_ARGUMENT = '-';
const EXTENSIONS: Readonly<Record<string, UploadContentType>> = {
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.json': 'application/json',
};

function unreadable(path: string, error: unknown): AppError {
  const reason =
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
      ? 'no such file or folder'
      : error instanceof Error
        ? error.message
        : String(error);
  return new AppError('INPUT_UNREADABLE', `Cannot read ${path}: ${reason}.`, { path });
}

/** Standard input is JSON when it starts like JSON (`kubectl get … -o json`), YAML otherwise. */
function sniffContentType(bytes: Uint8Array): UploadContentType {
  const text = new TextDecoder()
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/u, '')
    .trimStart();
  return text.startsWith('{') || text.startsWith('[') ? 'application/json' : 'application/yaml';
}

async function readStdin(io: CliIo): Promise<Uint8Array> {
  if (io.stdin.isTTY === true) io.stderr.write('Reading from standard input (end with Ctrl-D):\n');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Files under `folder` with a known extension, sorted by path. */
async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let entries;
    try {
      entries = await readdir(next, { withFileTypes: true });
    } catch (error) {
      throw unreadable(next, error);
    }
    for (const entry of entries) {
      const path = join(next, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (EXTENSIONS[extname(entry.name)] === undefined) continue;
      else if (entry.isFile()) found.push(path);
      else if (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile() === true)
        found.push(path);
    }
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function readSource(path: string, contentType: UploadContentType): Promise<UploadSource> {
  try {
    return { name: path, body: await readFile(path), contentType };
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** Reads every argument; throws INPUT_UNREADABLE for a path that cannot be read, INVALID_REQUEST for none. */
export async function readInputs(paths: readonly string[], io: CliIo): Promise<UploadSource[]> {
  if (paths.length === 0) {
    throw new AppError('INVALID_REQUEST', 'Name at least one file or folder, or - to read standard input.');
  }
  if (paths.filter((path) => path === STDIN_ARGUMENT).length > 1) {
    throw new AppError('INVALID_REQUEST', 'Standard input (-) can be read only once.');
  }
  const sources: UploadSource[] = [];
  for (const path of paths) {
    if (path === STDIN_ARGUMENT) {
      const body = await readStdin(io);
      sources.push({ name: STDIN_ARGUMENT, body, contentType: sniffContentType(body) });
      continue;
    }
    const info = await stat(path).catch((error: unknown) => {
      throw unreadable(path, error);
    });
    if (info.isDirectory()) {
      const files = await walk(path);
      if (files.length === 0) io.stderr.write(`Warning: ${path} holds no .yaml, .yml or .json file.\n`);
      for (const file of files)
        sources.push(await readSource(file, EXTENSIONS[extname(file)] ?? 'application/yaml'));
      continue;
    }
    const contentType = EXTENSIONS[extname(path)];
    if (contentType === undefined) {
      io.stderr.write(
        `Skipping ${path}: Spillway reads files ending in ${Object.keys(EXTENSIONS).join(', ')}.\n`,
      );
      continue;
    }
    sources.push(await readSource(path, contentType));
  }
  if (sources.length === 0) {
    throw new AppError('INPUT_UNREADABLE', `No .yaml, .yml or .json input found in ${paths.join(', ')}.`);
  }
  return sources;
}
