Component({
  data: { show: false },
  lifetimes: {
    attached() {
      wx.onNeedPrivacyAuthorization((resolve) => {
        this.resolvePrivacy = resolve;
        this.setData({ show: true });
      });
    },
  },
  methods: {
    onAgree() {
      this.setData({ show: false });
      this.resolvePrivacy({ event: 'agree', buttonId: 'agree' });
    },
  },
});
