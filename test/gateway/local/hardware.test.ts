import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildHardwareSnapshot, type HardwareInputs } from '../../../gateway/local/hardware/build-hardware-snapshot.ts';
import { HardwareProbe, readAmdSysfsCards } from '../../../gateway/local/hardware/hardware-probe.ts';
import { parseAmdSysfs } from '../../../gateway/local/hardware/parse-amd-sysfs.ts';
import { parseNvidiaSmiCsv } from '../../../gateway/local/hardware/parse-nvidia-smi.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/local');
const text = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

function inputs(siFixture: string, extra: Partial<HardwareInputs> = {}): HardwareInputs {
  return { ...(JSON.parse(text(siFixture)) as Omit<HardwareInputs, 'nvidia' | 'amd' | 'probedAt'>), nvidia: null, amd: null, probedAt: 1, ...extra };
}

test('nvidia-smi CSV rows become bytes, with [N/A] as unknown', () => {
  assert.deepEqual(parseNvidiaSmiCsv(text('nvidia-smi-rtx4090.csv')), [
    { index: 0, name: 'NVIDIA GeForce RTX 4090', memoryTotalBytes: 24564 * MIB, memoryFreeBytes: 23012 * MIB, driverVersion: '560.35.03' },
  ]);
  const unified = parseNvidiaSmiCsv(text('nvidia-smi-unified-na.csv'));
  assert.equal(unified[0]?.memoryTotalBytes, null);
  assert.equal(unified[0]?.memoryFreeBytes, null);
  assert.deepEqual(parseNvidiaSmiCsv('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.\n'), []);
});

test('amdgpu sysfs files are read per card, skipping connectors and other vendors', async () => {
  const cards = await readAmdSysfsCards(path.join(fixtures, 'sysfs-drm'));
  assert.deepEqual(cards.map((card) => card.card).sort(), ['card0', 'card1']);
  assert.deepEqual(parseAmdSysfs(cards), [{ card: 'card0', vramTotalBytes: 17163091968, vramFreeBytes: 17163091968 - GIB }]);
  assert.deepEqual(await readAmdSysfsCards(path.join(fixtures, 'missing')), []);
});

test('Apple Silicon: unified memory, about 70% of RAM usable by Metal, never RAM on top', () => {
  const snapshot = buildHardwareSnapshot(inputs('si-apple-m2-max.json'));
  assert.equal(snapshot.unifiedMemory, true);
  assert.equal(snapshot.gpus[0]?.backend, 'metal');
  assert.deepEqual(snapshot.usableGpuBytes, { value: Math.floor(32 * GIB * 0.7), source: 'apple-unified-memory' });
  assert.equal(snapshot.cpu.performanceCores, 8);
  assert.equal(snapshot.cpu.model, 'Apple M2 Max');
});

test('Windows: the 4 GB AdapterRAM cap is replaced by nvidia-smi, or flagged when nvidia-smi is missing', () => {
  const corrected = buildHardwareSnapshot(inputs('si-windows-rtx3070.json', { nvidia: parseNvidiaSmiCsv(text('nvidia-smi-rtx3070.csv')) }));
  const nvidia = corrected.gpus.find((gpu) => gpu.backend === 'cuda');
  assert.deepEqual(nvidia?.vramTotalBytes, { value: 8192 * MIB, source: 'nvidia-smi' });
  assert.deepEqual(nvidia?.driverVersion, { value: '552.22', source: 'nvidia-smi' });
  assert.deepEqual(corrected.usableGpuBytes, { value: 7412 * MIB, source: 'nvidia-smi' });
  // The Intel iGPU shares RAM and Ollama does not offload to it.
  assert.equal(corrected.gpus.find((gpu) => gpu.model.includes('UHD'))?.backend, 'none');
  assert.deepEqual(corrected.notes, []);

  const uncorrected = buildHardwareSnapshot(inputs('si-windows-rtx3070.json'));
  assert.equal(uncorrected.gpus[0]?.vramTotalBytes.source, 'systeminformation');
  assert.match(uncorrected.notes.join('\n'), /4 GB .*cap/);
});

