import type { LocalizedText } from '../types';
import { text } from '../types';

/**
 * The personal-information interfaces of mini programs, grouped the way the privacy guideline
 * (用户隐私保护指引) groups them, from the official list "小程序用户隐私保护指引内容介绍"
 * (developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html) and the
 * plugin table (…/user-privacy/plugin-intro.html). Components and open-types are listed separately.
 */
export interface PrivacyInfoKind {
  id: string;
  /** The item's name as the privacy guideline form shows it. */
  label: LocalizedText;
  apis: string[];
  openTypes?: string[];
  tags?: string[];
  scopes?: string[];
}

export const PRIVACY_INFO_KINDS: PrivacyInfoKind[] = [
  {
    id: 'phone',
    label: text('Phone number', '手机号'),
    apis: [],
    openTypes: ['getPhoneNumber', 'getRealtimePhoneNumber'],
  },
  {
    id: 'user-info',
    label: text('Nickname and avatar', '用户信息（微信昵称、头像）'),
    apis: ['getUserProfile', 'getUserInfo'],
    openTypes: ['chooseAvatar', 'getUserInfo'],
    scopes: ['scope.userInfo'],
  },
  {
    id: 'location',
    label: text('Location', '位置信息'),
    apis: [
      'getLocation',
      'getFuzzyLocation',
      'startLocationUpdate',
      'startLocationUpdateBackground',
      'onLocationChange',
    ],
    scopes: ['scope.userLocation', 'scope.userFuzzyLocation', 'scope.userLocationBackground'],
  },
  { id: 'chosen-location', label: text('Chosen location', '选中的位置'), apis: ['chooseLocation', 'choosePoi'] },
  { id: 'address', label: text('Postal address', '地址'), apis: ['chooseAddress'] },
  { id: 'invoice', label: text('Invoice information', '发票信息'), apis: ['chooseInvoiceTitle', 'chooseInvoice'] },
  { id: 'werun', label: text('WeRun steps', '微信运动步数'), apis: ['getWeRunData'], scopes: ['scope.werun'] },
  { id: 'license-plate', label: text('License plate', '车牌号'), apis: ['chooseLicensePlate'] },
  {
    id: 'album',
    label: text('Photos and videos', '照片或视频信息'),
    apis: ['chooseImage', 'chooseMedia', 'chooseVideo'],
  },
  { id: 'files', label: text('Files from chats', '文件'), apis: ['chooseMessageFile'] },
  {
    id: 'microphone',
    label: text('Microphone', '麦克风'),
    apis: ['startRecord', 'joinVoIPChat'],
    tags: ['live-pusher'],
    scopes: ['scope.record'],
  },
  {
    id: 'camera',
    label: text('Camera', '摄像头'),
    apis: ['createVKSession'],
    tags: ['camera', 'voip-room'],
    scopes: ['scope.camera'],
  },
  {
    id: 'bluetooth',
    label: text('Bluetooth', '蓝牙'),
    apis: ['openBluetoothAdapter', 'createBLEPeripheralServer'],
    scopes: ['scope.bluetooth'],
  },
  {
    id: 'album-write',
    label: text('Save to album', '相册（仅写入）权限'),
    apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'],
    scopes: ['scope.writePhotosAlbum'],
  },
  {
    id: 'contacts-write',
    label: text('Add to contacts', '通讯录（仅写入）权限'),
    apis: ['addPhoneContact'],
    scopes: ['scope.addPhoneContact'],
  },
  {
    id: 'calendar-write',
    label: text('Add to calendar', '日历（仅写入）权限'),
    apis: ['addPhoneCalendar', 'addPhoneRepeatCalendar'],
    scopes: ['scope.addPhoneCalendar'],
  },
  { id: 'clipboard', label: text('Clipboard', '剪切板'), apis: ['getClipboardData', 'setClipboardData'] },
  {
    id: 'sensors',
    label: text('Motion sensors', '设备方向、加速度等传感器信息'),
    apis: ['startAccelerometer', 'startCompass', 'startDeviceMotionListening', 'startGyroscope'],
  },
];

/** The 8 location APIs that must be listed in app.json `requiredPrivateInfos` (since 2022-07-14). */
export const REQUIRED_PRIVATE_INFOS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
];

/** getFuzzyLocation cannot be declared together with these (DevTools refuses to compile). */
export const PRECISE_LOCATION_APIS = [
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
];

/** Which `permission` scope an API needs a purpose for. */
export const LOCATION_SCOPE_OF: Record<string, string> = {
  getLocation: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  getFuzzyLocation: 'scope.userFuzzyLocation',
};

const KIND_BY_API = new Map<string, PrivacyInfoKind>();
for (const kind of PRIVACY_INFO_KINDS) for (const api of kind.apis) KIND_BY_API.set(api, kind);

export function privacyKindOfApi(api: string): PrivacyInfoKind | undefined {
  return KIND_BY_API.get(api);
}

export function privacyKindOfOpenType(openType: string): PrivacyInfoKind | undefined {
  return PRIVACY_INFO_KINDS.find((kind) => kind.openTypes?.includes(openType));
}

/** `wx.authorize({ scope: 'scope.userLocation' })` -> the scope, when written literally. */
export function authorizeScope(argumentText: string): string | undefined {
  return /scope\s*:\s*['"`](scope\.[A-Za-z]+)['"`]/.exec(argumentText)?.[1];
}
