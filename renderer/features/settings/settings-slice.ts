import type { SettingsResponse, SettingsUpdateRequest, SettingsUpdateResponse } from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

export interface SettingsSlice {
  settings: SettingsResponse | null;
  settingsDraft: SettingsUpdateRequest;
  settingsResult: SettingsUpdateResponse | null;
  loadSettings(): Promise<void>;
  /** Re-reads the settings after the config changed, keeping unsaved edits and the last save's outcome. */
  refreshSettings(): Promise<void>;
  editSettings(changes: SettingsUpdateRequest): void;
  saveSettings(): Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, api) => ({
  settings: null,
  settingsDraft: {},
  settingsResult: null,
  loadSettings: () => reportFailure(get, async () => {
    set({ settings: await api.settings(), settingsDraft: {}, settingsResult: null });
  }),
  refreshSettings: () => reportFailure(get, async () => {
    set({ settings: await api.settings() });
  }),
  editSettings: (changes) => set((state) => ({ settingsDraft: { ...state.settingsDraft, ...changes } })),
  saveSettings: () => reportFailure(get, async () => {
    const settingsResult = await api.updateSettings(get().settingsDraft);
    set({ settingsResult, settings: settingsResult.settings, ...(settingsResult.errors.length === 0 ? { settingsDraft: {} } : {}) });
  }),
});
