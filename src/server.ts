/**
 * Process entry: load config, build the app, listen, and shut down gracefully (finish in-flight requests
 * on SIGTERM/SIGINT, then close the database).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { BANNER_EXAMPLE_SNAPSHOT, startupBanner } from './startupBanner.js';

const IDLE_SWEEP_INTERVAL_MS = 100;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const base = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  app.log.info(`Spillway is serving on ${base}`);
  const hasExample = (await app.spillway.snapshots.get(BANNER_EXAMPLE_SNAPSHOT)) !== undefined;
  process.stdout.write(startupBanner(config, base, hasExample));

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, config.server.shutdownGraceMs);
    timer.unref();
    // Fastify closes idle keep-alive connections once, when close starts; a connection busy at that moment
    // would keep the server open after its response. Sweep idle connections until the server is closed.
    setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_INTERVAL_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Spillway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
