/** What a command reads and writes, so the commands never touch `process` themselves. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** The environment as the process received it; only `src/config.ts` interprets it. */
  readonly env: Readonly<Record<string, string | undefined>>;
}
