const http = require('../../../utils/http');

Page({
  data: { goods: {} },

  async notifyRestock() {
    await http.post('/restock/watch', { id: this.data.goods.id });
    wx.requestSubscribeMessage({ tmplIds: ['RESTOCK'] });
  },
});
