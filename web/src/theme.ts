import type { ThemeConfig } from 'antd';

export const BRAND_BLUE = '#1557b0';
export const BRAND_RED = '#c8161d';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    colorError: '#cf1322',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: BRAND_BLUE, headerHeight: 64, headerPadding: '0 16px', bodyBg: '#f3f6fa', footerBg: '#eef2f7' },
    Menu: { darkItemBg: BRAND_BLUE, darkItemSelectedBg: '#0e4491', darkItemHoverBg: '#1c66c6', darkItemColor: 'rgba(255,255,255,0.88)' },
    Card: { headerFontSize: 16 },
  },
};
