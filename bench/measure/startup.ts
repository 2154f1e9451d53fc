/** `mp-privacy --version` against `node -e 0`: what the CLI adds to Node's own start-up, runs interleaved. */
import { CLI_BIN, runTimed } from './process';

export interface StartupResult {
  nodeMs: number[];
  versionMs: number[];
  helpMs: number[];
}

export async function measureStartup(runs: number): Promise<StartupResult> {
  const result: StartupResult = { nodeMs: [], versionMs: [], helpMs: [] };
  for (let i = 0; i < runs; i++) {
    result.nodeMs.push((await runTimed(process.execPath, ['-e', '0'], { measureRss: false })).ms);
    result.versionMs.push((await runTimed(process.execPath, [CLI_BIN, '--version'], { measureRss: false })).ms);
    result.helpMs.push((await runTimed(process.execPath, [CLI_BIN, '--help'], { measureRss: false })).ms);
  }
  return result;
}
