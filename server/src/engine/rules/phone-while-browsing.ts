import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { phoneRedirectParts } from './support/phone-redirects';
import { vocabulary } from '../analysis';
import type { PersonalInfoRequest, Wall } from '../analysis';
import { ancestors, attribute } from '../parse';
import type { PageUnit } from '../model';
import {
  chainProse,
  claimPlace,
  conditionClause,
  describeWall,
  navigationFindings,
  navigationOrigin,
  startTagRange,
} from './support/report-helpers';
import { moveToCheckout, moveToCheckoutUnavailable } from '../fixes';

/** A phone button that stands in for a browsing control: "see more", "details", or a list item wrapped in it. */
function disguisedBrowsing(request: PersonalInfoRequest) {
  if (vocabulary.BROWSE.test(request.label) && !vocabulary.LOGIN.test(request.label)) {
    return text(`its label "${request.label}" is a browsing control`, `按钮文字“${request.label}”是浏览操作`);
  }
  const inList = [request.view.element, ...ancestors(request.view.element)].some((e) => attribute(e, 'wx:for'));
  if (inList)
    return text(
      'it wraps the items of a list, so opening any item asks for the phone number',
      '它包裹了列表项，打开任意一项都要先授权手机号',
    );
  return undefined;
}

const CONDITIONAL_REDIRECT = {
  en: '{{opening}} sends the user to {{wallRoute}}, a phone-number wall, {{condition}}.',
  'zh-cn': '{{opening}}{{condition}}把用户带到手机号授权页 {{wallRoute}}。',
} as const;
const REDIRECT_EVIDENCE = {
  en: '{{origin}} calls {{chain}} to {{wallRoute}}{{when}}, where {{wall}}.',
  'zh-cn': '{{origin}} 调用 {{chain}}{{when}}跳转到 {{wallRoute}}，该页面{{wall}}。',
} as const;

/**
 * Rule 2 of the user's requirements: ordinary pages and sections must not be reachable only through a
 * phone-number request. Fires on lifecycle redirects to phone walls from browsing pages, on tab pages
 * that are phone walls, on full-screen phone overlays, and on phone buttons disguised as browsing controls.
 */
