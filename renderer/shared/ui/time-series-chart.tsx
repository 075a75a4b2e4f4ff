import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: number[];
}

interface TimeSeriesChartProps {
  /** Unix seconds. */
  x: number[];
  series: ChartSeries[];
  height?: number;
  /** Bars for daily totals, lines for live rates. */
  kind?: 'line' | 'bars';
  format?(value: number): string;
  ariaLabel: string;
  testId?: string;
}

export const SERIES_COLORS = ['#5b8def', '#2fb67c', '#e5a93a', '#d9597a', '#9b7bea', '#8a8f98'];

function cssVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Axis and grid colours come from CSS variables, so a theme switch has to rebuild the chart. */
function useColorScheme(): 'light' | 'dark' {
  const query = '(prefers-color-scheme: dark)';
  const [scheme, setScheme] = useState<'light' | 'dark'>(() => (window.matchMedia(query).matches ? 'dark' : 'light'));
  useEffect(() => {
    const media = window.matchMedia(query);
    const onChange = (): void => setScheme(media.matches ? 'dark' : 'light');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return scheme;
}

// One line per tick: uplot's default two-line labels collide at a two-minute window.
const timeLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function buildOptions(width: number, props: TimeSeriesChartProps): uPlot.Options {
  const axisColor = cssVariable('--text-muted');
  const gridColor = cssVariable('--border');
  const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 }, font: '11px system-ui, sans-serif' };
  const bars = props.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.7, 40] }) : undefined;
  return {
    width,
    height: props.height ?? 180,
    legend: { show: props.series.length > 1 },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_chart, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [
      { ...axis, values: (_chart, ticks) => ticks.map((tick) => (props.kind === 'bars' ? dayLabel : timeLabel).format(new Date(tick * 1000))) },
      { ...axis, size: 48, values: (_chart, ticks) => ticks.map((tick) => (props.format ?? String)(tick)) },
    ],
    series: [
      {},
      ...props.series.map((series, index) => {
        const color = SERIES_COLORS[index % SERIES_COLORS.length] ?? '#888';
        return {
          label: series.label,
          stroke: color,
          width: 1.5,
          fill: props.kind === 'bars' ? color : `${color}22`,
          points: { show: false },
          value: (_chart: uPlot, value: number | null) => (value === null ? '—' : (props.format ?? String)(value)),
          ...(bars === undefined ? {} : { paths: bars }),
        };
      }),
    ],
  };
}

/**
 * uplot in a React shell: the chart is created when the set of series changes and otherwise only
 * fed new data, which is what keeps the live charts cheap at high event rates.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const seriesKey = `${scheme}|${props.kind ?? 'line'}|${props.series.map((series) => series.label).join('|')}`;
  const data: uPlot.AlignedData = [props.x, ...props.series.map((series) => series.values)];
  const latest = useRef({ props, data });
  latest.current = { props, data };

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const created = new uPlot(buildOptions(element.clientWidth || 300, latest.current.props), latest.current.data, element);
    chart.current = created;
    const observer = new ResizeObserver(() => created.setSize({ width: element.clientWidth, height: latest.current.props.height ?? 180 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      chart.current = null;
    };
  }, [seriesKey]);

  useEffect(() => {
    chart.current?.setData(data);
  });

  return <div className="chart" ref={container} role="img" aria-label={props.ariaLabel} data-testid={props.testId} />;
}
