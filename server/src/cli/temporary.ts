import { randomBytes } from 'crypto';
import * as path from 'path';

/**
 * Temporary files of mp-privacy: `.mp-privacy-<pid>-<16 hex>.tmp`, unpredictable (64 random bits) yet
 * recognisable, so that what a killed run left can be found and removed by the next one.
 */
export const TEMPORARY_FILE = /^\.mp-privacy-(\d+)-[0-9a-f]{16}\.tmp$/;

export function temporaryName(folder: string): string {
  return path.join(folder, `.mp-privacy-${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
}

/** True when no process has this id (a temporary file of a live run is not stray). */
export function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
