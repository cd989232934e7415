import type { AppErrorCode } from './errorCodes.js';

/** A failure raised by the service or transport layers, carrying one code of the shared vocabulary. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra members of the problem body / GraphQL extensions (e.g. `problems`, `closest`). */
    readonly details: Readonly<Record<string, unknown>> = {},
    /** `cause`: the underlying failure, for logs only (never sent to a client). */
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
