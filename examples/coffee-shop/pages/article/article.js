Page({
  data: { article: {} },

  onLoad(query) {
    wx.request({
      url: `https://api.example.com/articles/${query.id}`,
      success: (res) => this.setData({ article: res.data }),
    });
  },

  onPhone(e) {
    wx.setStorageSync('phoneCode', e.detail.code);
  },
});
