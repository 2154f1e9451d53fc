Page({
  data: { drink: {}, phoneCode: '' },

  onLoad(query) {
    wx.request({
      url: `https://api.example.com/drinks/${query.id}`,
      success: (res) => this.setData({ drink: res.data }),
    });
  },

  onGetPhone(e) {
    if (e.detail.code) this.setData({ phoneCode: e.detail.code });
  },

  submitOrder() {
    wx.request({
      url: 'https://api.example.com/orders',
      method: 'POST',
      data: { drinkId: this.data.drink.id, phoneCode: this.data.phoneCode },
      success: (res) => {
        wx.requestPayment({
          timeStamp: res.data.timeStamp,
          nonceStr: res.data.nonceStr,
          package: res.data.package,
          signType: 'RSA',
          paySign: res.data.paySign,
        });
      },
    });
  },
});
