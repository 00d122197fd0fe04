/** A config with two mistakes the error page must name. */
export const BAD_CONFIG = {
  prometheus: { url: 'http://127.0.0.1:9090' },
  thresholds: { warning: 0.01, danger: 'high' },
  refreshInterval: 'every minute',
};
