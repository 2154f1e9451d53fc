import type { RuleModule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { vocabulary } from '../analysis';
import type { PersonalInfoRequest } from '../analysis';
import { ancestors, attribute } from '../parse';
import { chainEvidence, chainProse, describeWall, navigationFindings, navigationOrigin, originEvidence, sameRedirects, sharedRedirectAdvice, startTagRange } from './support/report-helpers';
import type { PageUnit } from '../model';
import { moveToCheckout, noCheckoutAdvice } from '../fixes';

/** A phone button that stands in for a browsing control: "see more", "details", or a list item wrapped in it. */
function disguisedBrowsing(request: PersonalInfoRequest) {
  if (vocabulary.BROWSE.test(request.label) && !vocabulary.LOGIN.test(request.label)) {
    return text(`its label "${request.label}" is a browsing control`, `按钮文字“${request.label}”是浏览操作`);
  }
  const inList = [request.view.element, ...ancestors(request.view.element)].some((e) => attribute(e, 'wx:for'));
  if (inList) return text('it wraps the items of a list, so opening any item asks for the phone number', '它包裹了列表项，打开任意一项都要先授权手机号');
  return undefined;
}

/**
 * Rule 2 of the user's requirements: ordinary pages and sections must not be reachable only through a
 * phone-number request. Fires on lifecycle redirects to phone walls from browsing pages, on tab pages
 * that are phone walls, on full-screen phone overlays, and on phone buttons disguised as browsing controls.
 */
export const phoneWhileBrowsing: RuleModule = {
  meta: {
    id: 'phone-while-browsing',
    defaultSeverity: 'error',
    title: text('Phone number forced while browsing', '浏览页面时强制授权手机号'),
    description: text(
      'WeChat forbids requiring a phone number to browse pages or sections: lists, details, "see more" and tab pages must be usable without it (Platform Operation Rules §15; the 2023 notice on collecting phone numbers names "binding a phone number to see product details" as a violation).',
      '微信禁止要求用户提供手机号才能浏览页面或栏目：列表、详情、“查看更多”和 tab 页都必须无需手机号即可使用（《微信小程序平台运营管理规范》§15；2023 年关于收集手机号的规范将“需绑定手机号码才能查看商品详情内容”列为违规）。',
    ),
    howToFix: text(
      'Show the content without the phone request; ask for the number only in a feature that needs it (for example at checkout, saying why), and let the user decline.',
      '无需手机号即可展示内容；只在确实需要的功能中（例如结算时，并说明原因）请求手机号，并允许用户拒绝。',
    ),
    references: [REFERENCES.operationRulesPrivacy, REFERENCES.getPhoneNumber, REFERENCES.getRealtimePhoneNumber],
    fixKinds: ['move-phone-to-checkout'],
  },
  check(context) {
    const { phone, launch, model } = context;

    const browsing = launch.browsingNavigations.filter((navigation) => navigation.origin !== 'app');
    for (const found of navigationFindings(model, browsing, (page) => phone.wallOf(page))) {
      const { gate, range, condition, shared } = found;
      if (context.isReported(range.file, range.start)) continue;
      const navigation = found.members[0];
      const originPage = navigation.origin as PageUnit;
      const conditional = condition.kind !== 'always' && condition.kind !== 'user-state';
      const fix = shared || conditional ? undefined : moveToCheckout(context, gate, { kind: 'navigation', reached: navigation.reached, alsoReached: sameRedirects(launch.browsingNavigations, navigation) });
      const pages = [...new Set(found.members.map((m) => (m.origin as PageUnit).route))];
      const opening = shared ? text(`Opening any of ${pages.length} pages (${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ', …' : ''})`, `打开 ${pages.length} 个页面（${pages.slice(0, 3).join('、')}${pages.length > 3 ? '等' : ''}）中的任何一个`) : text(`Opening ${originPage.route}`, `打开 ${originPage.route} 时`);
      context.report({
        range,
        severity: found.severity,
        message: conditional
          ? text(`${opening.en} sends the user to ${gate.page.route}, a phone-number wall, ${condition.phrase.en}.`, `${opening['zh-cn']}${condition.phrase['zh-cn']}把用户带到手机号授权页 ${gate.page.route}。`)
          : text(
              `${opening.en} sends the user to ${gate.page.route}, a phone-number wall, instead of showing the page.`,
              `${opening['zh-cn']}把用户带到手机号授权页 ${gate.page.route}，而不是展示页面内容。`,
            ),
        evidence: text(
          `${navigationOrigin(model, navigation)} calls ${chainProse(navigation.reached)} to ${gate.page.route}${condition.phrase.en ? ` ${condition.phrase.en}` : ''}, where ${describeWall(gate).en}.`,
          `${navigationOrigin(model, navigation)} 调用 ${chainProse(navigation.reached)}${condition.phrase['zh-cn'] ? `（${condition.phrase['zh-cn']}）` : ''}跳转到 ${gate.page.route}，该页面${describeWall(gate)['zh-cn']}。`,
        ),
        related: [
          ...(shared ? originEvidence(found.members, (m) => m.reached, (m) => navigationOrigin(model, m)) : chainEvidence(model, navigation.reached)),
          { range: startTagRange(gate.request.view), message: text(`the phone request on ${gate.page.route}`, `${gate.page.route} 上的手机号请求`) },
        ],
        fixes: fix ? [fix] : [],
        fixUnavailable: fix ? undefined : shared || conditional ? sharedRedirectAdvice : noCheckoutAdvice,
      });
    }

    for (const page of model.pages) {
      if (launch.launchPages.has(page.route)) continue;
      const first = phone.wallOf(page);
      if (!first) continue;
      // Every full-screen layer is a wall of its own (each with its fix); a tab page is one.
      const gates = first.kind === 'overlay' ? phone.overlayWalls(page) : [first];
      for (const gate of gates) {
        const isTabWall = gate.kind === 'request-only' && page.isTab && !vocabulary.PROFILE_ROUTE.test(page.route);
        const isOverlay = gate.kind === 'overlay' && !vocabulary.LOGIN_ROUTE.test(page.route);
        if (!isTabWall && !isOverlay) continue;
        const range = startTagRange(gate.request.view);
        if (context.isReported(range.file, range.start)) continue;
        const fix = moveToCheckout(context, gate, { kind: 'request', request: gate.request });
        context.report({
          range,
          message: isTabWall
            ? text(`The tab page ${page.route} shows only a phone-number request.`, `tab 页 ${page.route} 只有一个手机号授权请求。`)
            : text(`A full-screen layer on ${page.route} makes the phone-number request catch every tap.`, `${page.route} 上的全屏浮层让手机号请求拦截所有点击。`),
          evidence: isTabWall
            ? text(`${page.route} is in tabBar.list, so users open it to browse, and ${describeWall(gate).en}.`, `${page.route} 在 tabBar.list 中，用户打开它是为了浏览，但${describeWall(gate)['zh-cn']}。`)
            : text(`${page.route}: ${describeWall(gate).en}, with no way past it.`, `${page.route} 上${describeWall(gate)['zh-cn']}，且没有其他出路。`),
          related: gate.overlay && gate.overlay.element !== gate.request.view.element
            ? [{ range: startTagRange(gate.overlay), message: text('the full-screen layer', '全屏浮层') }]
            : [],
          fixes: fix ? [fix] : [],
          fixUnavailable: fix ? undefined : noCheckoutAdvice,
        });
      }
    }

    for (const request of phone.requests) {
      const reason = disguisedBrowsing(request);
      if (!reason) continue;
      const range = startTagRange(request.view);
      if (context.isReported(range.file, range.start)) continue;
      const fix = moveToCheckout(context, { kind: 'request-only', page: request.page, request }, { kind: 'request', request });
      context.report({
        range,
        message: text(`A browsing control on ${request.page.route} asks for the phone number.`, `${request.page.route} 上的浏览操作需要先授权手机号。`),
        evidence: text(`This ${request.openType} button: ${reason.en}.`, `这个 ${request.openType} 按钮：${reason['zh-cn']}。`),
        related: [],
        fixes: fix ? [fix] : [],
        fixUnavailable: fix ? undefined : noCheckoutAdvice,
      });
    }
  },
};
