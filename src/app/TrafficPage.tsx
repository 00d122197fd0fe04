import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppConfig } from '../config/types.ts';
import { idText } from '../graph/displayNames.ts';
import type { MapHit, RendererFactory } from '../vizceral/renderer.ts';
import { TrafficMap } from '../vizceral/TrafficMap.tsx';
import { toVizceralTraffic } from '../vizceral/traffic.ts';
import { Banner } from './components/Banner.tsx';
import { DetailsPanel, DetailsPending, edgeTitle } from './components/DetailsPanel.tsx';
import { Header } from './components/Header.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { Legend } from './components/Legend.tsx';
import { ProblemsPanel } from './components/ProblemsPanel.tsx';
import { UnplacedAlertsPanel } from './components/AlertList.tsx';
import { offMapAlerts } from '../alerts/place.ts';
import { TableView } from './components/TableView.tsx';
import { Toolbar } from './components/Toolbar.tsx';
import { currentView, selection } from './currentView.ts';
import { selectionDetailsOptions } from './data/selectionDetails.ts';
import { selectionSpec } from './selectionSpec.ts';
import type { Servers } from './data/trafficQueries.ts';
import { useTraffic } from './data/useTraffic.ts';
import { stateAfterClick } from './navigation.ts';
import { allNames } from '../graph/serviceList.ts';
import { linkGroup } from './viewScope.ts';
import { nodeIdOf } from '../graph/views.ts';
import { dateFieldDue } from './timeTravel.ts';
import { rendererViewOf } from './currentView.ts';
import { usePageActions } from './usePageActions.ts';
import { applicable } from './filters.ts';
import { edgeOfKey, findInView } from '../graph/expressions/apply.ts';
import { parseExpression } from '../graph/expressions/parse.ts';
import { useNow, useUrlState } from './useUrlState.ts';
import { useReplay, useRotation } from './useWallScreen.ts';

interface Props {
  readonly config: AppConfig;
  readonly servers: Servers;
  readonly createRenderer: RendererFactory;
  readonly sourceLabel?: string;
}

