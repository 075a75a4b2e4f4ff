import type { ClaudeCodePlan, DoctorCheck, ProfileShell, Shell, SkippedProfile } from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

export interface SetupSlice {
  plan: ClaudeCodePlan | null;
  doctorChecks: DoctorCheck[] | null;
  selectedShell: Shell;
  rcShells: ProfileShell[];
  setupBusy: boolean;
  /** One line saying what the last apply/undo did. */
  setupOutcome: string | null;
  /** PowerShell editions the last apply left out for their execution policy, each with its fix. */
  skippedProfiles: SkippedProfile[];
  loadSetup(): Promise<void>;
  selectShell(shell: Shell): void;
  toggleRcShell(shell: ProfileShell): void;
  applyClaudeCode(): Promise<void>;
  undoClaudeCode(): Promise<void>;
  runDoctor(): Promise<void>;
  /** The snippet with the real gateway key, fetched only when the user copies it. */
  revealSnippet(shell: Shell, part: 'session' | 'persist'): Promise<string | null>;
}

/** The shell a user on this OS most likely has open. */
export function defaultShell(platform: string): Shell {
  if (/win/i.test(platform)) return 'powershell';
  if (/mac/i.test(platform)) return 'zsh';
  return 'bash';
}

export const createSetupSlice: SliceCreator<SetupSlice> = (set, get, api) => {
  const busy = (action: () => Promise<void>): Promise<void> => reportFailure(get, async () => {
    set({ setupBusy: true });
    try {
      await action();
    } finally {
      set({ setupBusy: false });
    }
  });

  return {
    plan: null,
    doctorChecks: null,
    selectedShell: 'bash',
    rcShells: [],
    setupBusy: false,
    setupOutcome: null,
    skippedProfiles: [],
    loadSetup: () => reportFailure(get, async () => {
      set({ plan: await api.claudeCodePlan() });
      await get().runDoctor();
    }),
    selectShell: (selectedShell) => set({ selectedShell }),
    toggleRcShell: (shell) => set((state) => ({
      rcShells: state.rcShells.includes(shell) ? state.rcShells.filter((known) => known !== shell) : [...state.rcShells, shell],
    })),
    applyClaudeCode: () => busy(async () => {
      const result = await api.applyClaudeCode({ rc: get().rcShells });
      const backup = result.backupPath === null ? '' : ` (backup: ${result.backupPath})`;
      set({ setupOutcome: `Wrote ${[result.settingsPath, ...result.filesWritten.filter((file) => file !== result.settingsPath)].join(', ')}${backup}.`, skippedProfiles: result.skippedProfiles });
      set({ plan: await api.claudeCodePlan() });
      await get().runDoctor();
    }),
    undoClaudeCode: () => busy(async () => {
      const result = await api.undoClaudeCode();
      set({ setupOutcome: result.restored ? `Restored ${result.filesRestored.join(', ')}.` : 'Nothing to undo.', skippedProfiles: [] });
      set({ plan: await api.claudeCodePlan() });
      await get().runDoctor();
    }),
    runDoctor: () => reportFailure(get, async () => {
      set({ doctorChecks: (await api.doctor()).checks });
    }),
    revealSnippet: async (shell, part) => {
      let text: string | null = null;
      await reportFailure(get, async () => {
        const plan = await api.claudeCodePlan(true);
        text = plan.snippets.find((snippet) => snippet.shell === shell)?.[part] ?? null;
      });
      return text;
    },
  };
};
