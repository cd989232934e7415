/**
 * The only reader of `process.env`. The schema is the single source of the `Config` type; every invalid
 * variable is reported at once, and empty strings count as unset. `.env.example` lists the same keys (a
 * test keeps them in sync).
 */
import { z } from 'zod';

const MEBIBYTE_BYTES = 1024 * 1024;

const emptyAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);
const str = (fallback: string) => z.preprocess(emptyAsUnset, z.string().default(fallback));
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyAsUnset,
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  );
const list = z.preprocess(
  emptyAsUnset,
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
);

const tokenEntry = z
  .string()
  .regex(
    /^(reader|writer):\S{16,}$/,
    'each token must be "reader:<token>" or "writer:<token>" with at least 16 characters',
  );

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUnset, z.enum(['development', 'production', 'test']).default('development')),
  HOST: str('0.0.0.0'),
  PORT: int(8080, 0, 65535),
  LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  TRUST_PROXY: bool(false),
  SPILLWAY_DB_PATH: str('./data/spillway.db'),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL (unset: the SQLite file)')
      .optional(),
  ),
  SPILLWAY_DB_POOL_MAX: int(10, 1, 1000),
  SPILLWAY_DB_STATEMENT_TIMEOUT_MS: int(30_000, 100, 3_600_000),
  SPILLWAY_DB_CONNECT_TIMEOUT_MS: int(5_000, 100, 120_000),
  SPILLWAY_CATALOGUE_POLL_MS: int(500, 50, 60_000),
  SPILLWAY_UPLOAD_MAX_BYTES: int(64 * MEBIBYTE_BYTES, 1024, 1024 * MEBIBYTE_BYTES),
  SPILLWAY_UPLOAD_MAX_DOCUMENTS: int(200_000, 1, 10_000_000),
  SPILLWAY_UPLOAD_MAX_DEPTH: int(64, 8, 1000),
  SPILLWAY_UPLOAD_MAX_ALIASES: int(100, 0, 100_000),
  SPILLWAY_UPLOAD_RATE_PER_MINUTE: int(30, 1, 100_000),
  SPILLWAY_UPLOAD_WORKERS: int(1, 0, 64),
  SPILLWAY_UPLOAD_TIMEOUT_MS: int(300_000, 1_000, 3_600_000),
  SPILLWAY_UPLOAD_WORKER_MEMORY_MB: int(4_096, 64, 65_536),
  SPILLWAY_API_TOKENS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .pipe(z.array(tokenEntry)),
  ),
  SPILLWAY_CORS_ORIGINS: list,
  SPILLWAY_GRAPHQL_INTROSPECTION: z.preprocess(emptyAsUnset, z.enum(['true', 'false']).optional()),
  SPILLWAY_GRAPHQL_IDE: z.preprocess(emptyAsUnset, z.enum(['true', 'false']).optional()),
  SPILLWAY_GRAPHQL_MAX_DEPTH: int(12, 2, 100),
  SPILLWAY_GRAPHQL_MAX_COST: int(20_000, 100, 10_000_000),
  SPILLWAY_GRAPHQL_MAX_ALIASES: int(15, 0, 1000),
  SPILLWAY_GRAPHQL_MAX_TOKENS: int(2_000, 100, 1_000_000),
  SPILLWAY_GRAPHQL_MAX_EVALUATIONS: int(250, 1, 100_000),
  SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: int(64, 0, 64 * 1024),
  SPILLWAY_CACHE_MAX_MB: int(512, 1, 64 * 1024),
  SPILLWAY_ANSWER_CACHE_ENTRIES: int(20_000, 0, 10_000_000),
  SPILLWAY_IMPORT_EXAMPLES: z.preprocess(emptyAsUnset, z.enum(['true', 'false', '1', '0']).optional()),
  SPILLWAY_PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://spillway.example.com' })
      .refine((v) => !/[?#]/.test(v), 'must not carry a query or fragment')
      .optional(),
  ),
  SPILLWAY_HTTP_REQUEST_TIMEOUT_MS: int(300_000, 1_000, 3_600_000),
  SPILLWAY_HTTP_HEADERS_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  SPILLWAY_HTTP_IDLE_TIMEOUT_MS: int(120_000, 1_000, 3_600_000),
  SPILLWAY_HTTP_KEEP_ALIVE_TIMEOUT_MS: int(72_000, 1_000, 600_000),
  SPILLWAY_SHUTDOWN_GRACE_MS: int(10_000, 1_000, 3_600_000),
  SPILLWAY_METRICS_REQUIRE_TOKEN: bool(false),
  SPILLWAY_DOCS_REQUIRE_TOKEN: bool(false),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUnset, z.string().min(8).optional()),
  SPILLWAY_SLACK_INLINE_BUDGET_MS: int(2_000, 0, 2_900),
  SPILLWAY_SLACK_RESPONSE_RETRIES: int(3, 0, 5),
  SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: int(1_000, 0, 60_000),
});

