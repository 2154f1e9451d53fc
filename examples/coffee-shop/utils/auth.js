// Shared helper: pages call it to make sure the user is logged in.
function requireLogin() {
  if (!wx.getStorageSync('token')) {
    wx.navigateTo({ url: '/pages/login/login' });
    return false;
  }
  return true;
}

module.exports = { requireLogin };
