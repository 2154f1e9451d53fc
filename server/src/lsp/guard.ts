/**
 * Every handler runs behind a guard: one bad document or an engine bug must cost one empty answer and a
 * log line, never the server process (the editor would otherwise restart it in a loop or give up).
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

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
      if (isCancellation(error)) throw error; // answered as cancelled, which is no failure
      connection.console.error(`mp-privacy: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/**
 * Cancellation: the engine is synchronous, so a request can stop only between steps. At each of these points
 * the event loop first reads what arrived meanwhile, then a cancelled request is answered with
 * RequestCancelled and its remaining work skipped. vscode-jsonrpc cancels a running request's token when its
 * $/cancelRequest is decoded, which happens one event-loop turn after the bytes are read (its reader hands
 * messages on through setImmediate, one at a time): a few turns let a cancellation sent during a long
 * analysis, behind a message or two, arrive.
 */
export async function cancellationPoint(token: CancellationToken): Promise<void> {
  for (let turn = 0; turn < CANCELLATION_TURNS && !token.isCancellationRequested; turn++)
    await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

const CANCELLATION_TURNS = 4;

function isCancellation(error: unknown): boolean {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}
