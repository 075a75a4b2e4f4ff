import { parseArgs } from 'node:util';
import { HardwareProbe } from '../local/hardware/hardware-probe.ts';
import type { Figure, HardwareSnapshot } from '../local/hardware/hardware-types.ts';
import { budgetFromHardware } from '../local/fit/model-shape.ts';
import { recommendModels } from '../local/fit/recommend-models.ts';
import type { CliIo } from './cli-io.ts';
import { formatBytes, formatTable } from './format-table.ts';

const USAGE = 'Usage: hardware [--json]';
const RECOMMENDATIONS_SHOWN = 8;

const sourced = (figure: Figure<number | null>) => `${formatBytes(figure.value)} (${figure.source})`;

function describe(snapshot: HardwareSnapshot): string {
  const { cpu, os, ram } = snapshot;
  const coreSplit = cpu.performanceCores && cpu.efficiencyCores ? ` (${cpu.performanceCores}P + ${cpu.efficiencyCores}E)` : '';
  const lines = [
    formatTable([
      ['OS', `${os.distro} ${os.release} (${os.platform}, ${os.arch})`],
      ['CPU', `${cpu.model}: ${cpu.physicalCores} cores${coreSplit}, ${cpu.threads} threads`],
      ['RAM', `${sourced(ram.totalBytes)} total, ${sourced(ram.availableBytes)} available`],
      ...snapshot.gpus.map((gpu) => ['GPU', `${gpu.model} [${gpu.backend}]: ${sourced(gpu.vramTotalBytes)} total, ${sourced(gpu.vramFreeBytes)} free${gpu.driverVersion.value ? `, driver ${gpu.driverVersion.value}` : ''}`]),
      ...(snapshot.gpus.length === 0 ? [['GPU', 'none found']] : []),
      ['GPU budget', `${sourced(snapshot.usableGpuBytes)}${snapshot.unifiedMemory ? ', unified memory' : ''}`],
    ]),
    ...snapshot.notes.map((note) => `Note: ${note}`),
    '',
    'What fits (at up to 32k context):',
    formatTable([
      ['fit', 'model', 'size', 'context'],
      ...recommendModels(budgetFromHardware(snapshot)).slice(0, RECOMMENDATIONS_SHOWN)
        .map((model) => [model.fit, model.name, formatBytes(model.sizeBytes), String(model.contextLength)]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** `hardware [--json]`: the probe's view of this machine, each figure with its source, and what fits. */
export async function run(args: string[], io: CliIo): Promise<number> {
  let json: boolean;
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    json = values.json === true;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const snapshot = await new HardwareProbe().get();
  io.stdout.write(json ? `${JSON.stringify(snapshot, null, 2)}\n` : describe(snapshot));
  return 0;
}
