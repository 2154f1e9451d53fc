import { createRule } from './rule';
import type { RelatedEvidence, SourceRange } from '../types';
import { text } from '../types';
import { REFERENCES } from './support/references';
import {
  callRange,
  chainEvidence,
  chainProse,
  claimPlace,
  describeWall,
  startTagRange,
} from './support/report-helpers';
import type { Wall } from '../analysis';
import { firstSite, vocabulary } from '../analysis';

const WALL_MESSAGE = {
  en: "{{route}} asks for the user's nickname/avatar ({{what}}) before they can see any content.",
  'zh-cn': '{{route}} 在用户看到任何内容之前就索要昵称头像（{{what}}）。',
} as const;

export const userInfoWall = createRule({
  meta: {
    id: 'user-info-wall',
    defaultSeverity: 'error',
    title: text('Nickname/avatar forced on entry or to browse', '进入或浏览时强制获取昵称头像'),
    description: text(
      'WeChat names "asking for user information as soon as the mini program opens, and refusing use if the user declines" as the problem its 2021 and 2022 user-info changes fix: the user must be able to browse without handing over a nickname or avatar (Platform Operation Rules §15).',
      '微信在 2021 年和 2022 年的用户信息接口调整中明确指出，“刚打开小程序就要求授权用户信息、用户拒绝则无法使用”是要解决的问题：用户必须无需提供昵称头像即可浏览（《微信小程序平台运营管理规范》§15）。',
    ),
    howToFix: text(
      'Let users browse first; ask for a nickname and avatar (with the fill-in components) only where the profile is actually shown or needed.',
      '先让用户浏览；只在确实需要展示或使用资料的地方，用头像昵称填写组件请求昵称和头像。',
    ),
    references: [REFERENCES.userInfoNotice2022, REFERENCES.userInfoNotice2021, REFERENCES.userProfileFill],
    messages: { entryPage: WALL_MESSAGE, redirect: WALL_MESSAGE, wall: WALL_MESSAGE },
    evidence: {
      entryPage: {
        en: '{{entryRoute}} is the entry page and {{wall}}.',
        'zh-cn': '{{entryRoute}} 是入口页面，且{{wall}}。',
      },
      redirect: {
        en: '{{origin}} {{lifecycle}} calls {{chain}} to {{route}}, where {{wall}}.',
        'zh-cn': '{{origin}} 的 {{lifecycle}} 调用 {{chain}} 跳转到 {{route}}，该页面{{wall}}。',
      },
      wall: { en: '{{route}}: {{wall}}.', 'zh-cn': '{{route}} 上{{wall}}。' },
    },
  },
  check(context) {
    const { model, launch, userInfo } = context;
    const claimed = new Set<string>();
    /** The wall's request as a related location, unless the finding is on it already. */
    const related = (range: SourceRange, wall: Wall, chain: RelatedEvidence[] = []) =>
      [
        ...chain,
        {
          range: startTagRange(wall.request.view),
          message: text(`the ${wall.request.openType} request`, `${wall.request.openType} 请求`),
        },
      ].filter((r) => r.range.file !== range.file || r.range.start !== range.start);

    const entry = launch.entryPage;
    const entryWall = entry && userInfo.wallOf(entry);
    if (entry && entryWall) {
      const range = startTagRange(entryWall.request.view);
      if (claimPlace(claimed, range)) {
        context.report({
          messageId: 'entryPage',
          data: {
            route: entryWall.page.route,
            what: entryWall.request.openType,
            entryRoute: entry.route,
            wall: describeWall(entryWall),
          },
          range,
          related: related(range, entryWall),
        });
      }
    }
    for (const navigation of [...launch.launchNavigations, ...launch.browsingNavigations]) {
      const wall = userInfo.wallOf(navigation.target);
      if (!wall) continue;
      const start = firstSite(navigation.reached);
      const range = callRange(start.script, start);
      if (!claimPlace(claimed, range)) continue;
      const origin = navigation.origin === 'app' ? model.relative(start.script.file) : navigation.origin.route;
      context.report({
        messageId: 'redirect',
        data: {
          route: wall.page.route,
          what: wall.request.openType,
          origin,
          lifecycle: navigation.lifecycle,
          chain: chainProse(navigation.reached),
          wall: describeWall(wall),
        },
        range,
        related: related(range, wall, chainEvidence(model, navigation.reached)),
      });
    }
    for (const page of userInfo.pagesWithWalls()) {
      const wall = launch.launchPages.has(page.route) ? undefined : userInfo.wallOf(page);
      if (
        !wall ||
        !(
          (wall.kind === 'request-only' && page.isTab && !vocabulary.PROFILE_ROUTE.test(page.route)) ||
          wall.kind === 'overlay'
        )
      )
        continue;
      const range = startTagRange(wall.request.view);
      if (!claimPlace(claimed, range)) continue;
      context.report({
        messageId: 'wall',
        data: { route: wall.page.route, what: wall.request.openType, wall: describeWall(wall) },
        range,
        related: related(range, wall),
      });
    }
  },
});
