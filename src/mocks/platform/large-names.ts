/**
 * Names of a generated large platform (large.ts). Group names are single lowercase words (no
 * dash, none a datacenter's name or "internet"), so the default group rule `^([^-]+)-` captures
 * the group of `payments-ledger-12`; names of services without a group have no dash at all.
 */

export const GROUP_WORDS: readonly string[] = [
  'payments', 'orders', 'catalog', 'search', 'identity', 'billing', 'shipping', 'inventory',
  'pricing', 'checkout', 'accounts', 'reviews', 'media', 'messaging', 'notifications', 'analytics',
  'ads', 'loyalty', 'fraud', 'support', 'content', 'maps', 'partners', 'reporting',
  'risk', 'returns', 'warehouse', 'delivery', 'cart', 'profiles', 'sessions', 'recommendations',
  'promotions', 'tax', 'invoices', 'marketplace', 'sellers', 'vouchers', 'subscriptions', 'logistics',
  'compliance', 'audit', 'feeds', 'translation', 'experiments', 'security', 'storage', 'streaming',
];

/** The n-th group's name (0-based): a word, then the words again with a number (`payments2`). */
export function groupName(n: number): string {
  const word = GROUP_WORDS[n % GROUP_WORDS.length] ?? 'group';
  const round = Math.floor(n / GROUP_WORDS.length);
  return round === 0 ? word : `${word}${round + 1}`;
}

/** What a group's services do (the middle part of `payments-ledger-12`); `api` is each group's front door. */
export const THINGS: readonly string[] = [
  'worker', 'ledger', 'store', 'indexer', 'sync', 'events', 'notifier', 'reports', 'scheduler',
  'importer', 'exporter', 'validator', 'resolver', 'router', 'adapter', 'projector', 'auditor',
  'archiver', 'renderer', 'matcher', 'scorer', 'planner', 'tracker', 'registry', 'quota', 'limiter',
  'writer', 'reader', 'cache', 'backend', 'admin', 'webhooks', 'batch', 'state', 'rules',
];

/** Services without a group (no dash, no namespace): the first is the internet-facing gateway. */
export const UNGROUPED: readonly string[] = ['gateway', 'monolith', 'mainframe', 'sso', 'wiki'];

/** Providers outside every datacenter (uninstrumented callees with no datacenter). */
export const PROVIDERS: readonly string[] = ['acquirer', 'mailrelay', 'geocoder', 'smsgateway'];
