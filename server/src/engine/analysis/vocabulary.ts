/**
 * Words that tell what a control or a text is for, in Chinese and English. Kept in one place so rule
 * decisions stay consistent and reviewable. Matching is deliberately narrow: a miss is a missed finding,
 * a false match is a false alarm on compliant code, and the second costs users more.
 */

/** Text that states why the phone number is needed. */
export const PURPOSE =
  /用于|用来|以便|便于|为了|目的|原因|用途|联系您|通知您|联系你|通知你|\bused? (?:to|for)\b|\bso (?:that|we)\b|\bin order to\b|\bpurpose\b|\bwhy we\b|\bto (?:contact|notify|reach) you\b/i;

/** Labels of browsing controls ("see more", "details"). */
export const BROWSE =
  /查看更多|更多|查看详情|详情|阅读全文|全文|展开|加载更多|查看全部|下一页|继续阅读|\b(?:see|view|read|show|load) (?:more|all)\b|\bdetails?\b/i;

/** Labels and handler names of login or authorization controls. */
export const LOGIN =
  /登录|登陆|注册|授权|验证码|绑定|手机号|\blog ?in\b|\bsign ?(?:in|up)\b|\bregister\b|\bauthori[sz]e\b|\bverify\b|\bbind\b|login|auth/i;

/** Controls that let the user go on without giving the number. */
export const SKIP =
  /暂不|跳过|先逛逛|随便看看|去首页|返回首页|回首页|返回|取消|稍后|拒绝|不同意|游客|\bskip\b|\blater\b|\bnot now\b|\bbrowse\b|\bcancel\b|\bback\b|\bdecline\b|\bguest\b/i;

/** Handler names of controls that close a dialog or mask. */
export const DISMISS_HANDLER = /close|cancel|hide|dismiss|skip/i;

/** Agreement and privacy-policy controls (consent, not a way onwards). */
export const AGREEMENT = /协议|隐私|政策|条款|agreement|privacy|policy|terms|protocol|contract/i;

/** Request URLs that submit orders or payments. */
export const ORDER_URL = /order|checkout|settle|payment|\/pay\b|\/buy\b/i;
/** The same, for a string literal passed to a request helper (`http.post('/api/order/create')`). */
export const ORDER_URL_LITERAL = /['"`][^'"`]*\/(?:order|orders|checkout|settle|payment|pay|buy)\b[^'"`]*['"`]/i;
/** Function names that submit orders or start payment. */
export const ORDER_FUNCTION =
  /^(?:submit|create|place|confirm|commit|add)_?order|^checkout|^(?:go|to|do)?_?pay(?:ment)?$|^(?:submit|confirm)_?(?:pay|payment|booking|reservation)/i;

/** Page paths of ordering and payment steps. */
export const CHECKOUT_ROUTE =
  /(?:^|[/_-])(?:order|orders|checkout|pay|payment|settle|settlement|buy|cart|booking)(?:[/_-]|$)/i;

/** Page paths of a user's own account area, where asking for a phone number is expected. */
export const PROFILE_ROUTE =
  /(?:^|\/)(?:mine|my|me|user|users|profile|center|ucenter|usercenter|account|personal|member)(?:\/|$)/i;

/** Page paths of login pages (a destination, not a browsing page). */
export const LOGIN_ROUTE = /(?:^|[/_-])(?:login|signin|sign-in|auth|authorize|bind|bindphone|register)(?:[/_-]|$)/i;

/** Storage keys and request fields that hold personal information. */
export const PERSONAL_KEY =
  /phone|mobile|tel(?:ephone)?(?![a-z])|id_?card|idno|identity|real_?name|address|latitude|longitude|location|身份证|手机|地址|姓名/i;

/**
 * The part of the purpose sentence a fix inserts that a person must replace (fixes/shared-text.ts builds the
 * sentence around it). While it is there, the purpose is not written yet.
 */
export const UNWRITTEN_PURPOSE = {
  en: '[say why, e.g. contact you about delivery]',
  'zh-cn': '【请填写用途，例如：配送时联系你】',
} as const;
