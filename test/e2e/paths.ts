/** Where the end-to-end tests find the packaged artefacts, keep their caches and write their artefacts. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Compiled to out/test/e2e; the sources, fixtures and dist/ are in the repository. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
};
export const extensionId = `${manifest.publisher}.${manifest.name}`;
export const distDir = path.join(repoRoot, 'dist');
/** What `npm run package` writes (scripts/package.js). */
export const vsixPath = path.join(distDir, `${manifest.name}-${manifest.version}.vsix`);
export const devtoolsFolder = path.join(distDir, 'devtools', `${extensionId}-${manifest.version}`);
export const bundledServer = path.join(devtoolsFolder, 'dist', 'extension', 'server.js');

export const e2eFixtures = path.join(repoRoot, 'test', 'fixtures', 'e2e');
/** Non-compiled test files (Lua) stay in the source tree. */
export const e2eSources = path.join(repoRoot, 'test', 'e2e');
export const artifactsDir = path.join(repoRoot, 'test-artifacts', 'e2e');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');
export const logsDir = path.join(artifactsDir, 'logs');

/** Downloads and installs survive between runs here (code-server); override with MP_PRIVACY_E2E_CACHE. */
export const cacheDir = process.env.MP_PRIVACY_E2E_CACHE || path.join(os.homedir(), '.cache', 'mp-privacy-e2e');

/** A fresh scratch folder for one scenario (workspaces, user data, extension dirs). */
export function scratch(name: string): string {
  const base = path.join(os.tmpdir(), 'mp-privacy-e2e');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${name}-`));
}

/** Copies test/fixtures/e2e/<name> into `parent` and returns the copy's path (tests never edit fixtures). */
export function copyFixture(name: string, parent: string): string {
  const target = path.join(parent, name);
  fs.cpSync(path.join(e2eFixtures, name), target, { recursive: true });
  return target;
}
