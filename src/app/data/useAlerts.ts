import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { locateAlerts, placementRules } from '../../alerts/locate.ts';
import type { LocatedAlert, ServiceDirectory } from '../../alerts/locate.ts';
import type { AppConfig } from '../../config/types.ts';
import type { ServiceList } from '../../graph/serviceList.ts';
import { alertsOptions } from './alertsQuery.ts';
import type { AlertsRead } from './alertsQuery.ts';
import type { Servers } from './trafficQueries.ts';

export interface AlertsState {
  /** off: config "off"; loading: not read yet; unavailable: the read failed (the map goes on without). */
  readonly status: 'off' | 'loading' | 'ok' | 'unavailable';
  readonly located: readonly LocatedAlert[];
  /** Why they are unavailable, or which servers' alerts are missing. */
  readonly message?: string;
  readonly source?: AlertsRead['source'];
}

const NONE: readonly LocatedAlert[] = [];

/** The firing alerts, located by the convention's label roles and the config, against the service list. */
export function useAlerts(config: AppConfig, servers: Servers, intervalMs: number, pinnedTime: number | null, list: ServiceList | undefined): AlertsState {
  const query = useQuery(alertsOptions(config, servers, intervalMs, pinnedTime));
  const rules = useMemo(
    () => placementRules(config.convention, config.alerts.serviceLabels, config.alerts.datacenterLabels),
    [config.convention, config.alerts.serviceLabels, config.alerts.datacenterLabels],
  );
  const directory = useMemo((): ServiceDirectory | null => {
    if (!list) return null;
    const byName = new Map<string, string[]>();
    for (const [dc, names] of list.services) for (const name of names.keys()) byName.set(name, [...(byName.get(name) ?? []), dc]);
    return { datacentersOf: (service) => byName.get(service) ?? [] };
  }, [list]);
  const data = query.data;
  const located = useMemo(() => (data ? locateAlerts(data.alerts, rules, directory) : NONE), [data, rules, directory]);
  if (!config.alerts.enabled) return { status: 'off', located: NONE };
  // A failed refresh drops the last alerts: an alert that resolved meanwhile must not stay on the map.
  if (query.isError) return { status: 'unavailable', located: NONE, message: query.error.message };
  if (!data) return { status: 'loading', located: NONE };
  const partial = data.failures.map((f) => `${f.url}: ${f.message}`).join('; ');
  return { status: 'ok', located, ...(partial ? { message: partial } : {}), source: data.source };
}
