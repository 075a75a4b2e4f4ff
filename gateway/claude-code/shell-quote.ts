/**
 * One quoting function per shell, each producing a single word that the shell reads back as
 * exactly the given string. Values with control characters are refused earlier
 * (assertWritableValue), so no function here has to survive a newline.
 */
import { ClaudeCodeConfigError } from './env.ts';

/** bash and zsh: inside '…' nothing is special, not even `!` or `\`; a quote is closed, escaped, reopened. */
export function quotePosix(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish: inside '…' only `\'` and `\\` are escapes, so exactly those two characters get a backslash. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * PowerShell single-quoted string: no expansion at all; a quote is written twice. PowerShell
 * also treats the typographic quotes ‘ ’ ‚ ‛ (U+2018–U+201B) as single quotes, so a value
 * holding one would end the string early unless it is doubled too.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

/**
 * cmd.exe, for a line typed or pasted at the prompt (not a .bat file, where `%%` is the escape).
 *
 * The value is left unquoted and every special character gets a caret instead, because inside
 * "…" a caret is literal and a `%` cannot be escaped at all on the command line; a `"` inside
 * the value would also flip cmd's quote state and expose a later `&` as a command separator.
 * Percent expansion (phase 1) runs before carets are removed (phase 2), so `%PATH%` written as
 * `^%PATH^%` reaches phase 1 as a reference to a variable named `PATH^`, which does not exist,
 * and the interactive prompt leaves references to undefined variables as they are. In a value
 * with a `%`, `:` gets a caret too, so that `%PATH:a=b%` substitution cannot name PATH.
 *
 * Limits: with delayed expansion switched on (`cmd /V:ON` or the DelayedExpansion registry
 * value, both off by default) `!NAME!` in a value would still expand; non-ASCII text is fine
 * at the prompt (cmd is UTF-16 inside) but not in a .bat saved in a legacy code page.
 */
export function escapeCmd(value: string): string {
  return value.replace(value.includes('%') ? /[\^&|<>()"%:!]/g : /[\^&|<>()"!]/g, '^$&');
}

/**
 * The argument quoting of the Microsoft C runtime (CommandLineToArgvW), which setx.exe uses to
 * split its own command line: quotes only when needed, backslashes doubled only before a quote.
 */
export function quoteWindowsArgument(value: string): string {
  if (value !== '' && !/[\s"]/.test(value)) return value;
  let quoted = '"';
  let backslashes = 0;
  for (const character of value) {
    if (character === '\\') {
      backslashes += 1;
      continue;
    }
    quoted += character === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + character;
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * A setx argument: C-runtime quoted for setx.exe, then caret-escaped for cmd, which then hands
 * setx the quoted form untouched (an escaped `"` does not open a cmd quoted region).
 * setx reads any argument starting with `/` as an option and stores at most 1024 characters.
 */
export function quoteSetxValue(name: string, value: string): string {
  if (value.startsWith('/')) {
    throw new ClaudeCodeConfigError(`${name} starts with "/", which setx would read as an option; use PowerShell or settings.json for this value`);
  }
  if (value.length > 1024) {
    throw new ClaudeCodeConfigError(`${name} is longer than the 1024 characters setx can store`);
  }
  return escapeCmd(quoteWindowsArgument(value));
}