export function TrafficPage({ config, servers, createRenderer, sourceLabel }: Props) {
  const [state, navigate] = useUrlState();
  const now = useNow();
  const t = useTraffic(config, servers, state, now);
  const { graph, read, list, scope, liveness: live, datacenters } = t;
  const searchRef = useRef<HTMLInputElement>(null);
  const groupFor = useCallback(
    (dc: string, name: string) => linkGroup(list, config.grouping, config.maxNodesPerView, dc, name),
    [list, config.grouping, config.maxNodesPerView],
  );
  const actions = usePageActions({ state, navigate, ...(list ? { list } : {}), groupFor, datacenters, intervalMs: t.intervalMs, ...(read ? { dataTime: read.time } : {}), searchRef });
  useRotation(state, datacenters, navigate);
  useReplay(actions.replay, t.intervalMs, state, navigate, () => actions.setReplay(null));

  const vizTraffic = useMemo(() => graph && toVizceralTraffic(graph, {
    errorClasses: config.thresholds.errorClasses,
    ...(scope?.level === 'focus' ? { focus: { datacenter: scope.dc, service: nodeIdOf(scope.service) } } : {}),
    updated: t.dataUpdatedAt,
    rewrites: config.displayName,
    ...(scope?.level === 'group' ? { group: scope.group } : {}),
    ...(config.baseline ? { baseline: config.baseline.offset } : {}),
  }), [graph, config.thresholds.errorClasses, config.displayName, scope, t.dataUpdatedAt, config.baseline]);
  // The page renders every second (the clock; `state` keeps its identity): what derives from the
  // graph and the URL is computed once per graph and URL.
  // The view of the data on screen: until a new view's answers arrive, the previous one stays.
  const view = useMemo(() => (graph && scope ? currentView(graph, scope) : undefined), [graph, scope]);
  const selected = useMemo(() => (view ? selection(view, state) : null), [view, state]);
  // Find marks what it matches in the view on screen (map and table); one that does not parse finds nothing.
  const find = useMemo(() => applicable(parseExpression(state.filters.find)), [state.filters.find]);
  const found = useMemo(() => (view && find ? findInView(view, find) : undefined), [view, find]);
  const mapFound = useMemo(() => found && { nodes: [...found.nodes], edges: [...found.edges].map(edgeOfKey) }, [found]);
  const onClick = useCallback(
    (hit: MapHit | null) => navigate(stateAfterClick(state, hit, graph, datacenters, groupFor)),
    [navigate, state, graph, datacenters, groupFor],
  );
  const spec = useMemo(() => (view && selected ? selectionSpec(view, selected) : null), [view, selected]);
  // The details panel's seven queries (two of them an hour long) wait until the first map is
  // drawn: they would compete with it for the server, the network and the page's main thread.
  const [firstMapDrawn, setFirstMapDrawn] = useState(false);
  const onFirstMap = useCallback(() => setFirstMapDrawn(true), []);
  const details = useQuery(selectionDetailsOptions({
    convention: config.convention, rateWindow: config.rateWindow, errorClasses: config.thresholds.errorClasses,
    servers, spec, time: read?.time, intervalMs: t.intervalMs, waiting: state.view === 'map' && !firstMapDrawn,
    ...(config.baseline ? { baseline: config.baseline.offset } : {}),
  }));
  // What the first map does not need is made once it is drawn (or the table is shown, or nothing
  // could be read), and stays: the toolbar's date field, costly to create, and the search's
  // suggestions, an <option> per service name of the platform (400 in the large demo, up to
  // 20,000 at 2,000 services in each of 10 datacenters), whose list arrives with the view's answers.
  const [dateField, setDateField] = useState(false);
  const dateFieldNow = dateFieldDue({ firstMapDrawn, view: state.view, liveness: live.kind });
  useEffect(() => { if (dateFieldNow) setDateField(true); }, [dateFieldNow]);
  const names = useMemo(() => (list && dateField ? allNames(list) : []), [list, dateField]);

  const notes = [
    ...(t.scopeNotice ? [t.scopeNotice] : []),
    ...(read?.failures ?? []).map((f) => `${f.datacenters ? f.datacenters.join(', ') : 'Some datacenters'} unavailable: ${f.message}`),
  ];
  const problems = useMemo(() => [...(read?.problems ?? []), ...(graph?.problems ?? [])], [read, graph]);
  // Before the first data, the panel the URL asks for keeps its place: the map is sized once
  // (a resize after the first map costs a frame's worth of GPU work and moves every node).
  const awaited = graph ? null : state.edge ? edgeTitle(state.edge[0], state.edge[1]) : state.service ? idText(state.service) : null;
  const offMap = useMemo(() => offMapAlerts(t.alerts.located, view), [t.alerts.located, view]);
  const hasNotices = offMap.length > 0 || notes.length + problems.length + (read?.warnings.length ?? 0) > 0;
  const dimmed = live.kind !== 'live' && live.kind !== 'pinned';

  return (
    <div className={`page${state.kiosk ? ' page--kiosk' : ''}`} data-liveness={live.kind}>
      <Header title={config.title} state={state} navigate={navigate} liveness={live}
        servers={sourceLabel ? [sourceLabel] : servers.list.map((s) => s.plan.url)} {...(t.interval ? { interval: t.interval } : {})}
        {...(read && state.time === null ? { asOf: { time: read.time, delayMs: t.delayMs, measured: t.delay?.source === 'measured' } } : {})}
        search={{ names, onFind: actions.find, inputRef: searchRef }}
        alerts={{ status: t.alerts.status, count: t.alerts.located.length, ...(t.alerts.message ? { message: t.alerts.message } : {}) }}
        {...(t.shownInstead && t.scopeNotice ? { shownInstead: { scope: t.shownInstead, notice: t.scopeNotice } } : {})} />
      {!state.kiosk && <Toolbar state={state} navigate={navigate} actions={actions} nowS={Math.floor(now / 1000)} dateField={dateField} />}
      <Banner liveness={live} lastGoodAt={t.dataUpdatedAt} onBackToLive={actions.live} />
      <main className="main">
        <div className="stage">
          {!graph && live.kind === 'loading' && <p className="placeholder">Loading traffic from Prometheus…</p>}
          {!graph && live.kind === 'failed' && <p className="placeholder">No traffic could be read yet. The map appears as soon as Prometheus answers.</p>}
          {state.view === 'map' ? (
            // Mounted before the first data: the renderer is created while the first queries are answered.
            <TrafficMap traffic={vizTraffic ?? undefined} view={scope ? rendererViewOf(scope) : []} {...(state.edge ? { highlight: { type: 'connection', source: state.edge[0], target: state.edge[1] } } : {})}
              {...(mapFound ? { found: mapFound } : {})} onClick={onClick} createRenderer={createRenderer} dimmed={dimmed} onFirstMap={onFirstMap} />
          ) : null}
          {view && read && state.view === 'table' && (
            <TableView view={view} quantile={config.latencyQuantile} evaluatedAt={read.time} dimmed={dimmed} {...(found ? { found } : {})} {...(config.baseline ? { baseline: config.baseline.offset } : {})}
              onSelectEdge={(source, target) => navigate({ ...state, edge: [source, target] })} />
          )}
          {state.view === 'map' && graph && <Legend latency={config.thresholds.latency} quantile={config.latencyQuantile} overrides={(config.thresholds.overrides?.length ?? 0) > 0} {...(config.baseline ? { baseline: config.baseline.offset } : {})} />}
        </div>
        {(selected || awaited || (hasNotices && !state.kiosk)) && (
          <div className="side">
            {awaited && <DetailsPending title={awaited} />}
            {selected && (
              <DetailsPanel selection={selected} datacenter={state.dc} quantile={config.latencyQuantile} {...(config.links.dashboard ? { dashboardTemplate: config.links.dashboard } : {})}
                {...(view ? { view } : {})} onFocus={(id) => onClick({ type: 'node', name: id })} pinnedTime={state.time}
                tools={config.links} {...(read ? { evaluatedAt: read.time } : {})} {...(config.baseline ? { baseline: config.baseline.offset } : {})}
                {...(details.data && spec ? { details: details.data } : {})} {...(details.error ? { detailsError: details.error.message } : {})} />
            )}
            {!state.kiosk && <UnplacedAlertsPanel items={offMap} now={now} past={state.time !== null} />}
            {hasNotices && !state.kiosk && <ProblemsPanel problems={problems} warnings={read?.warnings ?? []} notes={notes} />}
          </div>
        )}
      </main>
      {actions.helpOpen && <HelpOverlay onClose={() => actions.setHelpOpen(false)} />}
    </div>
  );
}
