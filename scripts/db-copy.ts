/**
 * `npm run db:copy -- --from sqlite:./data/spillway.db --to postgres://user@host/db`
 * Copies every snapshot, byte for byte, from one database to another (both are migrated first). Re-running
 * it skips what was already copied. Stop the writers of the source first, or copy again afterwards.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { copySnapshots, databaseFromArgument } from '../src/db/copySnapshots.js';
import { openStore } from '../src/db/openStore.js';

const USAGE = 'usage: npm run db:copy -- --from sqlite:PATH|postgres://… --to sqlite:PATH|postgres://…';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (values.from === undefined || values.to === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const defaults = loadConfig({}).db;
  const log = (error: unknown, message: string): void => {
    process.stderr.write(`${message}: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  const from = (await openStore(databaseFromArgument(values.from, defaults), log)).store;
  const to = (await openStore(databaseFromArgument(values.to, defaults), log)).store;
  try {
    const report = await copySnapshots(from, to, (id, copied) =>
      process.stdout.write(`${copied ? 'copied ' : 'skipped'} ${id}\n`),
    );
    process.stdout.write(
      `${report.copied} snapshot(s) copied, ${report.skipped} already there; source holds ${await from.count()}, target ${await to.count()}.\n`,
    );
    return 0;
  } finally {
    await from.close();
    await to.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`db:copy failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
