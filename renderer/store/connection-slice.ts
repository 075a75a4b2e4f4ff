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
  setStreamState(state: StreamState): void;
  notify(text: string, kind?: Notice['kind']): void;
  dismissNotice(id: number): void;
}

const MAX_NOTICES = 4;
let nextNoticeId = 1;

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  streamState: 'connecting',
  notices: [],
  setStreamState: (streamState) => set({ streamState }),
  notify: (text, kind = 'info') => {
    const notice = { id: nextNoticeId++, kind, text };
    set((state) => ({ notices: [...state.notices, notice].slice(-MAX_NOTICES) }));
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
