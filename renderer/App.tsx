/**
 * The window: request bar on top, the cluster in the middle with the inspector beside it, playback
 * and the event list below. App wires state together; every piece of logic lives in its own module.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Outcome, ShownRun } from '../src/model/trace';
import type { Scenario } from '../src/api/contract';
import { getApi } from './bridge/api';
import { playbackCommand } from './input/keymap';
import { canonicalKey } from '../src/model/componentId';
import { DetailsPanel } from './panels/DetailsPanel';
import { Dock } from './panels/Dock';
import { EventList } from './panels/EventList';
import { PacketInspector } from './panels/PacketInspector';
import { PlaybackBar } from './panels/PlaybackBar';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { RequestBar } from './panels/RequestBar';
import { ResultsPanel } from './panels/ResultsPanel';
import { ScenariosPanel } from './panels/ScenariosPanel';
import { SIDE_TABS_QUERY, SideTabs } from './panels/SideTabs';
import { useFold } from './state/useFold';
import { RunFiles } from './panels/RunFiles';
import type { RunFile } from '../src/api/runFile';
import { runCommand } from './panels/runCommand';
import { ReachabilityView } from './panels/ReachabilityView';
import { StatusBar } from './panels/StatusBar';
import { type AppView, TitleBar } from './panels/TitleBar';
import { Toasts, useToasts } from './panels/Toasts';
import { PlaybackController } from './playback/controller';
import { buildTimeline, EMPTY_TIMELINE } from './playback/timeline';
import { afterNextFrame } from './playback/afterNextFrame';
import { PredictionPanel } from './panels/PredictionPanel';
import { usePredictFirst } from './state/usePredictFirst';
import type { PlaybackState } from './playback/controller';
import { usePlaybackSelector } from './playback/usePlayback';
import { useCluster } from './state/useCluster';
import { useFolderDrop } from './state/useFolderDrop';
import { useMediaQuery } from './state/useMediaQuery';
import { APPLY_TITLE, useOperate } from './state/useOperate';
import { GROUP_REPLICAS_ABOVE, layoutTopology, visiblePods } from './viz/layout';
import { MAP_TOOLBAR_HEIGHT, MapToolbar } from './viz/MapToolbar';
import { useAspect } from './viz/useAspect';
import { MAP_ID, Topology, type MapHandle } from './viz/Topology';
import { type SourceTarget, SourceNav } from './source/sourceNav';
import { SourceView } from './source/SourceView';
import { clearSourceCache } from './source/sourceCache';

/**
 * The hop the SVG marks: the one being inspected, only while paused. During playback the canvas halo
 * marks it, so neither the drawing nor the App re-render while packets fly.
 */
function markedEvent(s: PlaybackState) {
  return s.playing || s.selected < 0 ? undefined : s.timeline.events[s.selected];
}

/** The skip link moves the focus to the map (a hash alone would only scroll, and nothing scrolls here). */
function skipToMap(e: React.MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  document.getElementById(MAP_ID)?.focus();
}

