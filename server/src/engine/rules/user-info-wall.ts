import type { RuleModule } from './rule';
import type { LocalizedText, RelatedEvidence, SourceRange } from '../types';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { callRange, chainEvidence, chainProse, describeWall, startTagRange } from './support/report-helpers';
import type { Wall } from '../analysis';
import { firstSite, vocabulary } from '../analysis';

export const userInfoWall: RuleModule = {
  meta: {
    id: 'user-info-wall',
    defaultSeverity: 'error',
    title: text('Nickname/avatar forced on entry or to browse', '进入或浏览时强制获取昵称头像'),
    description: text(
      'WeChat names "asking for user information as soon as the mini program opens, and refusing use if the user declines" as the problem its 2021 and 2022 user-info changes fix: the user must be able to browse without handing over a nickname or avatar (Platform Operation Rules §15).',
      '微信在 2021 年和 2022 年的用户信息接口调整中明确指出，“刚打开小程序就要求授权用户信息、用户拒绝则无法使用”是要解决的问题：用户必须无需提供昵称头像即可浏览（《微信小程序平台运营管理规范》§15）。',
    ),
    howToFix: text('Let users browse first; ask for a nickname and avatar (with the fill-in components) only where the profile is actually shown or needed.', '先让用户浏览；只在确实需要展示或使用资料的地方，用头像昵称填写组件请求昵称和头像。'),
    references: [REFERENCES.userInfoNotice2022, REFERENCES.userInfoNotice2021, REFERENCES.userProfileFill],
    fixKinds: [],
  },
  check(context) {
    const { model, launch, userInfo } = context;
    const what = (gate: Wall) => gate.request.openType;
    const reportWall = (range: SourceRange, gate: Wall, why: LocalizedText, related: RelatedEvidence[] = []) => {
      if (context.isReported(range.file, range.start)) return;
      context.report({
        range,
        message: text(`${gate.page.route} asks for the user's nickname/avatar (${what(gate)}) before they can see any content.`, `${gate.page.route} 在用户看到任何内容之前就索要昵称头像（${what(gate)}）。`),
        evidence: why,
        related: [...related, { range: startTagRange(gate.request.view), message: text(`the ${what(gate)} request`, `${what(gate)} 请求`) }].filter((r) => r.range.file !== range.file || r.range.start !== range.start),
        fixes: [],
      });
    };
    const entry = launch.entryPage;
    const entryGate = entry && userInfo.wallOf(entry);
    if (entry && entryGate) reportWall(startTagRange(entryGate.request.view), entryGate, text(`${entry.route} is the entry page and ${describeWall(entryGate).en}.`, `${entry.route} 是入口页面，且${describeWall(entryGate)['zh-cn']}。`));
    for (const navigation of [...launch.launchNavigations, ...launch.browsingNavigations]) {
      const gate = userInfo.wallOf(navigation.target);
      if (!gate) continue;
      const start = firstSite(navigation.reached);
      const origin = navigation.origin === 'app' ? model.relative(start.script.file) : navigation.origin.route;
      reportWall(callRange(start.script, start), gate, text(`${origin} ${navigation.lifecycle} calls ${chainProse(navigation.reached)} to ${gate.page.route}, where ${describeWall(gate).en}.`, `${origin} 的 ${navigation.lifecycle} 调用 ${chainProse(navigation.reached)} 跳转到 ${gate.page.route}，该页面${describeWall(gate)['zh-cn']}。`), chainEvidence(model, navigation.reached));
    }
    for (const page of model.pages) {
      const gate = launch.launchPages.has(page.route) ? undefined : userInfo.wallOf(page);
      if (!gate || !((gate.kind === 'request-only' && page.isTab && !vocabulary.PROFILE_ROUTE.test(page.route)) || gate.kind === 'overlay')) continue;
      reportWall(startTagRange(gate.request.view), gate, text(`${page.route}: ${describeWall(gate).en}.`, `${page.route} 上${describeWall(gate)['zh-cn']}。`));
    }
  },
};
