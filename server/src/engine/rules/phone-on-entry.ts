import type { RuleModule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { chainEvidence, chainProse, describeWall, navigationFindings, navigationOrigin, originEvidence, originsProse, sameRedirects, sharedRedirectAdvice, startTagRange } from './support/report-helpers';
import { moveToCheckout, noCheckoutAdvice } from '../fixes';

/**
 * Rule 1 of the user's requirements: no phone-number request before the user has seen any content.
 * Fires on the entry page when it is a phone wall, and on launch code (app onLaunch/onShow, the entry
 * page's onLoad/onShow/onReady, through helper modules) that sends the user to a phone wall.
 */
export const phoneOnEntry: RuleModule = {
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
    fixKinds: ['move-phone-to-checkout'],
  },
  check(context) {
    const { phone, launch, model } = context;
    const entry = launch.entryPage;
    const entryGate = entry && phone.wallOf(entry);
    if (entry && entryGate) {
      const how = model.app.entryFromEntryPagePath ? 'app.json entryPagePath' : 'app.json pages[0]';
      const fix = moveToCheckout(context, entryGate, { kind: 'entry-page' });
      context.report({
        range: startTagRange(entryGate.request.view),
        message: text(
          `The entry page ${entry.route} asks for the phone number before the user has seen any content.`,
          `入口页面 ${entry.route} 在用户看到任何内容之前就索要手机号。`,
        ),
        evidence: text(
          `${entry.route} is the entry page (${how}) and ${describeWall(entryGate).en}.`,
          `${entry.route} 是入口页面（${how}），且${describeWall(entryGate)['zh-cn']}。`,
        ),
        related: [{ range: model.app.entryDeclaredAt ?? entry.declaredAt, message: text(`entry page declared here (${how})`, `入口页面在此声明（${how}）`) }],
        fixes: fix ? [fix] : [],
        fixUnavailable: fix ? undefined : noCheckoutAdvice,
      });
    }

    for (const found of navigationFindings(model, launch.launchNavigations, (page) => phone.wallOf(page))) {
      const { gate, range, condition, shared } = found;
      if (context.isReported(range.file, range.start)) continue;
      const navigation = found.members[0];
      const conditional = condition.kind !== 'always' && condition.kind !== 'user-state';
      const fix = shared || conditional ? undefined : moveToCheckout(context, gate, { kind: 'navigation', reached: navigation.reached, alsoReached: sameRedirects(launch.launchNavigations, navigation) });
      const origin = navigationOrigin(model, navigation);
      const also = shared ? text(`; ${originsProse(found.origins).en} reach this redirect`, `；共有${originsProse(found.origins)['zh-cn']}会执行这个跳转`) : text('', '');
      context.report({
        range,
        severity: found.severity,
        message: conditional
          ? text(
              `Launch code sends the user to ${gate.page.route}, a phone-number wall, ${condition.phrase.en}.`,
              `启动代码${condition.phrase['zh-cn']}把用户带到手机号授权页 ${gate.page.route}。`,
            )
          : text(
              `Launch code sends the user to ${gate.page.route}, a phone-number wall, before any content is shown.`,
              `启动代码在展示任何内容之前就把用户带到手机号授权页 ${gate.page.route}。`,
            ),
        evidence: text(
          `${origin} calls ${chainProse(navigation.reached)} to ${gate.page.route}${condition.phrase.en ? ` ${condition.phrase.en}` : ''}, where ${describeWall(gate).en}${also.en}.`,
          `${origin} 调用 ${chainProse(navigation.reached)}${condition.phrase['zh-cn'] ? `（${condition.phrase['zh-cn']}）` : ''}跳转到 ${gate.page.route}，该页面${describeWall(gate)['zh-cn']}${also['zh-cn']}。`,
        ),
        related: [
          ...(shared ? originEvidence(found.members, (m) => m.reached, (m) => navigationOrigin(model, m)) : chainEvidence(model, navigation.reached)),
          { range: startTagRange(gate.request.view), message: text(`the phone request on ${gate.page.route}`, `${gate.page.route} 上的手机号请求`) },
        ],
        fixes: fix ? [fix] : [],
        fixUnavailable: fix ? undefined : shared || conditional ? sharedRedirectAdvice : noCheckoutAdvice,
      });
    }
  },
};