export type Role = 'reader' | 'writer';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly logLevel: string;
    readonly trustProxy: boolean;
    /** After SIGTERM, in-flight requests have this long to finish before the process exits 1, in ms. */
    readonly shutdownGraceMs: number;
  };
  readonly db: {
    /** The SQLite file, used when `url` is absent. */
    readonly path: string;
    /** PostgreSQL (`DATABASE_URL`): every replica shares it. */
    readonly url?: string;
    /** PostgreSQL connections per replica. */
    readonly poolMax: number;
    readonly statementTimeoutMs: number;
    readonly connectTimeoutMs: number;
    /** How often a replica re-reads the catalogue version in case a notification was lost. */
    readonly cataloguePollMs: number;
  };
  /** Connection limits, in ms: a request (headers and body) must arrive within `requestTimeoutMs`. */
  readonly http: {
    readonly requestTimeoutMs: number;
    readonly headersTimeoutMs: number;
    /** A connection with no traffic for this long is closed. */
    readonly idleTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** /metrics and /docs ask for a reader token (when tokens are configured). */
    readonly metricsRequireToken: boolean;
    readonly docsRequireToken: boolean;
  };
  readonly upload: {
    readonly bodyLimitBytes: number;
    readonly maxDocuments: number;
    readonly maxDepth: number;
    readonly maxAliasCount: number;
    readonly ratePerMinute: number;
    /** Worker threads that parse uploads; 0 parses on the event loop. */
    readonly workers: number;
    readonly timeoutMs: number;
    readonly workerMemoryMb: number;
  };
  /** Empty: the service is open (and says so at start). */
  readonly auth: { readonly tokens: readonly { readonly token: string; readonly role: Role }[] };
  readonly graphql: {
    readonly introspection: boolean;
    /** `GET /graphql` from a browser serves the bundled GraphiQL IDE (never Apollo's CDN landing page). */
    readonly ide: boolean;
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    /** Engine evaluations one operation may ask for: answers, aliases and sweep points counted. */
    readonly maxEvaluations: number;
    /** Memory for whole GraphQL responses to repeated questions, in bytes; 0 turns the cache off. */
    readonly responseCacheBytes: number;
  };
  readonly cors: { readonly origins: readonly string[] };
  /**
   * Where people reach this service's portal (no trailing slash), e.g. `https://spillway.example.com`; Slack
   * answers link to the same view there. Absent: answers carry no link.
   */
  readonly publicUrl?: string;
  readonly cache: {
    /** Memory for compiled snapshots, in bytes (estimated). */
    readonly maxBytes: number;
    /** Answers remembered across all snapshots; 0 turns the answer cache off. */
    readonly answerEntries: number;
  };
  readonly examples: { readonly importOnEmpty: boolean };
  readonly slack: {
    readonly signingSecret?: string;
    readonly inlineBudgetMs: number;
    readonly responseRetries: number;
  };
  readonly loadShedding: { readonly maxEventLoopDelayMs: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** Parses an environment (default `process.env`) into a frozen Config, or throws listing every problem. */
export function loadConfig(source: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = envSchema
    // Node refuses a headers timeout longer than the whole request's.
    .refine((env) => env.SPILLWAY_HTTP_HEADERS_TIMEOUT_MS <= env.SPILLWAY_HTTP_REQUEST_TIMEOUT_MS, {
      path: ['SPILLWAY_HTTP_HEADERS_TIMEOUT_MS'],
      message: 'must not exceed SPILLWAY_HTTP_REQUEST_TIMEOUT_MS',
    })
    .safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const e = parsed.data;
  const development = e.NODE_ENV !== 'production';
  const introspection =
    e.SPILLWAY_GRAPHQL_INTROSPECTION === undefined
      ? development
      : e.SPILLWAY_GRAPHQL_INTROSPECTION === 'true';
  const config: Config = {
    env: e.NODE_ENV,
    server: {
      host: e.HOST,
      port: e.PORT,
      logLevel: e.LOG_LEVEL,
      trustProxy: e.TRUST_PROXY,
      shutdownGraceMs: e.SPILLWAY_SHUTDOWN_GRACE_MS,
    },
    db: {
      path: e.SPILLWAY_DB_PATH,
      ...(e.DATABASE_URL === undefined ? {} : { url: e.DATABASE_URL }),
      poolMax: e.SPILLWAY_DB_POOL_MAX,
      statementTimeoutMs: e.SPILLWAY_DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: e.SPILLWAY_DB_CONNECT_TIMEOUT_MS,
      cataloguePollMs: e.SPILLWAY_CATALOGUE_POLL_MS,
    },
    http: {
      requestTimeoutMs: e.SPILLWAY_HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.SPILLWAY_HTTP_HEADERS_TIMEOUT_MS,
      idleTimeoutMs: e.SPILLWAY_HTTP_IDLE_TIMEOUT_MS,
      keepAliveTimeoutMs: e.SPILLWAY_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      metricsRequireToken: e.SPILLWAY_METRICS_REQUIRE_TOKEN,
      docsRequireToken: e.SPILLWAY_DOCS_REQUIRE_TOKEN,
    },
    upload: {
      bodyLimitBytes: e.SPILLWAY_UPLOAD_MAX_BYTES,
      maxDocuments: e.SPILLWAY_UPLOAD_MAX_DOCUMENTS,
      maxDepth: e.SPILLWAY_UPLOAD_MAX_DEPTH,
      maxAliasCount: e.SPILLWAY_UPLOAD_MAX_ALIASES,
      ratePerMinute: e.SPILLWAY_UPLOAD_RATE_PER_MINUTE,
      workers: e.SPILLWAY_UPLOAD_WORKERS,
      timeoutMs: e.SPILLWAY_UPLOAD_TIMEOUT_MS,
      workerMemoryMb: e.SPILLWAY_UPLOAD_WORKER_MEMORY_MB,
    },
    auth: {
      tokens: e.SPILLWAY_API_TOKENS.map((entry) => {
        const separator = entry.indexOf(':');
        return { role: entry.slice(0, separator) as Role, token: entry.slice(separator + 1) };
      }),
    },
    graphql: {
      introspection,
      ide: e.SPILLWAY_GRAPHQL_IDE === undefined ? introspection : e.SPILLWAY_GRAPHQL_IDE === 'true',
      maxDepth: e.SPILLWAY_GRAPHQL_MAX_DEPTH,
      maxCost: e.SPILLWAY_GRAPHQL_MAX_COST,
      maxAliases: e.SPILLWAY_GRAPHQL_MAX_ALIASES,
      maxTokens: e.SPILLWAY_GRAPHQL_MAX_TOKENS,
      maxEvaluations: e.SPILLWAY_GRAPHQL_MAX_EVALUATIONS,
      responseCacheBytes: e.SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB * MEBIBYTE_BYTES,
    },
    cors: { origins: e.SPILLWAY_CORS_ORIGINS },
    ...(e.SPILLWAY_PUBLIC_URL === undefined ? {} : { publicUrl: e.SPILLWAY_PUBLIC_URL.replace(/\/+$/, '') }),
    cache: {
      maxBytes: e.SPILLWAY_CACHE_MAX_MB * MEBIBYTE_BYTES,
      answerEntries: e.SPILLWAY_ANSWER_CACHE_ENTRIES,
    },
    // A production service starts empty unless asked: the examples are demo data.
    examples: {
      importOnEmpty:
        e.SPILLWAY_IMPORT_EXAMPLES === undefined
          ? development
          : e.SPILLWAY_IMPORT_EXAMPLES === 'true' || e.SPILLWAY_IMPORT_EXAMPLES === '1',
    },
    slack: {
      ...(e.SLACK_SIGNING_SECRET === undefined ? {} : { signingSecret: e.SLACK_SIGNING_SECRET }),
      inlineBudgetMs: e.SPILLWAY_SLACK_INLINE_BUDGET_MS,
      responseRetries: e.SPILLWAY_SLACK_RESPONSE_RETRIES,
    },
    loadShedding: { maxEventLoopDelayMs: e.SPILLWAY_MAX_EVENT_LOOP_DELAY_MS },
  };
  return Object.freeze(config);
}

/** Config for tests: defaults plus overrides, never reading the real environment. */
export function testConfig(overrides: Readonly<Record<string, string>> = {}): Config {
  // Load shedding is off unless a test asks for it: a cold upload may block the loop past the threshold
  // and turn the next, unrelated request into a 503.
  return loadConfig({
    NODE_ENV: 'test',
    SPILLWAY_DB_PATH: ':memory:',
    SPILLWAY_IMPORT_EXAMPLES: 'false',
    LOG_LEVEL: 'silent',
    SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    SPILLWAY_UPLOAD_WORKERS: '0',
    ...overrides,
  });
}

/**
 * The command line's environment (`docs/cli.md`), apart from the service's: the CLI runs on developer
 * machines and CI runners, never with the service's variables.
 */
const cliEnvSchema = z.object({
  /** Bearer token `capture --upload` sends (a writer token of the target service). */
  SPILLWAY_TOKEN: z.preprocess(emptyAsUnset, z.string().optional()),
});

export interface CliEnv {
  readonly uploadToken?: string;
}

export function loadCliEnv(source: Readonly<Record<string, string | undefined>>): CliEnv {
  const parsed = cliEnvSchema.parse(source);
  return Object.freeze(parsed.SPILLWAY_TOKEN === undefined ? {} : { uploadToken: parsed.SPILLWAY_TOKEN });
}
