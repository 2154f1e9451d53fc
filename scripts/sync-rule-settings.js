#!/usr/bin/env node
'use strict';
// Brings package.json's `mpPrivacy.rules` properties and the rule descriptions in package.nls*.json in line
// with the engine's rules (run it after adding or renaming a rule; `npm run package` runs it too).
// `--check` only reports differences and exits 1 if there are any.
const fs = require('fs');
const path = require('path');
const { loadEngine, repoRoot } = require('./lib/engine');
const { expectedRuleSettings } = require('./lib/rule-settings');

function syncRuleSettings({ check = false, log = console.log } = {}) {
  const { allRules } = loadEngine();
  const { properties, nls } = expectedRuleSettings(allRules);
  const changed = [];

  const manifestPath = path.join(repoRoot, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const rulesSetting = manifest.contributes.configuration.properties['mpPrivacy.rules'];
  if (JSON.stringify(rulesSetting.properties) !== JSON.stringify(properties)) {
    rulesSetting.properties = properties;
    changed.push('package.json (contributes.configuration mpPrivacy.rules)');
    if (!check) fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }

  for (const [locale, file] of [['en', 'package.nls.json'], ['zh-cn', 'package.nls.zh-cn.json']]) {
    const nlsPath = path.join(repoRoot, file);
    const current = JSON.parse(fs.readFileSync(nlsPath, 'utf8'));
    const next = {};
    for (const [key, value] of Object.entries(current)) if (!key.startsWith('config.rules.') || key === 'config.rules.description') next[key] = value;
    Object.assign(next, nls[locale]);
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      changed.push(file);
      if (!check) fs.writeFileSync(nlsPath, JSON.stringify(next, null, 2) + '\n');
    }
  }
  if (changed.length) log(`${check ? 'out of date' : 'updated'}: ${changed.join(', ')} (${allRules.length} rules)`);
  return changed;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const changed = syncRuleSettings({ check });
  if (!changed.length) console.log('rule settings are in sync with the engine');
  if (check && changed.length) {
    console.error('run: node scripts/sync-rule-settings.js');
    process.exit(1);
  }
}

module.exports = { syncRuleSettings };
