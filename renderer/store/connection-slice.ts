import { isSignedOut } from '../api/client.ts';
import type { StreamState } from '../api/subscriptions.ts';
import type { SliceCreator } from './slice.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface ConnectionSlice {
  streamState: StreamState;
  notices: Notice[];
  /** Why the gateway stopped accepting this dashboard (its 401 message); null while signed in. */
  signedOut: string | null;
  setStreamState(state: StreamState): void;
  signOut(reason: string): void;
  /** Asked when the event stream drops: false once the gateway answers 401, so reconnecting is pointless. */
  checkAccess(): Promise<boolean>;
  notify(text: string, kind?: Notice['kind']): void;
  dismissNotice(id: number): void;
}

const MAX_NOTICES = 4;
let nextNoticeId = 1;

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get, api) => ({
  streamState: 'connecting',
  notices: [],
  signedOut: null,
  setStreamState: (streamState) => set({ streamState }),
  signOut: (signedOut) => set({ signedOut }),
  checkAccess: async () => {
    try {
      await api.status();
      return true;
    } catch (error) {
      // A network error is a gateway restarting: keep trying. Only a 401 ends the stream.
      if (!isSignedOut(error)) return true;
      get().signOut(error.message);
      return false;
    }
  },
  notify: (text, kind = 'info') => {
    const notice = { id: nextNoticeId++, kind, text };
    set((state) => ({ notices: [...state.notices, notice].slice(-MAX_NOTICES) }));
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
