import { createRule } from './rule';
import { text } from '../types';
import { REFERENCES } from './support/references';
import { platformUsesOf, vocabulary } from '../analysis';
import { appCallSites } from './support/report-helpers';

/**
 * Map, geocoding and analytics services that are never an app's own API, even when they are the host the
 * project names most often (its own API's address is often built at run time and never written out).
 */
const KNOWN_THIRD_PARTY_HOSTS =
  /(^|\.)(amap\.com|map\.qq\.com|map\.baidu\.com|aldwx\.com|umeng\.com|growingio\.com|sensorsdata\.cn|tianditu\.gov\.cn)$/i;

function hostOf(url: string | undefined): string | undefined {
  return url ? /^https?:\/\/([^/?#:]+)/i.exec(url.trim())?.[1]?.toLowerCase() : undefined;
}

export const personalDataThirdParty = createRule({
  meta: {
    id: 'personal-data-third-party',
    defaultSeverity: 'warning',
    title: text('Personal information sent to a third-party host', '个人信息发送到第三方服务器'),
    description: text(
      "Personal information may only go where the privacy guideline says it goes. A request that sends phone numbers, locations or identity data to a host that is not the app's own API (configure `apiHosts` in mp-privacy.config.json) shares it with a third party, which the privacy guideline must name.",
      '个人信息只能发送到用户隐私保护指引中说明的去向。把手机号、位置或身份信息发送到非本应用自有接口的主机（在 mp-privacy.config.json 中配置 `apiHosts`），就是与第三方共享，必须在隐私保护指引中写明。',
    ),
    howToFix: text(
      'Send it through your own API, or add the third party to the privacy guideline and to `apiHosts` once it is declared.',
      '通过自有接口发送；或在隐私保护指引中写明该第三方后，把它加入 `apiHosts`。',
    ),
    references: [REFERENCES.privacyInterfaces, REFERENCES.network, REFERENCES.request],
    messages: {
      sentToThirdParty: {
        en: 'Personal information ("{{field}}") is sent to {{host}}, which is not one of the app\'s own API hosts.',
        'zh-cn': '个人信息（“{{field}}”）被发送到 {{host}}，它不是本应用的自有接口。',
      },
    },
    evidence: {
      sentToThirdParty: {
        en: 'Own API hosts: {{ownHosts}} (set apiHosts in mp-privacy.config.json).',
        'zh-cn': '自有接口主机：{{ownHosts}}（在 mp-privacy.config.json 中设置 apiHosts）。',
      },
    },
  },
  check(context) {
    const requests = platformUsesOf(context.model, 'request', 'uploadFile');
    const hosts = requests.map((u) => hostOf(u.call.url)).filter((h): h is string => !!h);
    let ownHosts = new Set((context.config.apiHosts ?? []).map((h) => h.toLowerCase()));
    if (!ownHosts.size) {
      // Without configuration the most used host is taken as the app's own API.
      const counts = new Map<string, number>();
      for (const host of hosts) counts.set(host, (counts.get(host) ?? 0) + 1);
      const top = [...counts]
        .filter(([host]) => !KNOWN_THIRD_PARTY_HOSTS.test(host))
        .sort((a, b) => b[1] - a[1])
        .at(0);
      ownHosts = new Set(top ? [top[0]] : []);
    }
    for (const use of requests) {
      const host = hostOf(use.call.url);
      if (!host || ownHosts.has(host) || [...ownHosts].some((own) => host.endsWith(`.${own}`))) continue;
      // What goes out is the options' data, not what the success callback reads from the answer.
      const sent =
        use.call.sentText !== undefined
          ? use.call.sentText
          : use.call.argumentText.replace(/url\s*:\s*['"`][^'"`]*['"`]/, '');
      const personal = vocabulary.PERSONAL_KEY.exec(sent);
      if (!personal) continue;
      const data = {
        field: personal[0],
        host,
        ownHosts: text([...ownHosts].join(', ') || 'none configured', [...ownHosts].join('、') || '未配置'),
      };
      for (const range of appCallSites(context, use)) context.report({ messageId: 'sentToThirdParty', data, range });
    }
  },
});
