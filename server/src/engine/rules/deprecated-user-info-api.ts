import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { appCallSites } from './support/report-helpers';
import { authorizeScope, platformUsesOf } from '../analysis';
import { elementsWithOpenType } from '../parse';

const NO_REAL_PROFILE = {
  en: "{{what}} no longer returns the user's real nickname and avatar; use the avatar/nickname fill-in instead.",
  'zh-cn': '{{what}} 已不再返回用户真实的昵称和头像，请改用头像昵称填写能力。',
} as const;

export const deprecatedUserInfoApi = createRule({
  meta: {
    id: 'deprecated-user-info-api',
    defaultSeverity: 'warning',
    title: text('Deprecated user-info API', '已回收的用户信息接口'),
    description: text(
      'wx.getUserInfo and `<button open-type="getUserInfo">` return anonymous data since 2021-04-28, and wx.getUserProfile returns a grey avatar and the nickname "微信用户" for versions published after 2022-11-08 (base library 2.27.1 and later); wx.authorize with scope.userInfo shows nothing. Code that relies on them shows every user the same fake profile.',
      '自 2021-04-28 起，wx.getUserInfo 和 `<button open-type="getUserInfo">` 返回匿名数据；2022-11-08 之后发布的版本（基础库 2.27.1 及以上）中 wx.getUserProfile 返回灰色头像和昵称“微信用户”；wx.authorize 申请 scope.userInfo 不再弹窗。依赖它们的代码会给所有用户展示同一个虚假资料。',
    ),
    howToFix: text(
      'Use the avatar and nickname fill-in: `<button open-type="chooseAvatar" bindchooseavatar="…">` and `<input type="nickname">`, where the user chooses what to share.',
      '改用头像昵称填写能力：`<button open-type="chooseAvatar" bindchooseavatar="…">` 和 `<input type="nickname">`，由用户自己选择提供的内容。',
    ),
    references: [REFERENCES.userProfileFill, REFERENCES.userInfoNotice2021, REFERENCES.userInfoNotice2022],
    messages: {
      userProfile: NO_REAL_PROFILE,
      anonymous: NO_REAL_PROFILE,
      userInfoButton: {
        en: 'open-type="getUserInfo" returns anonymous data; use open-type="chooseAvatar" and <input type="nickname">.',
        'zh-cn': 'open-type="getUserInfo" 返回匿名数据；请改用 open-type="chooseAvatar" 和 <input type="nickname">。',
      },
    },
    evidence: {
      userProfile: {
        en: 'getUserProfile returns "微信用户" and a grey avatar for versions published after 2022-11-08.',
        'zh-cn': '2022-11-08 之后发布的版本中，getUserProfile 返回“微信用户”和灰色头像。',
      },
      anonymous: {
        en: 'getUserInfo and scope.userInfo return anonymous data since 2021-04-28.',
        'zh-cn': '自 2021-04-28 起，getUserInfo 和 scope.userInfo 返回匿名数据。',
      },
      userInfoButton: {
        en: 'Since 2021-04-28 the getUserInfo button no longer returns the real profile.',
        'zh-cn': '自 2021-04-28 起，getUserInfo 按钮不再返回真实资料。',
      },
    },
  },
  check(context) {
    const { model } = context;
    for (const use of platformUsesOf(model, 'getUserInfo', 'getUserProfile', 'authorize')) {
      const api = use.call.api;
      const isAuthorizeUserInfo = api === 'authorize' && authorizeScope(use.call.argumentText) === 'scope.userInfo';
      if (api !== 'getUserInfo' && api !== 'getUserProfile' && !isAuthorizeUserInfo) continue;
      const what = isAuthorizeUserInfo ? "wx.authorize({ scope: 'scope.userInfo' })" : `wx.${api}`;
      for (const range of appCallSites(context, use))
        context.report({ messageId: api === 'getUserProfile' ? 'userProfile' : 'anonymous', data: { what }, range });
    }
  },
  checkUnit(context, unit) {
    if (!unit.wxml) return;
    for (const element of elementsWithOpenType(unit.wxml, 'getUserInfo')) {
      context.report({
        messageId: 'userInfoButton',
        range: { file: unit.wxml.file, start: element.start, end: element.startTagEnd },
      });
    }
  },
});
