import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppConfig } from '../config/types.ts';
import type { RendererFactory } from '../vizceral/renderer.ts';
import { createServers } from './data/trafficQueries.ts';
import { TrafficPage } from './TrafficPage.tsx';

/** Providers around the page. Query defaults suit a wall screen: keep data, refetch on reconnect. */
interface Props {
  readonly config: AppConfig;
  readonly createRenderer: RendererFactory;
  /** Shown instead of the Prometheus URLs (the demo says its data is simulated). */
  readonly sourceLabel?: string;
}

export function App({ config, createRenderer, sourceLabel }: Props) {
  const [client] = useState(() => new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, refetchOnReconnect: true } },
  }));
  const [servers] = useState(() => createServers(config));
  return (
    <QueryClientProvider client={client}>
      <TrafficPage config={config} servers={servers} createRenderer={createRenderer} {...(sourceLabel ? { sourceLabel } : {})} />
    </QueryClientProvider>
  );
}
