const API = 'https://api.freshmarket.cn';

function post(path, data) {
  return new Promise((resolve) => wx.request({ url: API + path, method: 'POST', data, success: resolve }));
}

module.exports = { post };
