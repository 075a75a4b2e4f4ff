import { createContext, useContext } from 'react';
import type { AdminApi } from './client.ts';

export const ApiContext = createContext<AdminApi | null>(null);

/** For the few things that are URLs rather than store actions (the CSV download link). */
export function useApi(): AdminApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
