// Example for mp-privacy: the rule catalogue across subpackages (see examples/README.md).
App({
  onLaunch() {
    wx.startCompass();
  },
  onShow() {
    wx.getClipboardData({ success: (res) => this.checkInviteCode(res.data) });
  },
  checkInviteCode() {},
});
