// Example for mp-privacy: each page shows one privacy rule (see examples/README.md).
App({
  globalData: { token: '' },

  onLaunch() {
    // phone-on-entry: every first launch lands on a page that only asks for the phone number.
    this.checkLogin();
  },

  checkLogin() {
    const token = wx.getStorageSync('token');
    if (!token) {
      wx.reLaunch({ url: '/pages/login/login' });
    }
    this.globalData.token = token;
  },
});
