import type { Framework } from '../model';

/**
 * The members of a unit's definition that run by themselves (launch, load, show, mount), by how the sources
 * are written. A uni-app project may also hold native components (wxcomponents/), so its lists include the
 * native names. The framework adapters (parse/vue.ts, parse/jsx.ts) name their members so:
 *   uni-app (Vue): App.vue onLaunch/onShow; pages onLoad/onShow/onReady (uniapp.dcloud.net.cn/tutorial/page.html#lifecycle);
 *     Vue's created/beforeMount/mounted; `<script setup>` code is the member `setup`.
 *   Taro (React): class componentWillMount/componentDidMount/componentDidShow and onLoad/onShow/onReady;
 *     hooks useLaunch/useLoad/useDidShow/useReady/useEffect (docs.taro.zone/docs/hooks); a function component's
 *     body is `render`.
 */
const NATIVE = {
  app: ['onLaunch', 'onShow'],
  page: ['onLoad', 'onShow', 'onReady'],
  component: ['created', 'attached', 'ready', 'pageLifetimes.show'],
};
const VUE = ['created', 'beforeMount', 'mounted', 'setup', 'onMounted', 'onBeforeMount'];
const TARO_APP = [
  'componentWillMount',
  'componentDidMount',
  'componentDidShow',
  'useLaunch',
  'useDidShow',
  'useEffect',
  'useLayoutEffect',
  'render',
];
const TARO_UNIT = [
  'componentWillMount',
  'componentDidMount',
  'componentDidShow',
  'useLoad',
  'useDidShow',
  'useReady',
  'useEffect',
  'useLayoutEffect',
  'render',
];

export function appLifecycles(framework: Framework): string[] {
  if (framework === 'uni-app') return [...NATIVE.app, ...VUE];
  if (framework === 'taro') return [...NATIVE.app, ...TARO_APP];
  return NATIVE.app;
}

/** A page's lifecycle members (a page may be written as a component, so component lifecycles count too). */
export function pageLifecycles(framework: Framework): string[] {
  if (framework === 'uni-app') return [...NATIVE.page, ...NATIVE.component, ...VUE];
  if (framework === 'taro') return [...NATIVE.page, ...TARO_UNIT];
  return [...NATIVE.page, ...NATIVE.component];
}

export function componentLifecycles(framework: Framework): string[] {
  if (framework === 'uni-app') return [...NATIVE.component, ...VUE];
  if (framework === 'taro') return TARO_UNIT;
  return NATIVE.component;
}
