/**
 * Every handler runs behind a guard: one bad document or an engine bug must cost one empty answer and a
 * log line, never the server process (the editor would otherwise restart it in a loop or give up).
 */
import type { Connection } from 'vscode-languageserver';

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Wraps `handler` so that an exception is logged to the client and `fallback` is answered instead. */
export function guard<P extends unknown[], R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (...args: P) => R,
): (...args: P) => R {
  return (...args: P): R => {
    try {
      return handler(...args);
    } catch (error) {
      connection.console.error(`mp-privacy: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** `guard` for handlers that return a promise: a rejection is logged and answered with `fallback` too. */
export function guardAsync<P extends unknown[], R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (...args: P) => Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      connection.console.error(`mp-privacy: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
