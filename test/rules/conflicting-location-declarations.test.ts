import { runRuleTests } from '../helpers/rule-tester';
import { appJson, contentPage } from '../helpers/mini-program';
import { runRuleTestsInForms } from '../helpers/rule-tester';
import { tapPage, withStores } from '../helpers/forms';

const INDEX = 'pages/index/index';

runRuleTests('conflicting-location-declarations', {
  valid: [
    {
      name: 'only the fuzzy API',
      files: { ...appJson([INDEX], { requiredPrivateInfos: ['getFuzzyLocation'] }), ...contentPage(INDEX) },
    },
    {
      name: 'only precise APIs',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation', 'onLocationChange', 'startLocationUpdate'] }),
        ...contentPage(INDEX),
      },
    },
    {
      name: 'fuzzy with choose* APIs, which are not exclusive',
      files: {
        ...appJson([INDEX], {
          requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation', 'chooseAddress', 'choosePoi'],
        }),
        ...contentPage(INDEX),
      },
    },
  ],
  invalid: [
    {
      name: 'fuzzy and getLocation',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getLocation', 'getFuzzyLocation'] }),
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }],
    },
    {
      name: 'fuzzy and startLocationUpdateBackground',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['getFuzzyLocation', 'startLocationUpdateBackground'] }),
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }],
    },
    {
      name: 'fuzzy and onLocationChange',
      files: {
        ...appJson([INDEX], { requiredPrivateInfos: ['onLocationChange', 'chooseAddress', 'getFuzzyLocation'] }),
        ...contentPage(INDEX),
      },
      errors: [{ file: 'app.json', at: '"getFuzzyLocation"' }],
    },
  ],
});

// The same cases in the three forms mp-privacy reads: native, uni-app and Taro (test/helpers/forms.ts).
runRuleTestsInForms('conflicting-location-declarations', {
  valid: [
    {
      name: 'only precise APIs',
      project: withStores(tapPage('wx.getLocation({});'), { requiredPrivateInfos: ['getLocation', 'chooseLocation'] }),
    },
  ],
  invalid: [
    {
      name: 'fuzzy and precise together',
      project: withStores(tapPage('wx.getLocation({});'), {
        requiredPrivateInfos: ['getLocation', 'getFuzzyLocation'],
      }),
      errors: [{ part: 'settings', at: '"getFuzzyLocation"' }],
    },
  ],
});
