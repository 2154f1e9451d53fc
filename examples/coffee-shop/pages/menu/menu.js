const auth = require('../../utils/auth');

Page({
  data: { drinks: [] },

  onShow() {
    // phone-while-browsing: opening the menu tab sends a new user to the phone-only login page.
    auth.requireLogin();
  },

  openDrink(e) {
    wx.navigateTo({ url: `/pages/order/confirm?id=${e.currentTarget.dataset.id}` });
  },
});
