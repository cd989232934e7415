/**
 * One concept per engine file: none grows past the house limit (house style §8.2 habit 3).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = new URL('../../../src/engine/', import.meta.url).pathname;
const MAX_LINES = 400;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('src/engine layout', () => {
  it(`has no file over ${MAX_LINES.toString()} lines`, () => {
    const long = files(ENGINE)
      .map((path) => [path.slice(ENGINE.length), readFileSync(path, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
