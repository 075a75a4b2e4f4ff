import type { AdminEvent, ClaudeCodeRules, ConfigIssueBody, ConfigUpdateResponse, RoutesResponse } from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

export type RuleName = Exclude<keyof ClaudeCodeRules, 'longContextThreshold'>;
export const RULE_NAMES: readonly RuleName[] = ['default', 'background', 'think', 'longContext', 'webSearch'];

export interface RoutesSlice {
  routes: RoutesResponse | null;
  rulesDraft: ClaudeCodeRules | null;
  /** The answer to the last rules save or config edit: its errors are shown beside the fields they name. */
  configResult: ConfigUpdateResponse | null;
  configYaml: string | null;
  routeBusy: Record<string, boolean>;
  loadRoutes(): Promise<void>;
  toggleRoute(name: string, enabled: boolean): Promise<void>;
  editRules(rules: Partial<ClaudeCodeRules>): void;
  saveRules(): Promise<void>;
  loadConfigYaml(): Promise<void>;
  /** Resolves true when the file now holds `yaml` (saved, not only validated). */
  saveConfigYaml(yaml: string, dryRun: boolean): Promise<boolean>;
}

/** Issues whose config path ends at this rule, e.g. `gatehouse.claude_code.think`. */
export function issuesForRule(issues: readonly ConfigIssueBody[], rule: keyof ClaudeCodeRules): ConfigIssueBody[] {
  return issues.filter((issue) => issue.path === rule || issue.path.endsWith(`.${rule}`));
}

function withRouteEnabled(routes: RoutesResponse, name: string, enabled: boolean): RoutesResponse {
  return { ...routes, routes: routes.routes.map((route) => (route.name === name ? { ...route, enabled } : route)) };
}

export function routesOnEvents(state: RoutesSlice, events: readonly AdminEvent[]): Partial<RoutesSlice> | null {
  let routes = state.routes;
  for (const event of events) if (event.type === 'route.changed' && routes !== null) routes = withRouteEnabled(routes, event.name, event.enabled);
  return routes === state.routes ? null : { routes };
}

export const createRoutesSlice: SliceCreator<RoutesSlice> = (set, get, api) => ({
  routes: null,
  rulesDraft: null,
  configResult: null,
  configYaml: null,
  routeBusy: {},
  loadRoutes: () => reportFailure(get, async () => {
    const routes = await api.routes();
    set({ routes, rulesDraft: routes.claudeCode });
  }),
  toggleRoute: (name, enabled) => reportFailure(get, async () => {
    const before = get().routes;
    if (before === null) return;
    // Optimistic: the tray and the router see it at once, so the switch should too.
    set({ routes: withRouteEnabled(before, name, enabled), routeBusy: { ...get().routeBusy, [name]: true } });
    try {
      const route = await api.toggleRoute(name, enabled);
      set((state) => ({ routes: state.routes === null ? null : withRouteEnabled(state.routes, name, route.enabled) }));
    } catch (error) {
      set((state) => ({ routes: state.routes === null ? null : withRouteEnabled(state.routes, name, !enabled) }));
      throw error;
    } finally {
      set((state) => ({ routeBusy: { ...state.routeBusy, [name]: false } }));
    }
  }),
  editRules: (rules) => set((state) => ({ rulesDraft: state.rulesDraft === null ? null : { ...state.rulesDraft, ...rules } })),
  saveRules: () => reportFailure(get, async () => {
    const draft = get().rulesDraft;
    if (draft === null) return;
    const configResult = await api.updateClaudeCodeRules(draft);
    set({ configResult });
    if (configResult.saved) await get().loadRoutes();
  }),
  loadConfigYaml: () => reportFailure(get, async () => {
    const config = await api.config();
    set({ configYaml: config.yaml });
  }),
  saveConfigYaml: async (yaml, dryRun) => {
    let saved = false;
    await reportFailure(get, async () => {
      const configResult = await api.updateConfig(yaml, dryRun);
      saved = configResult.saved;
      // configYaml stays the file as saved, so a refused save leaves the editor's text unsaved.
      set({ configResult, ...(saved ? { configYaml: yaml } : {}) });
      if (saved) await Promise.all([get().loadRoutes(), get().loadStatus()]);
    });
    return saved;
  },
});
