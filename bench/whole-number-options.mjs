// Command-line options for the bench scripts: positive whole numbers with defaults, and optional strings.
import { parseArgs } from 'node:util';

/**
 * Reads `--name N` for each name in `defaults` and `--name VALUE` for each name in `strings` (its
 * value there is the usage's placeholder; left out, the option is undefined), plus -h/--help,
 * which prints the usage and exits 0; a number that is not a positive whole number exits 2 with a
 * message naming the option.
 */
export function wholeNumberOptions(script, defaults, strings = {}) {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: String(value) }])),
      ...Object.fromEntries(Object.keys(strings).map((name) => [name, { type: 'string' }])),
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    const usage = [...Object.entries(defaults), ...Object.entries(strings)].map(([name, value]) => `[--${name} ${value}]`);
    console.log(`usage: node ${script} ${usage.join(' ')}`);
    process.exit(0);
  }
  const numbers = Object.fromEntries(Object.keys(defaults).map((name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) {
      console.error(`--${name} must be a positive whole number, not ${values[name]}`);
      process.exit(2);
    }
    return [name, value];
  }));
  return { ...numbers, ...Object.fromEntries(Object.keys(strings).map((name) => [name, values[name]])) };
}
