import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AdminEvent } from '../../gateway/admin/contract.ts';
import type { AdminApi } from '../api/client.ts';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.ts';
import { createOverviewSlice, overviewOnEvents, type OverviewSlice } from '../features/overview/overview-slice.ts';
import { createLogsSlice, logsOnEvents, type LogsSlice } from '../features/logs/logs-slice.ts';
import { createModelsSlice, finishesPull, modelsOnEvents, type ModelsSlice } from '../features/models/models-slice.ts';
import { createRoutesSlice, routesOnEvents, type RoutesSlice } from '../features/routes/routes-slice.ts';
import { createSpendSlice, spendOnEvents, type SpendSlice } from '../features/spend/spend-slice.ts';
import { createSetupSlice, type SetupSlice } from '../features/setup/setup-slice.ts';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/settings-slice.ts';

interface EventIngest {
  /** Applies one frame's worth of server events in a single store update. */
  ingest(events: AdminEvent[], now: number): void;
}

export type AppState = ConnectionSlice & OverviewSlice & LogsSlice & ModelsSlice & RoutesSlice & SpendSlice & SetupSlice & SettingsSlice & EventIngest;
export type AppStore = StoreApi<AppState>;

/** One store built from feature slices (zustand slices pattern); the API and clock are injected so tests run in node. */
export function createAppStore(api: AdminApi, clock: () => number = Date.now): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createConnectionSlice(set, get, api, clock),
    ...createOverviewSlice(set, get, api, clock),
    ...createLogsSlice(set, get, api, clock),
    ...createModelsSlice(set, get, api, clock),
    ...createRoutesSlice(set, get, api, clock),
    ...createSpendSlice(set, get, api, clock),
    ...createSetupSlice(set, get, api, clock),
    ...createSettingsSlice(set, get, api, clock),
    ingest: (events, now) => {
      const spendDay = get().spendTotalsDay;
      set((state) => ({
        ...overviewOnEvents(state, events, now),
        ...logsOnEvents(state, events),
        ...modelsOnEvents(state, events),
        ...routesOnEvents(state, events),
        ...spendOnEvents(state, events),
      }));
      if (events.some((event) => event.type === 'config.reloaded' || event.type === 'stream.ready')) {
        void get().loadStatus();
        if (get().routes !== null) void get().loadRoutes();
        // A reload (the desktop app does one after a provider key is saved) changes what the Providers table shows.
        if (get().settings !== null) void get().refreshSettings();
      }
      if (finishesPull(events)) void get().loadModels();
      // The totals were just reset for a new day; the per-day chart and range need the server too.
      if (get().spendTotalsDay !== spendDay) void get().loadSpend();
    },
  }));
}
