import { useEffect, useState } from 'react';
import { useAppStore } from '../../../store/use-app-store.ts';

/** The raw config file, for what the forms do not cover; validated by the gateway before it is written. */
export function ConfigEditor() {
  const configYaml = useAppStore((state) => state.configYaml);
  const loadConfigYaml = useAppStore((state) => state.loadConfigYaml);
  const saveConfigYaml = useAppStore((state) => state.saveConfigYaml);
  const [text, setText] = useState<string | null>(null);

  useEffect(() => {
    void loadConfigYaml();
  }, [loadConfigYaml]);

  // Once the file holds what was typed, the editor follows the file again (a later change on disk
  // shows); text typed while the save was on its way is not in the file, so it stays.
  async function save(): Promise<void> {
    if (await saveConfigYaml(value, false)) setText((current) => (current === value ? null : current));
  }

  const value = text ?? configYaml ?? '';
  return (
    <div className="config-editor">
      <label htmlFor="config-yaml" className="visually-hidden">Config file (YAML)</label>
      <textarea id="config-yaml" value={value} spellCheck={false} rows={18} onChange={(event) => setText(event.target.value)} data-testid="config-yaml" />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void saveConfigYaml(value, true)}>Validate</button>
        <button type="button" className="button button-primary" disabled={text === null} onClick={() => void save()}>Save and reload</button>
        <span className="muted small">Secrets show as ******** and are kept as they are unless you replace them.</span>
      </div>
    </div>
  );
}
