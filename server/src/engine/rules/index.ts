import type { RuleModule } from './rule';
import { phoneOnEntry } from './phone-on-entry';
import { phoneWhileBrowsing } from './phone-while-browsing';
import { phonePurposeAtCheckout } from './phone-purpose-at-checkout';
import { userInfoWall } from './user-info-wall';
import { undeclaredPrivateInfo } from './undeclared-private-info';
import { conflictingLocationDeclarations } from './conflicting-location-declarations';
import { unusedPrivateInfoDeclaration } from './unused-private-info-declaration';
import { unknownPrivacyDeclaration } from './unknown-privacy-declaration';
import { locationPurpose } from './location-purpose';
import { privacyApiWithoutUserAction } from './privacy-api-without-user-action';
import { openSettingWithoutTap } from './open-setting-without-tap';
import { clipboardWithoutUserAction } from './clipboard-without-user-action';
import { subscribeMessageWithoutTap } from './subscribe-message-without-tap';
import { reportSubmitFormId } from './report-submit-formid';
import { deprecatedUserInfoApi } from './deprecated-user-info-api';
import { privacyAuthorizationFlow } from './privacy-authorization-flow';
import { privacyPopupNotMounted } from './privacy-popup-not-mounted';
import { personalDataStorage } from './personal-data-storage';
import { personalDataThirdParty } from './personal-data-third-party';
import { invalidSuppression } from './invalid-suppression';
import { unreadableFile } from './unreadable-file';

export { invalidSuppression, unreadableFile };

/** Every rule. Their order is the order of findings at one place, nothing else (overlaps: meta.supersedes). */
export const allRules: RuleModule[] = [
  phoneOnEntry,
  phoneWhileBrowsing,
  phonePurposeAtCheckout,
  userInfoWall,
  undeclaredPrivateInfo,
  conflictingLocationDeclarations,
  unusedPrivateInfoDeclaration,
  unknownPrivacyDeclaration,
  locationPurpose,
  privacyApiWithoutUserAction,
  openSettingWithoutTap,
  clipboardWithoutUserAction,
  subscribeMessageWithoutTap,
  reportSubmitFormId,
  deprecatedUserInfoApi,
  privacyAuthorizationFlow,
  privacyPopupNotMounted,
  personalDataStorage,
  personalDataThirdParty,
  invalidSuppression,
  unreadableFile,
];

export function ruleById(id: string): RuleModule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}
