/**
 * The registry itself: one check per code, in order, and no code emitted from anywhere but its check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  INTAKE_CODE_FLOOR,
  SPECIFIED_CHECKS,
} from '../../../../../src/engine/diagnostics/index.js';

const SRC = new URL('../../../../../src/', import.meta.url).pathname;
const CHECKS_DIR = join(SRC, 'engine/diagnostics/checks');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the registry of checks', () => {
  it('has unique SPW#### codes and ids, in code order', () => {
    const codes = SPECIFIED_CHECKS.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(SPECIFIED_CHECKS.map((c) => c.id)).size).toBe(codes.length);
    expect(codes.every((c) => /^SPW\d{4}$/.test(c))).toBe(true);
    expect(CATALOGUE.map((c) => c.code)).toEqual([...codes].sort());
  });

  it.each(SPECIFIED_CHECKS.map((c) => [c.code, c] as const))(
    '%s cites upstream and has its scope',
    (code, c) => {
      expect(c.upstream.length).toBeGreaterThan(10);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.scopes.length).toBeGreaterThan(0);
      expect((c.scopes as readonly string[]).includes('intake')).toBe(code >= INTAKE_CODE_FLOOR);
    },
  );

  it('has one file per check, and each code is written in that file only', () => {
    const files = readdirSync(CHECKS_DIR).filter((f) => f !== 'index.ts' && f.endsWith('.ts'));
    expect(files).toHaveLength(SPECIFIED_CHECKS.length);
    const codeSites = new Map<string, string[]>();
    for (const path of sourceFiles(SRC)) {
      // Code only: doc comments may show a code in an @example.
      const code = readFileSync(path, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const match of code.matchAll(/'(SPW\d{4})'/g)) {
        const found = match[1] ?? '';
        codeSites.set(found, [...(codeSites.get(found) ?? []), path.slice(SRC.length)]);
      }
    }
    for (const check of SPECIFIED_CHECKS) {
      expect(codeSites.get(check.code), check.code).toHaveLength(1);
      expect(codeSites.get(check.code)?.[0], check.code).toMatch(/^engine\/diagnostics\/checks\/\w+\.ts$/);
    }
    const unknown = [...codeSites.keys()].filter(
      (c) => c !== INTAKE_CODE_FLOOR && !SPECIFIED_CHECKS.some((k) => k.code === c),
    );
    expect(unknown).toEqual([]);
  });
});
