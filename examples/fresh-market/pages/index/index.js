const http = require('../../utils/http');

Page({
  data: { goods: [] },

  onLoad() {
    http.post('/goods/list', {}).then((res) => this.setData({ goods: res.data.list }));
  },

  feedback(e) {
    http.post('/feedback', { text: e.detail.value.text });
  },
});