test('Linux AMD: sysfs replaces the lspci aperture figure', () => {
  const amd = parseAmdSysfs([{ card: 'card0', vendor: '0x1002', vramTotal: '17163091968', vramUsed: '1073741824' }]);
  const snapshot = buildHardwareSnapshot(inputs('si-linux-amd-rx6800.json', { amd }));
  assert.equal(snapshot.gpus.length, 1);
  assert.equal(snapshot.gpus[0]?.model, 'Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]');
  assert.deepEqual(snapshot.gpus[0]?.vramTotalBytes, { value: 17163091968, source: 'amd-sysfs' });
  assert.equal(snapshot.usableGpuBytes.value, 17163091968 - GIB);

  const lspciOnly = buildHardwareSnapshot(inputs('si-linux-amd-rx6800.json'));
  assert.equal(lspciOnly.gpus[0]?.vramTotalBytes.value, 256 * MIB);
  assert.match(lspciOnly.notes.join('\n'), /lspci/);
});

test('an AMD APU\'s small VRAM carve-out is not GPU budget: Ollama skips Radeons under 1 GiB as iGPUs', () => {
  const apu = parseAmdSysfs([{ card: 'card1', vendor: '0x1002', vramTotal: String(512 * MIB), vramUsed: String(80 * MIB) }]);
  const snapshot = buildHardwareSnapshot(inputs('si-linux-nvidia-headless.json', { nvidia: parseNvidiaSmiCsv(text('nvidia-smi-two-gpus.csv')), amd: apu }));
  assert.equal(snapshot.gpus.find((gpu) => gpu.vramTotalBytes.source === 'amd-sysfs')?.backend, 'none');
  assert.equal(snapshot.usableGpuBytes.value, (1200 + 16100) * MIB);
  assert.match(snapshot.notes.join('\n'), /integrated/);

  const apuOnly = buildHardwareSnapshot(inputs('si-linux-nvidia-headless.json', { amd: apu }));
  assert.equal(apuOnly.usableGpuBytes.value, 0);
});

test('GPUs systeminformation misses (a headless server) come from nvidia-smi alone, and free VRAM adds up', () => {
  const snapshot = buildHardwareSnapshot(inputs('si-linux-nvidia-headless.json', { nvidia: parseNvidiaSmiCsv(text('nvidia-smi-two-gpus.csv')) }));
  assert.deepEqual(snapshot.gpus.map((gpu) => gpu.model), ['NVIDIA GeForce RTX 3090', 'NVIDIA RTX A4000']);
  assert.equal(snapshot.usableGpuBytes.value, (1200 + 16100) * MIB);
});

test('no GPU: zero GPU budget and a note saying models run on the CPU', () => {
  const snapshot = buildHardwareSnapshot({ ...inputs('si-linux-nvidia-headless.json') });
  assert.deepEqual(snapshot.gpus, []);
  assert.equal(snapshot.usableGpuBytes.value, 0);
  assert.match(snapshot.notes[0] ?? '', /CPU/);
});

test('the probe caches, refreshes on demand, and does not cache a failure', async () => {
  let calls = 0;
  const probe = new HardwareProbe(async () => {
    calls += 1;
    if (calls === 1) throw new Error('systeminformation failed');
    return inputs('si-apple-m2-max.json', { probedAt: calls });
  });
  await assert.rejects(probe.get(), /systeminformation failed/);
  const [first, second] = await Promise.all([probe.get(), probe.get()]);
  assert.equal(first, second);
  assert.equal(calls, 2);
  assert.equal((await probe.refresh()).probedAt, 3);
});

test('a probe that hangs (a stuck GPU tool) fails with a reason instead of waiting for ever, and is retried', async () => {
  let calls = 0;
  const probe = new HardwareProbe(() => {
    calls += 1;
    return calls === 1 ? new Promise<never>(() => undefined) : Promise.resolve(inputs('si-apple-m2-max.json'));
  }, 50);
  await assert.rejects(probe.get(), (error: unknown) => error instanceof Error && /did not finish within/.test(error.message));
  assert.equal((await probe.get()).unifiedMemory, true);
  assert.equal(calls, 2);
});

test('the real probe runs on this machine and reports what it can see', { timeout: 30_000 }, async () => {
  const snapshot = await new HardwareProbe().get();
  assert.ok(snapshot.ram.totalBytes.value > 0);
  assert.ok(snapshot.ram.availableBytes.value > 0);
  assert.ok(snapshot.cpu.threads >= 1);
  assert.ok(snapshot.os.arch.length > 0);
  assert.ok(snapshot.usableGpuBytes.value >= 0);
  for (const gpu of snapshot.gpus) assert.ok(['cuda', 'rocm', 'metal', 'vulkan', 'none'].includes(gpu.backend));
});
