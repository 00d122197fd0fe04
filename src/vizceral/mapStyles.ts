/** Colours tuned for a wall screen: a dark background and high-contrast health colours. */
export const PAGE_BACKGROUND = 0x11141a;
export const MAP_STYLES = {
  colorText: 'rgb(226, 230, 236)',
  colorTextDisabled: 'rgb(130, 138, 150)',
  colorTraffic: {
    normal: 'rgb(120, 190, 240)',
    normalDonut: 'rgb(70, 80, 96)',
    warning: 'rgb(255, 184, 48)',
    danger: 'rgb(255, 64, 64)',
  },
  colorNormalDimmed: 'rgb(90, 110, 130)',
  colorBackgroundDark: 'rgb(17, 20, 26)',
  colorDonutInternalColor: 'rgb(17, 20, 26)',
  colorConnectionLine: 'rgb(92, 104, 120)',
  colorPageBackground: 'rgb(17, 20, 26)',
  colorPageBackgroundTransparent: 'rgba(17, 20, 26, 0)',
  colorArcBackground: 'rgb(52, 60, 72)',
};
