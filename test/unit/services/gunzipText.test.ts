/** Stored models are read back piece by piece; the text must come back exactly as it was compressed. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipJson } from '../../../src/ingest/gzipJson.js';
import { gunzipText } from '../../../src/services/gunzipText.js';

/** Longer than zlib's 16 KiB output chunk, so characters are cut between chunks. */
const MULTIBYTE = 'zone-ü-區-🚀,'.repeat(20_000);

describe('gunzipText', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '{"a":1}'],
    ['multi-byte characters cut across output chunks', MULTIBYTE],
  ])('%s', async (_name, text) => {
    expect(await gunzipText(gzipSync(Buffer.from(text, 'utf8')))).toBe(text);
  });

  it('reads every member of a multi-member file, as gzipJson writes models', async () => {
    const value = {
      clusters: [{ pods: Array.from({ length: 200_000 }, (_, i) => ({ name: `pod-${i}`, zone: 'ü' })) }],
    };
    const stored = gzipJson(value, 1);
    // Past gzipJson's 4 MiB member size: at least two members.
    expect(stored.bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(await gunzipText(stored.gzip)).toBe(JSON.stringify(value));
  });

  it('refuses damaged input', async () => {
    await expect(gunzipText(Buffer.from('not gzip'))).rejects.toThrow();
  });
});
