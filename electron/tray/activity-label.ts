/** What the tray says about traffic. */
export interface TrayActivity {
  tokensPerSecond: number;
  /** Null when the store could not answer; the line then leaves spend out. */
  spendTodayUsd: number | null;
  inFlight: number;
}

function formatSpend(usd: number): string {
  if (usd === 0) return '$0.00';
  return usd < 0.01 ? '<$0.01' : `$${usd.toFixed(2)}`;
}

function formatRate(tokensPerSecond: number): string {
  return `${tokensPerSecond < 10 ? tokensPerSecond.toFixed(1) : Math.round(tokensPerSecond)} tok/s`;
}

/** A request waiting on a slow prefill produces no tokens yet, but is not idle: say so. */
function describeTraffic(activity: TrayActivity): string {
  if (activity.tokensPerSecond > 0) return `${formatRate(activity.tokensPerSecond)} now`;
  if (activity.inFlight > 0) return `${activity.inFlight} ${activity.inFlight === 1 ? 'request' : 'requests'} running`;
  return 'idle';
}

/** "Today $0.42 · 38 tok/s now", for the menu's status line and the tooltip; null before the first reading. */
export function activityLabel(activity: TrayActivity | null): string | null {
  if (activity === null) return null;
  const traffic = describeTraffic(activity);
  return activity.spendTodayUsd === null ? traffic : `Today ${formatSpend(activity.spendTodayUsd)} · ${traffic}`;
}

/** The macOS menu-bar text beside the icon: the rate while tokens flow, otherwise nothing, so an idle menu bar stays quiet. */
export function activityTitle(activity: TrayActivity | null): string {
  return activity !== null && activity.tokensPerSecond > 0 ? formatRate(activity.tokensPerSecond) : '';
}
