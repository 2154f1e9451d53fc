import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { phoneRedirectParts } from './support/phone-redirects';
import { moveToCheckout, moveToCheckoutUnavailable } from '../fixes';
import {
  chainProse,
  claimPlace,
  conditionClause,
  describeWall,
  navigationFindings,
  navigationOrigin,
  originsProse,
  startTagRange,
} from './support/report-helpers';

const CONDITIONAL_REDIRECT = {
  en: 'Launch code sends the user to {{wallRoute}}, a phone-number wall, {{condition}}.',
  'zh-cn': '启动代码{{condition}}把用户带到手机号授权页 {{wallRoute}}。',
} as const;
const REDIRECT_EVIDENCE = {
  en: '{{origin}} calls {{chain}} to {{wallRoute}}{{when}}, where {{wall}}{{also}}.',
  'zh-cn': '{{origin}} 调用 {{chain}}{{when}}跳转到 {{wallRoute}}，该页面{{wall}}{{also}}。',
} as const;

/**
 * Rule 1 of the user's requirements: no phone-number request before the user has seen any content.
 * Fires on the entry page when it is a phone wall, and on launch code (app onLaunch/onShow, the entry
 * page's onLoad/onShow/onReady, through helper modules) that sends the user to a phone wall.
 */
export const phoneOnEntry = createRule({
  meta: {
    id: 'phone-on-entry',
    defaultSeverity: 'error',
    title: text('Phone number forced on entry', '进入小程序即强制授权手机号'),
    description: text(
      'WeChat forbids asking for the phone number before the user has seen any content: on entry the user must be able to browse, and personal information may only be collected when the user uses a feature that needs it (Platform Operation Rules §15). Mini programs that open on a phone-number login wall are rejected in review or have the phone capability withdrawn.',
      '微信禁止在用户看到任何内容之前索要手机号：进入小程序时用户必须可以浏览，只有在用户使用需要个人信息的功能时才能收集（《微信小程序平台运营管理规范》§15）。一打开就是手机号登录墙的小程序会被审核驳回，或被回收手机号能力。',
    ),
    howToFix: text(
      'Let the user land on real content, and ask for the phone number only at the step that needs it (for example at checkout, with its purpose stated). Keep a login page, but open it from a tap.',
      '让用户先进入真实内容，只在确实需要手机号的环节（例如结算时，并说明用途）再请求授权。登录页可以保留，但应由用户点击后打开。',
    ),
    references: [REFERENCES.operationRulesPrivacy, REFERENCES.getPhoneNumber, REFERENCES.appJson],
    // A wall on the launch path is this rule's: the browsing, checkout and nickname rules do not report it again.
    supersedes: ['phone-while-browsing', 'phone-purpose-at-checkout', 'user-info-wall'],
    messages: {
      entryPage: {
        en: 'The entry page {{route}} asks for the phone number before the user has seen any content.',
        'zh-cn': '入口页面 {{route}} 在用户看到任何内容之前就索要手机号。',
      },
      launchRedirect: {
        en: 'Launch code sends the user to {{wallRoute}}, a phone-number wall, before any content is shown.',
        'zh-cn': '启动代码在展示任何内容之前就把用户带到手机号授权页 {{wallRoute}}。',
      },
      conditionalLaunchRedirect: CONDITIONAL_REDIRECT,
      // A condition the analysis cannot read, or a server answer not about the phone: worth a look.
      conditionalLaunchRedirectToReview: { ...CONDITIONAL_REDIRECT, severity: 'warning' },
    },
    evidence: {
      entryPage: {
        en: '{{route}} is the entry page ({{how}}) and {{wall}}.',
        'zh-cn': '{{route}} 是入口页面（{{how}}），且{{wall}}。',
      },
      launchRedirect: REDIRECT_EVIDENCE,
      conditionalLaunchRedirect: REDIRECT_EVIDENCE,
      conditionalLaunchRedirectToReview: REDIRECT_EVIDENCE,
    },
    fixes: { 'move-phone-to-checkout': moveToCheckout },
  },
  check(context) {
    const { phone, launch, model } = context;
    const claimed = new Set<string>();
    const entry = launch.entryPage;
    const entryWall = entry && phone.wallOf(entry);
    if (entry && entryWall) {
      const how = model.app.entryFromEntryPagePath ? 'app.json entryPagePath' : 'app.json pages[0]';
      const range = startTagRange(entryWall.request.view);
      claimPlace(claimed, range);
      const fix = context.fix('move-phone-to-checkout', {
        flow: context,
        wall: entryWall,
        removal: { kind: 'entry-page' },
      });
      context.report({
        messageId: 'entryPage',
        data: { route: entry.route, how, wall: describeWall(entryWall) },
        range,
        related: [
          {
            range: model.app.entryDeclaredAt ?? entry.declaredAt,
            message: text(`entry page declared here (${how})`, `入口页面在此声明（${how}）`),
          },
        ],
        fixes: [fix],
        fixUnavailable: fix ? undefined : moveToCheckoutUnavailable(context, entryWall, { kind: 'entry-page' }),
      });
    }

    for (const found of navigationFindings(model, launch.launchNavigations, (page) => phone.wallOf(page))) {
      const { gate: wall, range, condition, shared } = found;
      if (!claimPlace(claimed, range)) continue;
      const navigation = found.members[0];
      const { kind, fix, related, fixUnavailable } = phoneRedirectParts(
        model,
        found,
        launch.launchNavigations,
        (removal) => context.fix('move-phone-to-checkout', { flow: context, wall, removal }),
        () => moveToCheckoutUnavailable(context, wall),
      );
      const also = shared
        ? text(
            `; ${originsProse(found.origins).en} reach this redirect`,
            `；共有${originsProse(found.origins)['zh-cn']}会执行这个跳转`,
          )
        : text('', '');
      context.report({
        messageId:
          kind === 'always'
            ? 'launchRedirect'
            : kind === 'conditional'
              ? 'conditionalLaunchRedirect'
              : 'conditionalLaunchRedirectToReview',
        data: {
          wallRoute: wall.page.route,
          condition: condition.phrase,
          origin: navigationOrigin(model, navigation),
          chain: chainProse(navigation.reached),
          when: conditionClause(condition),
          wall: describeWall(wall),
          also,
        },
        range,
        related,
        fixes: [fix],
        fixUnavailable,
      });
    }
  },
});
