'use strict';
// The `mpPrivacy.rules` setting lists every rule of the engine (so settings.json completes and validates
// rule ids), each described by its bilingual title. This module computes what package.json and the nls
// files should hold; scripts/sync-rule-settings.js writes it, and a test checks they are in sync.

const SEVERITY_SCHEMA = {
  type: 'string',
  enum: ['error', 'warning', 'info', 'off'],
  enumDescriptions: ['%config.severity.error%', '%config.severity.warning%', '%config.severity.info%', '%config.severity.off%'],
};

/** @param {{ meta: { id: string, defaultSeverity: string, title: { en: string, 'zh-cn': string } } }[]} rules */
function expectedRuleSettings(rules) {
  const properties = {};
  const nls = { en: {}, 'zh-cn': {} };
  for (const { meta } of rules) {
    const key = `config.rules.${meta.id}`;
    properties[meta.id] = { type: 'string', enum: SEVERITY_SCHEMA.enum, markdownDescription: `%${key}%` };
    nls.en[key] = `**${meta.title.en}** (default: \`${meta.defaultSeverity}\`)`;
    nls['zh-cn'][key] = `**${meta.title['zh-cn']}**（默认：\`${meta.defaultSeverity}\`）`;
  }
  return { properties, nls };
}

module.exports = { SEVERITY_SCHEMA, expectedRuleSettings };
