import type { RuleModule } from './rule';
import { text } from '../types';
import { REFERENCES } from './references';
import { platformUsesOf, authorizeScope, firstSite, vocabulary } from '../analysis';
import type { Wall } from '../analysis';
import { appCallSites, callRange, chainEvidence, chainProse, startTagRange } from './report-helpers';
import { elementsWithOpenType } from '../parse';
import type { LocalizedText, RelatedEvidence, SourceRange } from '../types';
import { describeGate } from './phone-on-entry';

export const deprecatedUserInfoApi: RuleModule = {
  meta: {
    id: 'deprecated-user-info-api',
    defaultSeverity: 'warning',
    title: text('Deprecated user-info API', '已回收的用户信息接口'),
    description: text(
      'wx.getUserInfo and `<button open-type="getUserInfo">` return anonymous data since 2021-04-28, and wx.getUserProfile returns a grey avatar and the nickname "微信用户" for versions published after 2022-11-08 (base library 2.27.1 and later); wx.authorize with scope.userInfo shows nothing. Code that relies on them shows every user the same fake profile.',
      '自 2021-04-28 起，wx.getUserInfo 和 `<button open-type="getUserInfo">` 返回匿名数据；2022-11-08 之后发布的版本（基础库 2.27.1 及以上）中 wx.getUserProfile 返回灰色头像和昵称“微信用户”；wx.authorize 申请 scope.userInfo 不再弹窗。依赖它们的代码会给所有用户展示同一个虚假资料。',
    ),
    howToFix: text('Use the avatar and nickname fill-in: `<button open-type="chooseAvatar" bindchooseavatar="…">` and `<input type="nickname">`, where the user chooses what to share.', '改用头像昵称填写能力：`<button open-type="chooseAvatar" bindchooseavatar="…">` 和 `<input type="nickname">`，由用户自己选择提供的内容。'),
    references: [REFERENCES.userProfileFill, REFERENCES.userInfoNotice2021, REFERENCES.userInfoNotice2022],
    fixKinds: [],
  },
  check(context) {
    const { model } = context;
    for (const use of platformUsesOf(model, 'getUserInfo', 'getUserProfile', 'authorize')) {
      const api = use.call.api;
      const isAuthorizeUserInfo = api === 'authorize' && authorizeScope(use.call.argumentText) === 'scope.userInfo';
      if (api !== 'getUserInfo' && api !== 'getUserProfile' && !isAuthorizeUserInfo) continue;
      const what = isAuthorizeUserInfo ? "wx.authorize({ scope: 'scope.userInfo' })" : `wx.${api}`;
      for (const range of appCallSites(context, use)) context.report({
        range,
        message: text(`${what} no longer returns the user's real nickname and avatar; use the avatar/nickname fill-in instead.`, `${what} 已不再返回用户真实的昵称和头像，请改用头像昵称填写能力。`),
        evidence: text(api === 'getUserProfile' ? 'getUserProfile returns "微信用户" and a grey avatar for versions published after 2022-11-08.' : 'getUserInfo and scope.userInfo return anonymous data since 2021-04-28.', api === 'getUserProfile' ? '2022-11-08 之后发布的版本中，getUserProfile 返回“微信用户”和灰色头像。' : '自 2021-04-28 起，getUserInfo 和 scope.userInfo 返回匿名数据。'),
        related: [],
        fixes: [],
      });
    }
    for (const unit of [...model.pages, ...model.components()]) {
      if (!unit.wxml) continue;
      for (const element of elementsWithOpenType(unit.wxml, 'getUserInfo')) {
        context.report({
          range: { file: unit.wxml.file, start: element.start, end: element.startTagEnd },
          message: text('open-type="getUserInfo" returns anonymous data; use open-type="chooseAvatar" and <input type="nickname">.', 'open-type="getUserInfo" 返回匿名数据；请改用 open-type="chooseAvatar" 和 <input type="nickname">。'),
          evidence: text('Since 2021-04-28 the getUserInfo button no longer returns the real profile.', '自 2021-04-28 起，getUserInfo 按钮不再返回真实资料。'),
          related: [],
          fixes: [],
        });
      }
    }
  },
};

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
    if (entry && entryGate) reportWall(startTagRange(entryGate.request.view), entryGate, text(`${entry.route} is the entry page and ${describeGate(entryGate).en}.`, `${entry.route} 是入口页面，且${describeGate(entryGate)['zh-cn']}。`));
    for (const navigation of [...launch.launchNavigations, ...launch.browsingNavigations]) {
      const gate = userInfo.wallOf(navigation.target);
      if (!gate) continue;
      const start = firstSite(navigation.reached);
      const origin = navigation.origin === 'app' ? model.relative(start.script.file) : navigation.origin.route;
      reportWall(callRange(start.script, start), gate, text(`${origin} ${navigation.lifecycle} calls ${chainProse(navigation.reached)} to ${gate.page.route}, where ${describeGate(gate).en}.`, `${origin} 的 ${navigation.lifecycle} 调用 ${chainProse(navigation.reached)} 跳转到 ${gate.page.route}，该页面${describeGate(gate)['zh-cn']}。`), chainEvidence(model, navigation.reached));
    }
    for (const page of model.pages) {
      const gate = launch.launchPages.has(page.route) ? undefined : userInfo.wallOf(page);
      if (!gate || !((gate.kind === 'request-only' && page.isTab && !vocabulary.PROFILE_ROUTE.test(page.route)) || gate.kind === 'overlay')) continue;
      reportWall(startTagRange(gate.request.view), gate, text(`${page.route}: ${describeGate(gate).en}.`, `${page.route} 上${describeGate(gate)['zh-cn']}。`));
    }
  },
};
