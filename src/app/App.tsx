import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AppConfig } from '../config/types.ts';
import type { ServiceList } from '../graph/serviceList.ts';
import type { RendererFactory } from '../vizceral/renderer.ts';
import { initialDelayMs } from './data/queryDelayOptions.ts';
import { createServers, initialIntervalMs, refreshIntervalOptions, serviceListOptions, trafficOptions } from './data/trafficQueries.ts';
import { listedDatacenters } from './data/useTraffic.ts';
import { resolveScope } from './viewScope.ts';
import type { Servers } from './data/trafficQueries.ts';
import { TrafficPage } from './TrafficPage.tsx';
import { decodeUrlState } from './urlState.ts';

/** The page's query client and Prometheus servers. */
export interface Reads {
  readonly client: QueryClient;
  readonly servers: Servers;
}

/**
 * Makes the query client and starts the first reads (the traffic at the URL's moment and the
 * scrape interval) before the page renders: the first render costs a few hundred ms on a slow
 * machine, and the page's queries take the reads in flight over (same keys) instead of waiting.
 */
export function startReads(config: AppConfig, search: string): Reads {
  const client = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, refetchOnReconnect: true } },
  });
  const servers = createServers(config);
  // The view's reads go out now when the URL alone says what the view is, and first: a browser
  // opens six connections to a server, and the service list (the platform's every service) and
  // the scrape interval would otherwise take two of them ahead of the view's six queries. A
  // datacenter whose size decides between flat and grouped reads its view as soon as the list is
  // in (not after the page has rendered with it and made its map: 0.3 s later on a slow machine).
  // All are the page's own reads (same keys).
  const state = decodeUrlState(search);
  const listed = listedDatacenters(config);
  const readView = (list?: ServiceList): void => {
    const { scope } = resolveScope(state, list, config.grouping, config.maxNodesPerView, listed);
    if (scope) void client.prefetchQuery(trafficOptions(config, servers, initialIntervalMs(config), state.time, initialDelayMs(config), scope));
  };
  if (resolveScope(state, undefined, config.grouping, config.maxNodesPerView, listed).scope) {
    readView();
    void client.prefetchQuery(serviceListOptions(config, servers));
  } else {
    // A failed list is the page's to show (it reads it again).
    client.fetchQuery(serviceListOptions(config, servers)).then(readView, () => {});
  }
  void client.prefetchQuery(refreshIntervalOptions(config, servers));
  return { client, servers };
}

/** Providers around the page. Query defaults suit a wall screen: keep data, refetch on reconnect. */
interface Props {
  readonly config: AppConfig;
  /** From `startReads` (made before the first render). */
  readonly reads: Reads;
  readonly createRenderer: RendererFactory;
  /** Shown instead of the Prometheus URLs (the demo says its data is simulated). */
  readonly sourceLabel?: string;
}

export function App({ config, reads: { client, servers }, createRenderer, sourceLabel }: Props) {
  return (
    <QueryClientProvider client={client}>
      <TrafficPage config={config} servers={servers} createRenderer={createRenderer} {...(sourceLabel ? { sourceLabel } : {})} />
    </QueryClientProvider>
  );
}
