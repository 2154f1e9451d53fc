/**
 * What a generated project is made of: the kinds of page, the plan of one page (which privacy scenario it
 * carries), and the word lists names and prose are drawn from.
 */
export type PageKind =
  | 'home'
  | 'list'
  | 'detail'
  | 'article'
  | 'form'
  | 'profile'
  | 'checkout'
  | 'login'
  | 'store'
  | 'media'
  | 'settings'
  | 'webview';

export interface PagePlan {
  route: string;
  kind: PageKind;
  ts: boolean;
  subpackage?: string;
  /** Custom components the page uses, by tag. */
  components: string[];
  /** onShow calls auth.requireLogin(): a redirect to the phone wall while browsing. */
  loginOnShow?: boolean;
  /** onLoad loads data through the helper that reLaunches to the phone wall on a "phone missing" code. */
  phoneCheckedRequest?: boolean;
  /** Checkout pages: a phone button, with or without a sentence saying why. */
  phone?: 'with-purpose' | 'without-purpose';
  /** A full-screen layer holding only a phone button. */
  overlayWall?: boolean;
  /** A "查看更多" button that is really a getPhoneNumber button. */
  disguisedPhone?: boolean;
  /** Login pages: the phone button is not the only way in. */
  loginWithSkip?: boolean;
  /** Profile pages: a "bind phone" tile that states its purpose. */
  bindPhoneTile?: boolean;
  big?: boolean;
}

export const SECTIONS: Record<string, string[]> = {
  goods: ['list', 'detail', 'search', 'compare', 'reviews', 'specs', 'brand', 'ranking', 'new-arrivals', 'hot'],
  order: ['list', 'detail', 'refund', 'logistics', 'comment', 'after-sale', 'invoice', 'pay-result'],
  mine: [
    'settings',
    'address',
    'address-edit',
    'coupons',
    'points',
    'favorites',
    'history',
    'feedback',
    'about',
    'security',
  ],
  store: ['list', 'detail', 'map', 'nearby', 'booking'],
  article: ['list', 'detail', 'topic', 'author', 'column'],
  activity: ['list', 'detail', 'signup', 'lottery', 'group-buy', 'seckill', 'bargain'],
  member: ['center', 'card', 'level', 'benefits', 'recharge'],
  service: ['center', 'chat', 'faq', 'repair', 'complaint'],
  media: ['upload', 'album', 'poster', 'camera', 'video'],
  message: ['list', 'detail', 'notice', 'web'],
};

export const KIND_BY_NOUN: Record<string, PageKind> = {
  detail: 'detail',
  specs: 'detail',
  brand: 'detail',
  reviews: 'detail',
  compare: 'detail',
  'address-edit': 'form',
  feedback: 'form',
  refund: 'form',
  signup: 'form',
  repair: 'form',
  complaint: 'form',
  comment: 'form',
  'after-sale': 'form',
  invoice: 'form',
  settings: 'settings',
  security: 'settings',
  about: 'settings',
  faq: 'settings',
  map: 'store',
  nearby: 'store',
  upload: 'media',
  album: 'media',
  poster: 'media',
  camera: 'media',
  video: 'media',
  center: 'profile',
  card: 'profile',
  level: 'profile',
  benefits: 'profile',
  booking: 'checkout',
  recharge: 'checkout',
  'group-buy': 'checkout',
  seckill: 'checkout',
  bargain: 'checkout',
  web: 'webview',
};

export const TITLES = [
  '精选好物',
  '限时特惠',
  '新品上市',
  '热销榜单',
  '为你推荐',
  '会员专享',
  '今日必抢',
  '品质生活',
  '人气好店',
  '附近门店',
  '猜你喜欢',
  '口碑推荐',
  '店长推荐',
  '季节限定',
  '爆款直降',
];
/** Page prose. None of it states why a phone number is needed (the purpose vocabulary is added on purpose only). */
export const PARAGRAPHS = [
  '本店精选优质咖啡豆，每日新鲜烘焙，口感醇厚，回味悠长。',
  '活动期间全场满100减20，部分特价商品除外，具体以结算页面为准。',
  '下单后将在24小时内发货，偏远地区可能会有延迟，敬请谅解。',
  '商品支持七天无理由退换，请保持商品及包装完好。',
  '会员每消费1元累积1积分，积分可在积分商城兑换好礼。',
  '门店营业时间为每天上午九点至晚上十点，节假日正常营业。',
  '如遇质量问题请联系在线客服，我们将第一时间为您处理。',
  '本活动最终解释权归本店所有，请以页面展示信息为准。',
  '新鲜水果每日清晨从产地直发，冷链配送，保证新鲜。',
  '满减券与折扣券不可叠加使用，每个订单限用一张。',
  '精选食材，匠心制作，每一口都是家的味道。',
  '预约成功后请按时到店，超时十五分钟预约将自动取消。',
];
export const ITEM_FIELDS = [
  'title',
  'price',
  'cover',
  'sales',
  'tag',
  'desc',
  'shopName',
  'distance',
  'stock',
  'originalPrice',
  'rating',
  'comments',
];
export const COLORS = ['#333', '#666', '#999', '#ff4d4f', '#fa8c16', '#07c160', '#1677ff', '#f5f5f5', '#fff', '#eee'];
export const SERVICE_DOMAINS = [
  'goods',
  'order',
  'user',
  'cart',
  'store',
  'article',
  'activity',
  'member',
  'coupon',
  'address',
  'message',
  'upload',
  'search',
  'point',
  'feedback',
  'service',
  'media',
  'config',
  'stat',
  'invoice',
];
export const COMPONENT_NAMES = [
  'goods-card',
  'shop-card',
  'price',
  'tag',
  'empty',
  'loading',
  'nav-bar',
  'tab-bar',
  'search-bar',
  'coupon-card',
  'countdown',
  'rate',
  'stepper',
  'address-card',
  'order-card',
  'banner',
  'notice-bar',
  'skeleton',
  'share-sheet',
  'filter-bar',
  'sku-popup',
  'comment-item',
  'article-card',
  'store-card',
  'member-card',
];
export const NPM_COMPONENTS = [
  'button',
  'cell',
  'cell-group',
  'icon',
  'popup',
  'toast',
  'dialog',
  'tabs',
  'tab',
  'image',
];

export const LOGIN_ROUTE = 'pages/login/login';
export const CHECKOUT_ROUTE = 'pages/order/confirm/confirm';
