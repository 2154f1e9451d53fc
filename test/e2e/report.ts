/** Console reporting for the end-to-end run: one line per step, a verdict per scenario, a closing count. */
export type Verdict = 'pass' | 'fail' | 'skip';

export interface ScenarioResult {
  name: string;
  verdict: Verdict;
  ms: number;
  notes: string[];
  error?: string;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export class ScenarioContext {
  readonly notes: string[] = [];

  constructor(readonly name: string) {}

  /** Runs one step with a timeout; logs it; rethrows its error (the scenario then fails). */
  async step<T>(name: string, fn: () => Promise<T> | T, timeoutMs = 60_000): Promise<T> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      const value = await Promise.race([fn(), timeout]);
      process.stdout.write(`    ok    ${name} (${seconds(Date.now() - started)})\n`);
      return value;
    } catch (error) {
      process.stdout.write(`    FAIL  ${name} (${seconds(Date.now() - started)}): ${(error as Error).message}\n`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  note(text: string): void {
    this.notes.push(text);
    process.stdout.write(`          ${text}\n`);
  }
}

export async function runScenario(
  name: string,
  body: (ctx: ScenarioContext) => Promise<void | 'skip'>,
  timeoutMs: number,
): Promise<ScenarioResult> {
  process.stdout.write(`\n[scenario] ${name}\n`);
  const ctx = new ScenarioContext(name);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`scenario timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const outcome = await Promise.race([body(ctx), timeout]);
    const verdict: Verdict = outcome === 'skip' ? 'skip' : 'pass';
    process.stdout.write(`[${verdict.toUpperCase()}] ${name} (${seconds(Date.now() - started)})\n`);
    return { name, verdict, ms: Date.now() - started, notes: ctx.notes };
  } catch (error) {
    const message = (error as Partial<Error> | undefined)?.message ?? String(error);
    process.stdout.write(`[FAIL] ${name} (${seconds(Date.now() - started)}): ${message}\n`);
    return { name, verdict: 'fail', ms: Date.now() - started, notes: ctx.notes, error: message };
  } finally {
    clearTimeout(timer);
  }
}

export function printSummary(results: ScenarioResult[]): void {
  process.stdout.write('\nmp-privacy end-to-end summary\n');
  for (const result of results) {
    process.stdout.write(
      `  ${result.verdict.toUpperCase().padEnd(4)}  ${result.name} (${seconds(result.ms)})${result.error ? `: ${result.error}` : ''}\n`,
    );
  }
  const count = (verdict: Verdict): number => results.filter((r) => r.verdict === verdict).length;
  process.stdout.write(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped\n`);
}
