/**
 * Gzip-compressed UTF-8 text (a stored model, about 100 MiB of JSON at 100k endpoints) decompressed into a
 * string piece by piece. `gunzip` then `toString` held the decompressed chunks, their concatenation and the
 * string at once, some three times the text, at the moment a fresh upload is compiled — then the largest
 * part of the upload's peak memory (docs/operations.md).
 */
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

export async function gunzipText(gzip: Uint8Array): Promise<string> {
  const decoder = new StringDecoder('utf8');
  const pieces: string[] = [];
  const stream = createGunzip();
  stream.end(gzip);
  for await (const chunk of stream as AsyncIterable<Buffer>) pieces.push(decoder.write(chunk));
  pieces.push(decoder.end());
  return pieces.join('');
}
