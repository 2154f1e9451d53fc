import * as path from 'path';

/** Tests run from out/test/...; fixtures and bin scripts stay in the source tree. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const examplesDir = path.join(repoRoot, 'examples');
export const cliBin = path.join(repoRoot, 'server', 'bin', 'mp-privacy.js');
export const serverBin = path.join(repoRoot, 'server', 'bin', 'mp-privacy-language-server.js');

export function fixture(...segments: string[]): string {
  return path.join(fixturesDir, ...segments);
}
