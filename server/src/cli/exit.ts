/** How a run of the CLI ends: its exit codes, and the one-line message of an unexpected error. */

export const EXIT_OK = 0;
export const EXIT_ERROR_FINDINGS = 1;
/** Usage errors and runs that could not be completed (see HELP_TEXT). */
export const EXIT_USAGE_OR_FAILURE = 2;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