export function App() {
  const api = useMemo(() => getApi(), []);
  const cluster = useCluster(api);
  const { snapshot } = cluster;
  const controller = useMemo(() => new PlaybackController(), []);
  const marked = usePlaybackSelector(controller, markedEvent);
  const { toasts, push, dismiss } = useToasts();
  const [run, setRun] = useState<ShownRun | null>(null);
  const [predictFirst, setPredictFirst] = usePredictFirst();
  // The current run's prediction under Predict first (null: not asked for this run).
  const [prediction, setPrediction] = useState<{ guess: Outcome | null } | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [matches, setMatches] = useState<Set<string> | null>(null);
  const [showSystemPods, setShowSystemPods] = useState(false);
  const [view, setView] = useState<AppView>('map');
  const [shownRequest, setShownRequest] = useState<{ from: string; to: string; count?: number; intervalSeconds?: number } | null>(null);
  // The request last sent, as the bar sent it: what Save scenario keeps.
  const [lastSent, setLastSent] = useState<{ from: string; to: string; count: number; intervalSeconds?: number } | null>(null);
  const mapHandle = useRef<MapHandle | null>(null);
  const narrow = useMediaQuery(SIDE_TABS_QUERY);
  const [source, setSource] = useState<SourceTarget | null>(null);
  const openSource = useCallback((t: SourceTarget) => {
    setSource(t);
    if (t.select) setSelectedKey(t.select);
  }, []);
  const revision = snapshot?.revision ?? 0;
  useEffect(() => clearSourceCache(), [revision, snapshot?.folder]);

  useEffect(() => () => controller.dispose(), [controller]);

  // Playback keys act on the map's run; while the Reachability view covers the map they do nothing.
  const mapShown = useRef(true);
  useLayoutEffect(() => {
    mapShown.current = view === 'map';
  }, [view]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const cmd = playbackCommand({
        key: e.key,
        tag: el?.tagName?.toUpperCase() ?? '',
        inputType: (el as HTMLInputElement | null)?.type,
        editable: el?.isContentEditable,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
      });
      if (!cmd || !mapShown.current || controller.getState().timeline.events.length === 0) return;
      e.preventDefault();
      runCommand(controller, cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  // Electron's Simulation menu drives the same playback.
  useEffect(
    () =>
      api.onMenuCommand?.((command) => {
        if (controller.getState().timeline.events.length === 0) return;
        runCommand(controller, command === 'play-pause' ? 'toggle' : command === 'step-forward' ? 'forward' : 'back');
      }),
    [api, controller],
  );

  // The drawing is arranged for the map's shape (wide and low once the dock is open).
  const mapPane = useRef<HTMLDivElement | null>(null);
  const aspect = useAspect(mapPane, MAP_TOOLBAR_HEIGHT);
  // A run that asks kube-dns keeps CoreDNS on the map, so its DNS packets have somewhere to go.
  const showClusterDns = useMemo(() => run?.events.some((e) => e.dns !== undefined && e.at === 'svc/kube-system/kube-dns') ?? false, [run]);
  // Replicas of a workload on a node drawn as one card: by default when the map is dense; the toolbar toggles it.
  const [groupPref, setGroupPref] = useState<boolean | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const groupReplicas = useMemo(
    () => groupPref ?? (snapshot ? visiblePods(snapshot, { showSystemPods, showClusterDns }).length > GROUP_REPLICAS_ABOVE : false),
    [groupPref, snapshot, showSystemPods, showClusterDns],
  );
  const toggleGroups = useCallback(() => {
    setGroupPref(!groupReplicas);
    setExpanded(new Set());
  }, [groupReplicas]);
  const expandGroup = useCallback((key: string) => setExpanded((prev) => new Set(prev).add(key)), []);
  const collapseGroup = useCallback(
    (key: string) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        next.delete(key);
        return next;
      }),
    [],
  );
  const layout = useMemo(
    () => (snapshot ? layoutTopology(snapshot, { showSystemPods, showClusterDns, aspect, groupReplicas, expanded }) : null),
    [snapshot, showSystemPods, showClusterDns, aspect, groupReplicas, expanded],
  );

  // The first request of a session plays by itself: a new user sees a packet travel without looking for Play.
  const sentBefore = useRef(false);

  /** Sends a request and loads its run for playback; true when it was traced. */
  const send = useCallback(
    async (req: { from: string; to: string; count: number; intervalSeconds?: number }): Promise<boolean> => {
      setBusy(true);
      setSendError(null);
      try {
        const r = await api.sendRequest(req);
        if (r.ok) {
          setRun(r.value);
          setLastSent(req);
          const first = !sentBefore.current;
          sentBefore.current = true;
          if (predictFirst) {
            // Nothing of the run on screen (packets, hops, outcomes) until the student has guessed.
            setPrediction({ guess: null });
            controller.load(EMPTY_TIMELINE);
            return true;
          }
          setPrediction(null);
          // The panels open for the run in a frame of their own (the old run's timeline cleared, the map
          // re-fitting in the next); then the 200 requests reach each view in a frame of its own (load).
          controller.load(EMPTY_TIMELINE);
          await afterNextFrame();
          controller.load(buildTimeline(r.value.events));
          if (first) controller.play();
          return true;
        }
        setSendError(r.error);
      } catch (e) {
        setSendError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
      return false;
    },
    [api, controller, predictFirst],
  );

  // The guess is in: the run goes on screen and plays; the verdict follows once playback reveals the outcomes.
  const guess = useCallback(
    (outcome: Outcome) => {
      if (!run) return;
      setPrediction({ guess: outcome });
      controller.load(buildTimeline(run.events));
      controller.play();
    },
    [run, controller],
  );

  // Turned off while a guess is awaited: the run goes on screen as any run does (paused at its start).
  const togglePredictFirst = useCallback(
    (on: boolean) => {
      setPredictFirst(on);
      if (!on && prediction?.guess === null && run) {
        setPrediction(null);
        controller.load(buildTimeline(run.events));
      }
    },
    [setPredictFirst, prediction, run, controller],
  );

  // A Reachability cell: back on the map, the request in the bar, and its packet on its way.
  const sendFromReach = useCallback(
    async (req: { from: string; to: string; count: number; intervalSeconds?: number }) => {
      setView('map');
      setShownRequest({ from: req.from, to: req.to });
      if (await send(req)) controller.play();
    },
    [send, controller],
  );

  // A scenario or lesson: its request in the bar, sent, and played.
  const replay = useCallback(
    async (s: Scenario) => {
      const interval = s.intervalSeconds !== undefined ? { intervalSeconds: s.intervalSeconds } : {};
      setShownRequest({ from: s.from, to: s.to, count: s.count, ...interval });
      if (await send({ from: s.from, to: s.to, count: s.count, ...interval })) controller.play();
    },
    [send, controller],
  );
  // A run file: played on the map as it was recorded (the request shown in the bar, paused at its start).
  const openRun = useCallback(
    (file: RunFile, name: string) => {
      setRun(file.run);
      setPrediction(null);
      setLastSent(file.request);
      setShownRequest(file.request);
      controller.load(buildTimeline(file.run.events));
      const other = file.snapshot.folder !== snapshot?.folder;
      push({
        title: 'Run opened',
        lines: other ? [name, `Recorded on ${file.snapshot.folder}; the map shows the folder open now.`] : [name],
        tone: 'ok',
      });
    },
    [controller, push, snapshot?.folder],
  );
  const runFileError = useCallback(
    (message: string, title = 'Could not open the run') => push({ title, lines: [message], tone: 'danger' }),
    [push],
  );
  const mapExportError = useCallback(
    (message: string) => push({ title: 'Could not export the map', lines: [message], tone: 'danger' }),
    [push],
  );
  const scenarioError = useCallback((message: string) => push({ title: 'Scenarios', lines: [message], tone: 'danger' }), [push]);

  const { operate, forgetDeleted } = useOperate({ api, cluster, push, setBusy, select: setSelectedKey });

  const openFolder = useCallback(
    async (path?: string) => {
      try {
        const r = await api.openFolder(path);
        if (r.ok) {
          cluster.accept(r.value);
          forgetDeleted();
          setRun(null);
          setPrediction(null);
          setSelectedKey(null);
          controller.load(buildTimeline([]));
          push({ title: 'Folder opened', lines: [r.value.folder], tone: 'ok' });
        } else push({ title: 'Could not open the folder', lines: [r.error], tone: 'danger' });
      } catch (e) {
        push({ title: 'Could not open the folder', lines: [String(e)], tone: 'danger' });
      }
    },
    [api, cluster, controller, push, forgetDeleted],
  );

  const dropping = useFolderDrop(api, openFolder);

  const hasRun = Boolean(run && run.events.length > 0);
  const hasProblems = Boolean(cluster.error) || (snapshot?.diagnostics.length ?? 0) > 0;
  const activeKey = marked ? canonicalKey(marked.at) : null;
  const activeNode = marked && marked.at.startsWith('svc/') ? (marked.node ?? null) : null;
  const tabbed = hasRun && narrow;
  const scenariosFold = useFold();
  const problemsFold = useFold((cluster.error ? 1 : 0) + (snapshot?.diagnostics.length ?? 0));
  const packetInspector = <PacketInspector controller={controller} run={run} api={api} />;
  // Under Predict first the question (then the verdict) leads the inspector; before the guess it is all there is.
  const inspector =
    prediction && run ? (
      <div className={`predict-stack ${prediction.guess === null ? 'asking' : ''}`}>
        <PredictionPanel controller={controller} run={run} guess={prediction.guess} onGuess={guess} />
        {prediction.guess !== null && packetInspector}
      </div>
    ) : (
      packetInspector
    );
  const details = source ? (
    <SourceView api={api} target={source} revision={revision} onClose={() => setSource(null)} />
  ) : (
    snapshot && <DetailsPanel snapshot={snapshot} selectedKey={selectedKey} showSystem={showSystemPods} busy={busy} operate={operate} />
  );
  const problems = (
    <ProblemsPanel
      diagnostics={snapshot?.diagnostics ?? []}
      objectCount={snapshot?.objects.length ?? 0}
      fatal={cluster.error}
      fold={tabbed ? problemsFold : undefined}
    />
  );
  const scenarios = (
    <ScenariosPanel
      api={api}
      folder={snapshot?.folder || null}
      last={lastSent && snapshot ? { ...lastSent, seed: snapshot.settings.seed } : null}
      busy={busy}
      onReplay={replay}
      onError={scenarioError}
      fold={tabbed ? scenariosFold : undefined}
    />
  );

  return (
    <SourceNav.Provider value={openSource}>
      <div className={`app ${view === 'reach' ? 'reach-open' : tabbed ? 'side-span' : ''}`}>
        <a className="skip-link" href={`#${MAP_ID}`} onClick={skipToMap}>
          Skip to map
        </a>
        <TitleBar
          api={api}
          view={view}
          onView={setView}
          folder={snapshot?.folder ?? null}
          busy={busy}
          showSystemPods={showSystemPods}
          onShowSystemPods={setShowSystemPods}
          onOpen={openFolder}
          onApply={() => operate({ op: 'apply' }, 'Re-apply folder')}
          applyTitle={APPLY_TITLE}
          onReset={() => operate({ op: 'reset' }, 'Reset cluster')}
        />
        {view === 'reach' && (
          <ReachabilityView
            api={api}
            revisionKey={snapshot ? `${snapshot.folder}#${snapshot.revision}` : ''}
            busy={busy}
            onSend={sendFromReach}
            onClose={() => setView('map')}
          />
        )}
        <div className="toolbar">
          <RequestBar choices={cluster.choices} busy={busy} error={sendError} onSend={send} shown={shownRequest} />
        </div>
        <main className={`workspace ${hasRun ? 'has-inspector' : ''} ${tabbed ? 'tabbed' : ''}`}>
          <div className="map-pane" ref={mapPane}>
            <MapToolbar
              api={api}
              revision={snapshot?.revision ?? 0}
              onMatches={setMatches}
              map={mapHandle}
              folder={snapshot?.folder ?? ''}
              onExportError={mapExportError}
              grouped={groupReplicas}
              onGroupReplicas={toggleGroups}
            />
            {snapshot && layout ? (
              <Topology
                snapshot={snapshot}
                layout={layout}
                controller={controller}
                selectedKey={selectedKey}
                matches={matches}
                activeKey={activeKey}
                activeNode={activeNode}
                fitKey={`${snapshot.folder}|${showSystemPods}`}
                onSelect={setSelectedKey}
                onExpandGroup={expandGroup}
                onCollapseGroup={collapseGroup}
                handle={mapHandle}
              />
            ) : (
              <div className="topology topology-empty-state">
                {cluster.error ? <p className="tone-danger">{cluster.error}</p> : <p className="muted">Loading the cluster…</p>}
              </div>
            )}
          </div>
          {tabbed ? (
            <SideTabs
              inspector={inspector}
              details={details}
              folded={
                <>
                  {scenarios}
                  {problems}
                </>
              }
              chosen={source ?? selectedKey}
              run={run}
            />
          ) : (
            <>
              {hasRun && <aside className="inspector-column">{inspector}</aside>}
              <aside className={`side ${selectedKey ? 'has-selection' : ''}`}>
                {!hasRun && inspector}
                {details}
                {scenarios}
              </aside>
            </>
          )}
        </main>
        <PlaybackBar controller={controller} run={run}>
          <label className="predict-toggle" title="Hide each request's outcome until you have guessed it">
            <input type="checkbox" checked={predictFirst} onChange={(e) => togglePredictFirst(e.target.checked)} />
            Predict first
          </label>
          <RunFiles api={api} run={run} request={lastSent} snapshot={snapshot} onOpen={openRun} onError={runFileError} />
        </PlaybackBar>
        <Dock compact={!hasRun && !hasProblems} problems={hasProblems && !tabbed}>
          <EventList controller={controller} />
          <ResultsPanel controller={controller} run={run} />
          {!tabbed && problems}
        </Dock>
        <StatusBar snapshot={snapshot} />
        <Toasts toasts={toasts} dismiss={dismiss} />
        {dropping && <div className="drop-overlay">Drop a folder of manifests to open it</div>}
      </div>
    </SourceNav.Provider>
  );
}
