/**
 * A focused structural check of the SARIF 2.1.0 parts mp-privacy writes, following the required properties
 * and types of the OASIS schema and what GitHub code scanning rejects. Returns the problems found.
 */

const LEVELS = new Set(['none', 'note', 'warning', 'error']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

export function validateSarif(log: unknown): string[] {
  const problems: string[] = [];
  const check = (condition: boolean, message: string): void => {
    if (!condition) problems.push(message);
  };
  if (!isObject(log)) return ['log is not an object'];
  check(log.version === '2.1.0', 'version must be "2.1.0"');
  check(typeof log.$schema === 'string' && /sarif-2\.1\.0/.test(log.$schema), '$schema must name SARIF 2.1.0');
  if (!Array.isArray(log.runs) || log.runs.length === 0) return [...problems, 'runs must be a non-empty array'];

  log.runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run)) return check(false, `${at} is not an object`);
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver)) return check(false, `${at}.tool.driver is required`);
    check(
      typeof driver.name === 'string' && driver.name.length > 0,
      `${at}.tool.driver.name must be a non-empty string`,
    );
    const rules: unknown[] = Array.isArray(driver.rules) ? driver.rules : [];
    check(driver.rules === undefined || Array.isArray(driver.rules), `${at}.tool.driver.rules must be an array`);
    const ruleIds = new Set<string>();
    rules.forEach((rule, i) => {
      const ruleAt = `${at}.tool.driver.rules[${i}]`;
      if (!isObject(rule)) return check(false, `${ruleAt} is not an object`);
      check(typeof rule.id === 'string' && rule.id.length > 0, `${ruleAt}.id must be a non-empty string`);
      check(!ruleIds.has(rule.id as string), `${ruleAt}.id "${String(rule.id)}" is duplicated`);
      ruleIds.add(rule.id as string);
      for (const key of ['shortDescription', 'fullDescription']) {
        const value = rule[key];
        check(
          value === undefined || (isObject(value) && typeof value.text === 'string'),
          `${ruleAt}.${key}.text must be a string`,
        );
      }
      const help = rule.help;
      check(
        help === undefined || (isObject(help) && typeof help.text === 'string'),
        `${ruleAt}.help.text must be a string`,
      );
      check(
        rule.helpUri === undefined || (typeof rule.helpUri === 'string' && /^https?:\/\//.test(rule.helpUri)),
        `${ruleAt}.helpUri must be an absolute URL`,
      );
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      check(
        level === undefined || LEVELS.has(level as string),
        `${ruleAt}.defaultConfiguration.level is not a SARIF level`,
      );
    });

    const bases = run.originalUriBaseIds;
    check(
      bases === undefined ||
        (isObject(bases) &&
          Object.values(bases).every((base) => isObject(base) && /^file:\/\/.*\/$/.test(String(base.uri)))),
      `${at}.originalUriBaseIds must hold absolute file URIs ending with /`,
    );
    if (run.invocations !== undefined) {
      check(
        Array.isArray(run.invocations) &&
          run.invocations.every((inv) => isObject(inv) && typeof inv.executionSuccessful === 'boolean'),
        `${at}.invocations[].executionSuccessful must be a boolean`,
      );
    }
    if (!Array.isArray(run.results)) return check(false, `${at}.results must be an array`);
    run.results.forEach((result: unknown, i) => {
      const resultAt = `${at}.results[${i}]`;
      if (!isObject(result)) return check(false, `${resultAt} is not an object`);
      check(
        isObject(result.message) && typeof result.message.text === 'string' && result.message.text.length > 0,
        `${resultAt}.message.text must be a non-empty string`,
      );
      check(
        result.level === undefined || LEVELS.has(result.level as string),
        `${resultAt}.level "${String(result.level)}" is not a SARIF level`,
      );
      if (result.ruleIndex !== undefined) {
        const rule = rules[result.ruleIndex as number];
        check(
          Number.isInteger(result.ruleIndex) && isObject(rule) && rule.id === result.ruleId,
          `${resultAt}.ruleIndex ${JSON.stringify(result.ruleIndex)} must point at the rule with id ${JSON.stringify(result.ruleId)}`,
        );
      }
      check(
        Array.isArray(result.locations) && result.locations.length > 0,
        `${resultAt}.locations must be a non-empty array`,
      );
      const locations: unknown[] = [
        ...(Array.isArray(result.locations) ? result.locations : []),
        ...(Array.isArray(result.relatedLocations) ? result.relatedLocations : []),
      ];
      locations.forEach((location, l) => problems.push(...validateLocation(location, `${resultAt}.location#${l}`)));
      if (Array.isArray(result.relatedLocations)) {
        const ids = result.relatedLocations.map((location) => (isObject(location) ? location.id : undefined));
        check(
          ids.every((id) => Number.isInteger(id) && (id as number) >= 0) && new Set(ids).size === ids.length,
          `${resultAt}.relatedLocations need unique non-negative integer ids`,
        );
      }
    });
  });
  return problems;
}

function validateLocation(location: unknown, at: string): string[] {
  const problems: string[] = [];
  const physical = isObject(location) ? location.physicalLocation : undefined;
  if (!isObject(physical)) return [`${at}.physicalLocation is required`];
  const artifact = physical.artifactLocation;
  if (!isObject(artifact) || typeof artifact.uri !== 'string') return [`${at}.artifactLocation.uri must be a string`];
  const uri = artifact.uri;
  // GitHub resolves relative URIs against the checkout; absolute paths or drive letters would point nowhere.
  if (/^[\\/]/.test(uri) || /^[A-Za-z]:/.test(uri) || /^[a-z][a-z0-9+.-]*:/i.test(uri))
    problems.push(`${at} uri "${uri}" is not relative`);
  if (uri.includes('\\')) problems.push(`${at} uri "${uri}" uses backslashes`);
  if (/[\s]/.test(uri)) problems.push(`${at} uri "${uri}" is not percent-encoded`);
  if (typeof artifact.uriBaseId !== 'string') problems.push(`${at}.artifactLocation.uriBaseId must be a string`);
  const region = physical.region;
  if (!isObject(region)) return [...problems, `${at}.region is required`];
  for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    if (region[key] !== undefined && !isPositiveInteger(region[key]))
      problems.push(`${at}.region.${key} must be an integer >= 1`);
  }
  if (!isPositiveInteger(region.startLine)) problems.push(`${at}.region.startLine is required`);
  const endLine = (region.endLine ?? region.startLine) as number;
  if (endLine < (region.startLine as number)) problems.push(`${at}.region ends before it starts`);
  if (endLine === region.startLine && (region.endColumn as number) < (region.startColumn as number))
    problems.push(`${at}.region ends before it starts`);
  return problems;
}
