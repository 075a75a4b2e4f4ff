import type { AdminEvent, RequestStartEvent, StatusResponse } from '../../../gateway/admin/contract.ts';
import type { AppState } from '../../store/app-store.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

/** Seconds of per-second history the live charts keep. */
export const LIVE_WINDOW_SECONDS = 120;
/** Seconds averaged for the "tokens/s now" figures: long enough to be steady, short enough to feel live. */
export const RATE_WINDOW_SECONDS = 10;

export interface LiveRequest {
  id: string;
  /** The deployment serving it, else its group, else what the client asked for. */
  model: string;
  startedAt: number;
  firstTokenAt: number | null;
  outputTokens: number;
}

export interface SecondBucket {
  second: number;
  requests: number;
  errors: number;
  /** Output tokens produced in this second, by model. */
  tokens: Record<string, number>;
}

export interface OverviewSlice {
  status: StatusResponse | null;
  inFlight: Record<string, LiveRequest>;
  buckets: SecondBucket[];
  /** Finished requests and errors seen on the stream since `status` was fetched, added to its lastHour figures. */
  sinceStatus: { requests: number; errors: number };
  loadStatus(): Promise<void>;
}

const modelKey = (event: Pick<RequestStartEvent, 'deployment' | 'group' | 'model'>): string => event.deployment ?? event.group ?? event.model;

function liveRequest(event: RequestStartEvent): LiveRequest {
  return { id: event.id, model: modelKey(event), startedAt: event.at, firstTokenAt: null, outputTokens: 0 };
}

/** Folds a batch of events into the live window. Pure, copy-on-write: untouched buckets keep their identity. */
export function overviewOnEvents(state: OverviewSlice, events: readonly AdminEvent[], now: number): Partial<OverviewSlice> | null {
  let inFlight: Record<string, LiveRequest> | null = null;
  const touched = new Map<number, SecondBucket>();
  let { requests: finished, errors } = state.sinceStatus;
  const existing = new Map(state.buckets.map((bucket) => [bucket.second, bucket]));

  const bucketAt = (at: number): SecondBucket => {
    const second = Math.floor(at / 1000);
    let bucket = touched.get(second);
    if (bucket === undefined) {
      const previous = existing.get(second);
      bucket = previous === undefined ? { second, requests: 0, errors: 0, tokens: {} } : { ...previous, tokens: { ...previous.tokens } };
      touched.set(second, bucket);
    }
    return bucket;
  };
  const writableInFlight = (): Record<string, LiveRequest> => (inFlight ??= { ...state.inFlight });
  const addTokens = (id: string, total: number, at: number): void => {
    const request = writableInFlight()[id];
    if (request === undefined || total <= request.outputTokens) return;
    const bucket = bucketAt(at);
    bucket.tokens[request.model] = (bucket.tokens[request.model] ?? 0) + (total - request.outputTokens);
    writableInFlight()[id] = { ...request, outputTokens: total };
  };

  for (const event of events) {
    switch (event.type) {
      case 'stream.ready':
        inFlight = Object.fromEntries(event.inFlight.map((start) => [start.id, liveRequest(start)]));
        break;
      case 'request.start':
        writableInFlight()[event.id] = liveRequest(event);
        break;
      case 'request.first_token': {
        const request = writableInFlight()[event.id];
        if (request !== undefined) writableInFlight()[event.id] = { ...request, firstTokenAt: event.at };
        break;
      }
      case 'request.progress':
        addTokens(event.id, event.outputTokens, event.at);
        break;
      case 'request.end': {
        addTokens(event.id, event.outputTokens, event.at);
        delete writableInFlight()[event.id];
        const bucket = bucketAt(event.at);
        bucket.requests += 1;
        finished += 1;
        if (event.status >= 400) {
          bucket.errors += 1;
          errors += 1;
        }
        break;
      }
      default:
        break;
    }
  }
  if (inFlight === null && touched.size === 0) return null;

  const oldest = Math.floor(now / 1000) - LIVE_WINDOW_SECONDS;
  for (const [second, bucket] of touched) existing.set(second, bucket);
  const buckets = [...existing.values()].filter((bucket) => bucket.second > oldest).sort((left, right) => left.second - right.second);
  return { inFlight: inFlight ?? state.inFlight, buckets, sinceStatus: { requests: finished, errors } };
}

