import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { AppConfig } from '../config/types.ts';
import { buildGraph } from '../graph/build.ts';
import type { BuildParams } from '../graph/types.ts';
import type { MapHit, RendererFactory } from '../vizceral/renderer.ts';
import { TrafficMap } from '../vizceral/TrafficMap.tsx';
import { toVizceralTraffic } from '../vizceral/traffic.ts';
import { Banner } from './components/Banner.tsx';
import { DetailsPanel } from './components/DetailsPanel.tsx';
import { Header } from './components/Header.tsx';
import { Legend } from './components/Legend.tsx';
import { ProblemsPanel } from './components/ProblemsPanel.tsx';
import { TableView } from './components/TableView.tsx';
import { currentView, selection } from './currentView.ts';
import { refreshIntervalOptions, trafficOptions } from './data/trafficQueries.ts';
import type { Servers } from './data/trafficQueries.ts';
import { liveness } from './liveness.ts';
import { stateAfterClick } from './navigation.ts';
import { toRendererView } from './urlState.ts';
import { useNow, useUrlState } from './useUrlState.ts';

interface Props {
  readonly config: AppConfig;
  readonly servers: Servers;
  readonly createRenderer: RendererFactory;
  readonly sourceLabel?: string;
}

export function TrafficPage({ config, servers, createRenderer, sourceLabel }: Props) {
  const [state, navigate] = useUrlState();
  const now = useNow();
  const interval = useQuery(refreshIntervalOptions(config, servers));
  const intervalMs = interval.data?.ms ?? (config.refresh.mode === 'fixed' ? config.refresh.intervalMs : config.refresh.fallbackMs);
  const traffic = useQuery({ ...trafficOptions(config, servers, intervalMs), enabled: interval.isFetched });

  const params: BuildParams = useMemo(() => ({
    thresholds: config.thresholds,
    ...(config.datacenters.mode === 'listed' ? { datacenters: config.datacenters.list.map((d) => d.name) } : {}),
    internetPeers: config.convention.internetPeers,
    maxNodesPerView: config.maxNodesPerView,
  }), [config]);
  const graph = useMemo(() => (traffic.data ? buildGraph(traffic.data, params) : undefined), [traffic.data, params]);
  const vizTraffic = useMemo(() => graph && toVizceralTraffic(graph, {
    errorClasses: config.thresholds.errorClasses,
    ...(state.dc && state.service ? { focus: { datacenter: state.dc, service: state.service } } : {}),
    updated: traffic.dataUpdatedAt,
  }), [graph, config.thresholds.errorClasses, state.dc, state.service, traffic.dataUpdatedAt]);

  const live = liveness({
    now, dataUpdatedAt: traffic.dataUpdatedAt, errorUpdatedAt: traffic.errorUpdatedAt,
    ...(traffic.error ? { errorMessage: traffic.error.message } : {}), intervalMs,
  });
  const view = graph ? currentView(graph, state) : undefined;
  const selected = view ? selection(view, state) : null;
  const onClick = useCallback((hit: MapHit | null) => navigate(stateAfterClick(state, hit, graph)), [navigate, state, graph]);
  const unavailable = traffic.data?.failures ?? [];
  const notes = unavailable.map((f) => `${f.datacenters ? f.datacenters.join(', ') : 'Some datacenters'} unavailable: ${f.message}`);
  const problems = useMemo(() => [...(traffic.data?.problems ?? []), ...(graph?.problems ?? [])], [traffic.data, graph]);
  const hasNotices = notes.length + problems.length + (traffic.data?.warnings.length ?? 0) > 0;

  return (
    <div className="page" data-liveness={live.kind}>
      <Header title={config.title} state={state} navigate={navigate} liveness={live} servers={sourceLabel ? [sourceLabel] : servers.list.map((s) => s.plan.url)} {...(interval.data ? { interval: interval.data } : {})} />
      <Banner liveness={live} lastGoodAt={traffic.dataUpdatedAt} />
      <main className="main">
        <div className="stage">
          {!graph && live.kind === 'loading' && <p className="placeholder">Loading traffic from Prometheus…</p>}
          {!graph && live.kind === 'failed' && <p className="placeholder">No traffic could be read yet. The map appears as soon as Prometheus answers.</p>}
          {vizTraffic && state.view === 'map' && (
            <TrafficMap traffic={vizTraffic} view={toRendererView(state)} {...(state.edge ? { highlight: `${state.edge[0]}--${state.edge[1]}` } : {})}
              onClick={onClick} createRenderer={createRenderer} dimmed={live.kind !== 'live'} />
          )}
          {view && traffic.data && state.view === 'table' && (
            <TableView view={view} quantile={config.latencyQuantile} evaluatedAt={traffic.data.time} dimmed={live.kind !== 'live'}
              onSelectEdge={(source, target) => navigate({ ...state, edge: [source, target] })} />
          )}
          {state.view === 'map' && graph && <Legend />}
        </div>
        {(selected || hasNotices) && (
          <div className="side">
            {selected && <DetailsPanel selection={selected} datacenter={state.dc} quantile={config.latencyQuantile} {...(config.links.dashboard ? { dashboardTemplate: config.links.dashboard } : {})} />}
            {hasNotices && <ProblemsPanel problems={problems} warnings={traffic.data?.warnings ?? []} notes={notes} />}
          </div>
        )}
      </main>
    </div>
  );
}
