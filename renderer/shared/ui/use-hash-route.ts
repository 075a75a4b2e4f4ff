import { useEffect, useState } from 'react';

/** The page named by `#/<page>`; hash routing works the same at /ui/ and from file://. */
export function useHashRoute<Page extends string>(pages: readonly Page[], fallback: Page): Page {
  const read = (): Page => {
    const name = window.location.hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
    return (pages as readonly string[]).includes(name) ? (name as Page) : fallback;
  };
  const [page, setPage] = useState<Page>(read);
  useEffect(() => {
    const onChange = (): void => setPage(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  });
  return page;
}

/** Re-renders every `intervalMs`, for clocks and sliding windows that move without new data. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
