/** The language server on uni-app and Taro sources: diagnostics in .vue / .tsx documents, hovers, and fixes that edit their settings files. */
import { strict as assert } from 'assert';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { LspSession, textAt } from './lsp-session';

const UNDECLARED = 'undeclared-private-info';

for (const { fixture, page, call, settings } of [
  {
    fixture: 'uni-app-shop',
    page: 'pages/stores/stores.vue',
    call: /^uni\.chooseAddress\(/,
    settings: 'manifest.json',
  },
  {
    fixture: 'taro-shop',
    page: 'src/pages/stores/index.tsx',
    call: /^Taro\.chooseAddress\(/,
    settings: 'src/app.config.ts',
  },
]) {
  describe(`language server on a ${fixture} project`, () => {
    let session: LspSession;
    before(async () => (session = await LspSession.onFixture(fixture, { locale: 'en' })));
    after(() => session.dispose());

    it(`reports the undeclared API in ${page}, explains it on hover, and fixes it in ${settings}`, async () => {
      await session.open(page);
      const diagnostic = await session.waitForFinding(page, UNDECLARED);
      assert.match(textAt(session.read(page), diagnostic.range), call);
      const hover = await session.hover(page, diagnostic.range.start);
      assert.match(JSON.stringify(hover?.contents ?? ''), /requiredPrivateInfos/);

      const actions = ((await session.codeActions(page, diagnostic.range)) ?? []) as CodeAction[];
      const declare = actions.find((action) => /Declare chooseAddress/.test(action.title));
      assert.ok(declare?.edit, `a declare fix: ${actions.map((a) => a.title).join('; ')}`);
      const mark = session.mark();
      const changed = await session.applyEdit(declare.edit);
      assert.deepEqual(changed, [settings]);
      assert.match(session.read(settings), /chooseAddress/);
      await session.waitForCleared(page, UNDECLARED, mark);
    });

    it('follows edits of the open document', async () => {
      const original = session.read(page);
      const mark = session.mark();
      await session.change(page, original.replace(/(uni|Taro)\.chooseAddress/, '$1.getLocation'));
      const diagnostic = await session.waitForFinding(page, UNDECLARED, mark);
      assert.match(textAt(session.read(page), diagnostic.range), /getLocation\(/);
    });
  });
}