/**
 * How long a request has been running. The page clock ticks once a second, and events arrive in
 * between: a request that started (or produced its first token) since the last tick has run at
 * least that long, never a negative time or less than its time to first token.
 */
export function runningMs(request: Pick<LiveRequest, 'startedAt' | 'firstTokenAt'>, now: number): number {
  return Math.max(0, now - request.startedAt, (request.firstTokenAt ?? request.startedAt) - request.startedAt);
}

/** Output tokens per second per model, averaged over the last RATE_WINDOW_SECONDS whole seconds. */
export function tokensPerSecond(buckets: readonly SecondBucket[], now: number): Record<string, number> {
  const current = Math.floor(now / 1000);
  const totals: Record<string, number> = {};
  for (const bucket of buckets) {
    if (bucket.second < current - RATE_WINDOW_SECONDS || bucket.second >= current) continue;
    for (const [model, tokens] of Object.entries(bucket.tokens)) totals[model] = (totals[model] ?? 0) + tokens;
  }
  for (const model of Object.keys(totals)) totals[model] = (totals[model] ?? 0) / RATE_WINDOW_SECONDS;
  return totals;
}

export interface LiveSeries {
  /** Unix seconds, one per second of the window, oldest first (uplot's x axis). */
  seconds: number[];
  requests: number[];
  /** Top models by tokens in the window; the rest are summed under "other". */
  tokens: { model: string; values: number[] }[];
}

/** Dense per-second series for the charts, with zeros where nothing happened. */
export function liveSeries(buckets: readonly SecondBucket[], now: number, maxModels = 5): LiveSeries {
  const last = Math.floor(now / 1000) - 1;
  const first = last - LIVE_WINDOW_SECONDS + 1;
  const seconds = Array.from({ length: LIVE_WINDOW_SECONDS }, (_, index) => first + index);
  const requests = new Array<number>(LIVE_WINDOW_SECONDS).fill(0);
  const totals = new Map<string, number>();
  for (const bucket of buckets) for (const [model, tokens] of Object.entries(bucket.tokens)) totals.set(model, (totals.get(model) ?? 0) + tokens);
  const ranked = [...totals.entries()].sort((left, right) => right[1] - left[1]).map(([model]) => model);
  const shown = ranked.slice(0, maxModels);
  const hasOther = ranked.length > maxModels;
  const tokens = [...shown, ...(hasOther ? ['other'] : [])].map((model) => ({ model, values: new Array<number>(LIVE_WINDOW_SECONDS).fill(0) }));
  const indexOf = new Map(shown.map((model, index) => [model, index]));
  for (const bucket of buckets) {
    const position = bucket.second - first;
    if (position < 0 || position >= LIVE_WINDOW_SECONDS) continue;
    requests[position] = bucket.requests;
    for (const [model, count] of Object.entries(bucket.tokens)) {
      const series = tokens[indexOf.get(model) ?? shown.length];
      if (series !== undefined) series.values[position] = (series.values[position] ?? 0) + count;
    }
  }
  return { seconds, requests, tokens };
}

export const createOverviewSlice: SliceCreator<OverviewSlice> = (set, get, api) => ({
  status: null,
  inFlight: {},
  buckets: [],
  sinceStatus: { requests: 0, errors: 0 },
  loadStatus: () => reportFailure(get, async () => {
    const status = await api.status();
    set({ status, sinceStatus: { requests: 0, errors: 0 } });
  }),
});

export const selectInFlightCount = (state: AppState): number => Object.keys(state.inFlight).length;
