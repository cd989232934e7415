import { EngineError } from '../engine/index.js';
import { AppError } from './appError.js';

/**
 * Normalizes anything thrown into the vocabulary. Unknown errors become INTERNAL with a generic message, so
 * neither REST nor GraphQL can leak an internal message or stack.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof EngineError) return new AppError(error.code, error.message, error.details);
  return new AppError('INTERNAL', 'An internal error occurred.');
}
