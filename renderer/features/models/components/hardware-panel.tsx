import type { HardwareResponse } from '../../../../gateway/admin/contract.ts';
import { Panel, EmptyState } from '../../../shared/ui/panel.tsx';
import { formatBytes, formatGpuMemory } from '../../../shared/format/format.ts';

export function HardwarePanel({ hardware }: { hardware: HardwareResponse | null }) {
  return (
    <Panel title="Hardware" testId="hardware-panel">
      {hardware === null ? <EmptyState>Probing…</EmptyState> : (
        <dl className="facts">
          <dt>CPU</dt><dd>{hardware.cpu.model} · {hardware.cpu.cores} cores / {hardware.cpu.threads} threads</dd>
          <dt>Memory</dt><dd>{formatBytes(hardware.ramBytes)}{hardware.unifiedMemory ? ' unified' : ''}</dd>
          {hardware.gpus.length === 0 ? <><dt>GPU</dt><dd>none detected</dd></> : hardware.gpus.map((gpu, index) => (
            <div key={`${gpu.model}-${index}`} className="facts-row">
              <dt>GPU {hardware.gpus.length > 1 ? index + 1 : ''}</dt>
              <dd>{gpu.vendor} {gpu.model} · {formatBytes(gpu.vramBytes)} · {gpu.backend}</dd>
            </div>
          ))}
          <dt>Usable for models</dt><dd>{formatGpuMemory(hardware.usableGpuBytes)}</dd>
          <dt>System</dt><dd>{hardware.os} {hardware.arch}</dd>
        </dl>
      )}
    </Panel>
  );
}
