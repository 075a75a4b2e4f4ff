import { isSignedOut, type AdminApi } from '../api/client.ts';
import type { AppState } from './app-store.ts';

export type SetAppState = (update: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;

/** A slice gets the combined store's setter and getter plus the admin API and the clock, which tests replace. */
export type SliceCreator<Slice> = (set: SetAppState, get: () => AppState, api: AdminApi, clock: () => number) => Slice;

/**
 * Runs an action and turns a failure into a notice instead of an unhandled rejection; a 401 means
 * every further call fails the same way, so it signs the dashboard out instead.
 */
export async function reportFailure(get: () => AppState, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (isSignedOut(error)) get().signOut(error.message);
    else get().notify(error instanceof Error ? error.message : String(error), 'error');
  }
}
