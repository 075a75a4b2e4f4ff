// A node:test reporter that writes only the run's totals as JSON, read by scripts/test.mjs.
export default async function* countReporter(source) {
  const counts = { pass: 0, fail: 0 };
  for await (const event of source) {
    if (event.type !== 'test:diagnostic') continue;
    const match = /^(pass|fail) (\d+)$/.exec(event.data.message);
    if (match) counts[match[1]] = Number(match[2]);
  }
  yield JSON.stringify(counts);
}
