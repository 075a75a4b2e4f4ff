/**
 * Microseconds per operation, the best of several rounds. The CI box is shared and has two
 * cores: a single round measures whatever else ran at that moment, while the fastest round is
 * close to the code's own cost. Budget tests assert on this, so only a real regression fails.
 */
export function bestMicrosecondsPerOperation(rounds: number, round: () => number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < rounds; index += 1) {
    const started = process.hrtime.bigint();
    const operations = round();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1000 / operations);
  }
  return best;
}