export const phoneWhileBrowsing = createRule({
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
    // A wall the user meets while browsing is this rule's, not the checkout or nickname rule's.
    supersedes: ['phone-purpose-at-checkout', 'user-info-wall'],
    messages: {
      lifecycleRedirect: {
        en: '{{opening}} sends the user to {{wallRoute}}, a phone-number wall, instead of showing the page.',
        'zh-cn': '{{opening}}把用户带到手机号授权页 {{wallRoute}}，而不是展示页面内容。',
      },
      conditionalRedirect: CONDITIONAL_REDIRECT,
      // A condition the analysis cannot read, or a server answer not about the phone: worth a look.
      conditionalRedirectToReview: { ...CONDITIONAL_REDIRECT, severity: 'warning' },
      tabWall: {
        en: 'The tab page {{route}} shows only a phone-number request.',
        'zh-cn': 'tab 页 {{route}} 只有一个手机号授权请求。',
      },
      overlay: {
        en: 'A full-screen layer on {{route}} makes the phone-number request catch every tap.',
        'zh-cn': '{{route}} 上的全屏浮层让手机号请求拦截所有点击。',
      },
      disguisedControl: {
        en: 'A browsing control on {{route}} asks for the phone number.',
        'zh-cn': '{{route}} 上的浏览操作需要先授权手机号。',
      },
    },
    evidence: {
      lifecycleRedirect: REDIRECT_EVIDENCE,
      conditionalRedirect: REDIRECT_EVIDENCE,
      conditionalRedirectToReview: REDIRECT_EVIDENCE,
      tabWall: {
        en: '{{route}} is in tabBar.list, so users open it to browse, and {{wall}}.',
        'zh-cn': '{{route}} 在 tabBar.list 中，用户打开它是为了浏览，但{{wall}}。',
      },
      overlay: { en: '{{route}}: {{wall}}, with no way past it.', 'zh-cn': '{{route}} 上{{wall}}，且没有其他出路。' },
      disguisedControl: {
        en: 'This {{openType}} button: {{reason}}.',
        'zh-cn': '这个 {{openType}} 按钮：{{reason}}。',
      },
    },
    fixes: { 'move-phone-to-checkout': moveToCheckout },
  },
  check(context) {
    const { phone, launch, model } = context;
    const claimed = new Set<string>();

    const browsing = launch.browsingNavigations.filter((navigation) => navigation.origin !== 'app');
    for (const found of navigationFindings(model, browsing, (page) => phone.wallOf(page))) {
      const { gate: wall, range, condition, shared } = found;
      if (!claimPlace(claimed, range)) continue;
      const navigation = found.members[0];
      const { kind, fix, related, fixUnavailable } = phoneRedirectParts(
        model,
        found,
        launch.browsingNavigations,
        (removal) => context.fix('move-phone-to-checkout', { flow: context, wall, removal }),
        () => moveToCheckoutUnavailable(context, wall),
      );
      const pages = [...new Set(found.members.map((m) => (m.origin as PageUnit).route))];
      const originPage = navigation.origin as PageUnit;
      const opening = shared
        ? text(
            `Opening any of ${pages.length} pages (${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ', …' : ''})`,
            `打开 ${pages.length} 个页面（${pages.slice(0, 3).join('、')}${pages.length > 3 ? '等' : ''}）中的任何一个`,
          )
        : text(`Opening ${originPage.route}`, `打开 ${originPage.route} 时`);
      context.report({
        messageId:
          kind === 'always'
            ? 'lifecycleRedirect'
            : kind === 'conditional'
              ? 'conditionalRedirect'
              : 'conditionalRedirectToReview',
        data: {
          opening,
          wallRoute: wall.page.route,
          condition: condition.phrase,
          origin: navigationOrigin(model, navigation),
          chain: chainProse(navigation.reached),
          when: conditionClause(condition),
          wall: describeWall(wall),
        },
        range,
        related,
        fixes: [fix],
        fixUnavailable,
      });
    }

    for (const page of phone.pagesWithWalls()) {
      if (launch.launchPages.has(page.route)) continue;
      const first = phone.wallOf(page);
      if (!first) continue;
      // Every full-screen layer is a wall of its own (each with its fix); a tab page is one.
      const walls = first.kind === 'overlay' ? phone.overlayWalls(page) : [first];
      for (const wall of walls) {
        const isTabWall = wall.kind === 'request-only' && page.isTab && !vocabulary.PROFILE_ROUTE.test(page.route);
        const isOverlay = wall.kind === 'overlay' && !vocabulary.LOGIN_ROUTE.test(page.route);
        if (!isTabWall && !isOverlay) continue;
        const range = startTagRange(wall.request.view);
        if (!claimPlace(claimed, range)) continue;
        const fix = context.fix('move-phone-to-checkout', {
          flow: context,
          wall,
          removal: { kind: 'request', request: wall.request },
        });
        context.report({
          messageId: isTabWall ? 'tabWall' : 'overlay',
          data: { route: page.route, wall: describeWall(wall) },
          range,
          related:
            wall.overlay && wall.overlay.element !== wall.request.view.element
              ? [{ range: startTagRange(wall.overlay), message: text('the full-screen layer', '全屏浮层') }]
              : [],
          fixes: [fix],
          fixUnavailable: fix
            ? undefined
            : moveToCheckoutUnavailable(context, wall, { kind: 'request', request: wall.request }),
        });
      }
    }

    for (const request of phone.requests) {
      const reason = disguisedBrowsing(request);
      if (!reason) continue;
      const range = startTagRange(request.view);
      if (!claimPlace(claimed, range)) continue;
      const wall: Wall = { kind: 'request-only', page: request.page, request };
      const fix = context.fix('move-phone-to-checkout', { flow: context, wall, removal: { kind: 'request', request } });
      context.report({
        messageId: 'disguisedControl',
        data: { route: request.page.route, openType: request.openType, reason },
        range,
        fixes: [fix],
        fixUnavailable: fix ? undefined : moveToCheckoutUnavailable(context, wall, { kind: 'request', request }),
      });
    }
  },
});
