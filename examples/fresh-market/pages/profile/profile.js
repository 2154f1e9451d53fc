Page({
  onUserInfo(e) {
    this.setData({ user: e.detail.userInfo });
  },
});
