Page({
  data: { news: [], page: 1 },

  onLoad() {
    this.loadNews();
  },

  loadNews() {
    wx.request({
      url: 'https://api.example.com/news',
      data: { page: this.data.page },
      success: (res) => this.setData({ news: this.data.news.concat(res.data.list) }),
    });
  },

  onMore(e) {
    if (e.detail.code) wx.setStorageSync('phoneCode', e.detail.code);
    this.setData({ page: this.data.page + 1 });
    this.loadNews();
  },
});
