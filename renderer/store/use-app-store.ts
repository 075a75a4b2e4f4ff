import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store.ts';

export const AppStoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to one slice of the store; re-renders only when the selection changes. */
export function useAppStore<Selected>(selector: (state: AppState) => Selected): Selected {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore outside <AppStoreContext.Provider>');
  return useStore(store, selector);
}
