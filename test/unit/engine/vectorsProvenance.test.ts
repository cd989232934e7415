/**
 * The vectors in test/vectors are copies of upstream-derived files; their README records each file's
 * checksum so a changed copy cannot pass as the recorded one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../vectors/', import.meta.url);
const README = readFileSync(new URL('README.md', DIR), 'utf8');

describe('test/vectors provenance', () => {
  it.each(['envoy.json', 'istio.json'])('%s matches the checksum its README records', (file) => {
    const recorded = new RegExp('`' + file.replace('.', '\\.') + '` *\\| *`([0-9a-f]{64})`').exec(
      README,
    )?.[1];
    const actual = createHash('sha256')
      .update(readFileSync(new URL(file, DIR)))
      .digest('hex');
    expect(actual).toBe(recorded);
  });
});
