/**
 * uni-app style conditional compilation: `// #ifdef MP-WEIXIN … // #endif` (also in block and HTML comments).
 * Code for other platforms is blanked out before parsing, keeping every offset and line in place, so rules
 * never see it and ranges stay right. Unknown conditions are kept (a false alarm beats a silent miss here).
 */
const DIRECTIVE = /^[ \t]*(?:\/\/|\/\*|<!--)\s*#(ifdef|ifndef|endif)\b([^\n]*?)(?:\*\/|-->)?[ \t]*$/;

const OTHER_PLATFORMS = /^(H5|WEB|APP|APP-PLUS|APP-PLUS-NVUE|APP-NVUE|APP-ANDROID|APP-IOS|APP-HARMONY|MP-ALIPAY|MP-BAIDU|MP-TOUTIAO|MP-LARK|MP-QQ|MP-KUAISHOU|MP-JD|MP-360|MP-XHS|MP-HARMONY|QUICKAPP-WEBVIEW|QUICKAPP-WEBVIEW-UNION|QUICKAPP-WEBVIEW-HUAWEI)$/i;
const WECHAT = /^(MP-WEIXIN|MP)$/i;

function evaluate(condition: string): boolean | undefined {
  const names = condition.split('||').map((n) => n.trim()).filter(Boolean);
  if (names.some((n) => WECHAT.test(n))) return true;
  if (names.length && names.every((n) => OTHER_PLATFORMS.test(n))) return false;
  return undefined;
}

export function stripOtherPlatforms(content: string): string {
  if (!content.includes('#if')) return content;
  const lines = content.split('\n');
  const stack: boolean[] = []; // true = this block is excluded
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]);
    const excludedNow = stack.includes(true);
    if (match) {
      const [, kind, condition] = match;
      if (kind === 'endif') stack.pop();
      else {
        const value = evaluate(condition);
        stack.push(kind === 'ifdef' ? value === false : value === true);
      }
      continue;
    }
    if (excludedNow) {
      lines[i] = lines[i].replace(/[^\r]/g, ' ');
      changed = true;
    }
  }
  return changed ? lines.join('\n') : content;
}
