// Command-line options for the bench scripts, all positive whole numbers with defaults.
import { parseArgs } from 'node:util';

/**
 * Reads `--name N` for each name in `defaults` (plus -h/--help, which prints the usage and exits 0);
 * a value that is not a positive whole number exits 2 with a message naming the option.
 */
export function wholeNumberOptions(script, defaults) {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: String(value) }])),
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: node ${script} ${Object.entries(defaults).map(([name, value]) => `[--${name} ${value}]`).join(' ')}`);
    process.exit(0);
  }
  return Object.fromEntries(Object.keys(defaults).map((name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) {
      console.error(`--${name} must be a positive whole number, not ${values[name]}`);
      process.exit(2);
    }
    return [name, value];
  }));
}
