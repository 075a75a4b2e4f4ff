import { useEffect } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { Panel, Badge } from '../../shared/ui/panel.tsx';
import { MessageText } from '../../shared/ui/message-text.tsx';
import { HardwarePanel } from './components/hardware-panel.tsx';
import { PullPanel } from './components/pull-panel.tsx';
import { BenchPanel } from './components/bench-panel.tsx';
import { ModelTable } from './components/model-table.tsx';
import { benchableGroups } from './bench-target.ts';
import { SkippedEntries } from '../routes/components/skipped-entries.tsx';

/** Cooldowns and health have no events of their own, so the list refreshes while the page is open. */
const MODELS_REFRESH_MS = 15_000;

export function ModelsPage() {
  const models = useAppStore((state) => state.models);
  const localStatus = useAppStore((state) => state.localStatus);
  const hardware = useAppStore((state) => state.hardware);
  const catalog = useAppStore((state) => state.catalog);
  const benchResults = useAppStore((state) => state.benchResults);
  const benchProgress = useAppStore((state) => state.benchProgress);
  const loadModels = useAppStore((state) => state.loadModels);
  const status = useAppStore((state) => state.status);

  useEffect(() => {
    void loadModels();
    const timer = setInterval(() => void loadModels(), MODELS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadModels]);

  const ollama = localStatus === null ? null : (
    <span className="muted">
      Ollama <Badge tone={localStatus.state === 'running' ? 'good' : localStatus.state === 'error' ? 'bad' : 'muted'}>{localStatus.state.replace('_', ' ')}</Badge>
      {localStatus.version === null ? '' : ` ${localStatus.version}`} at {localStatus.host}{localStatus.managed ? ' (started by Gatehouse)' : ''}
    </span>
  );

  return (
    <div className="page" data-testid="page-models">
      <Panel title={`Models (${models.length})`} actions={ollama}>
        {localStatus?.message ? <p className="callout callout-warn" data-testid="ollama-message"><MessageText text={localStatus.message} /></p> : null}
        <SkippedEntries issues={status?.configProblems ?? []} />
        <ModelTable models={models} />
      </Panel>
      <div className="grid-2">
        <PullPanel catalog={catalog} unavailable={localStatus?.state === 'not_installed' ? 'Pulling needs Ollama: install it as shown above, then refresh.' : null} />
        <HardwarePanel hardware={hardware} />
      </div>
      <BenchPanel results={benchResults} running={Object.values(benchProgress)} groups={benchableGroups(models)} />
    </div>
  );
}
