Page({
  onShow() {
    wx.openSetting({});
  },

  openPermissions() {
    wx.openSetting({});
  },
});
