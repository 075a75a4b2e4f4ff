/** Window geometry persisted between runs. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 760, height: 480 } as const;
/** How much of the window must stay on a display to count as reachable. */
const MIN_VISIBLE = 80;

/** Parses what was saved; anything malformed yields null so a corrupt file never blocks startup. */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<WindowState>;
    const bounds = value.bounds;
    if (bounds === undefined || ![bounds.x, bounds.y, bounds.width, bounds.height].every((number) => Number.isFinite(number))) return null;
    return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized: value.maximized === true };
  } catch {
    return null;
  }
}

function overlap(bounds: Bounds, area: Bounds): { width: number; height: number } {
  return {
    width: Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x),
    height: Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y),
  };
}

/** Centres a default-sized window on the primary display's work area. */
function centred(area: Bounds): Bounds {
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Where to open the window: the saved bounds if they are still reachable on one of the current
 * displays (a monitor may have been unplugged), shrunk to fit it; otherwise centred on the primary.
 * `workAreas[0]` is the primary display.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Bounds[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (saved === null) return { bounds: centred(primary), maximized: false };
  const home = workAreas.find((area) => {
    const visible = overlap(saved.bounds, area);
    return visible.width >= MIN_VISIBLE && visible.height >= MIN_VISIBLE;
  });
  if (home === undefined) return { bounds: centred(primary), maximized: saved.maximized };
  const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, home.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, home.height));
  const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
