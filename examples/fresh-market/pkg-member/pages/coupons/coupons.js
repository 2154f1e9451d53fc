Page({
  onPhone(e) {
    this.setData({ phoneCode: e.detail.code });
  },
});
