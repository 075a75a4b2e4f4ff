/**
 * Test-only readers for the PowerShell and cmd scripts, since neither shell runs on the CI
 * machine. Each models the documented parsing rules closely enough to catch a quoting mistake,
 * and fails loudly on anything it does not expect, so an unmodelled construct cannot pass.
 */

const POWERSHELL_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/** Reads a PowerShell single-quoted string at `start`: no expansion, any doubled quote is one quote. */
export function readPowerShellString(text: string, start: number): { value: string; end: number } {
  if (!POWERSHELL_QUOTES.has(text[start] ?? '')) throw new Error(`expected a single-quoted string at ${start} in ${text}`);
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const character = text[index]!;
    if (POWERSHELL_QUOTES.has(character)) {
      if (POWERSHELL_QUOTES.has(text[index + 1] ?? '')) {
        value += character;
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += character;
    index += 1;
  }
  throw new Error(`unterminated string in ${text}`);
}

export interface ScriptEffect {
  session: Map<string, string>;
  /** undefined value: removed from the user scope. */
  user: Map<string, string | undefined>;
}

/** Runs a generated PowerShell script against empty scopes; throws on any line it does not recognise. */
export function interpretPowerShell(script: string, effect: ScriptEffect = { session: new Map(), user: new Map() }): ScriptEffect {
  for (const line of script.split('\n')) {
    if (line === '' || line.startsWith('# ')) continue;
    let match = /^\$env:([A-Z_][A-Z0-9_]*) = /.exec(line);
    if (match) {
      const { value, end } = readPowerShellString(line, match[0].length);
      if (end !== line.length) throw new Error(`trailing text after the string: ${line}`);
      effect.session.set(match[1]!, value);
      continue;
    }
    match = /^Remove-Item Env:([A-Z_][A-Z0-9_]*) -ErrorAction SilentlyContinue$/.exec(line);
    if (match) {
      effect.session.delete(match[1]!);
      continue;
    }
    match = /^\[Environment\]::SetEnvironmentVariable\(/.exec(line);
    if (match) {
      const name = readPowerShellString(line, match[0].length);
      if (line.slice(name.end, name.end + 2) !== ', ') throw new Error(`expected ", " in ${line}`);
      let valueEnd = name.end + 2;
      let value: string | undefined;
      if (line.startsWith('$null', valueEnd)) valueEnd += '$null'.length;
      else ({ value, end: valueEnd } = readPowerShellString(line, valueEnd));
      if (line.slice(valueEnd) !== ", 'User')") throw new Error(`expected the User target in ${line}`);
      effect.user.set(name.value, value);
      continue;
    }
    throw new Error(`unexpected PowerShell line: ${line}`);
  }
  return effect;
}

/**
 * cmd phase 1 at the interactive prompt: `%name%` expands when `name` is defined and is left as
 * it is otherwise, scanning on from the closing `%`; `%name:a=b%` and `%name:~n%` expand when
 * `name` is. `isDefined` decides; the tests treat every name as defined unless it holds a caret.
 */
export function expandPercents(line: string, isDefined: (name: string) => boolean): string {
  let output = '';
  let index = 0;
  while (index < line.length) {
    const character = line[index]!;
    const close = character === '%' ? line.indexOf('%', index + 1) : -1;
    if (close === -1) {
      output += character;
      index += 1;
      continue;
    }
    const reference = line.slice(index + 1, close);
    const name = reference.split(':')[0]!;
    if (name !== '' && isDefined(name)) {
      output += `<expanded ${reference}>`;
      index = close + 1;
    } else {
      output += line.slice(index, close);
      index = close;
    }
  }
  return output;
}

/** cmd phase 2: carets escape outside quotes, quotes toggle; unescaped & | < > outside quotes are operators. */
export function processCarets(line: string): { text: string; operators: number[] } {
  let text = '';
  const operators: number[] = [];
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === '^') {
      index += 1;
      if (index >= line.length) throw new Error(`a caret at the end of a line continues it: ${line}`);
      text += line[index];
      continue;
    } else if (!quoted && '&|<>'.includes(character)) operators.push(text.length);
    text += character;
  }
  return { text, operators };
}

/** CommandLineToArgvW: how setx.exe splits the arguments cmd hands it. */
export function splitWindowsArguments(commandLine: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArgument = false;
  let quoted = false;
  for (let index = 0; index < commandLine.length; index += 1) {
    const character = commandLine[index]!;
    if (character === '\\') {
      let count = 0;
      while (commandLine[index] === '\\') {
        count += 1;
        index += 1;
      }
      if (commandLine[index] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else quoted = !quoted;
      } else {
        current += '\\'.repeat(count);
        index -= 1;
      }
      inArgument = true;
    } else if (character === '"') {
      if (quoted && commandLine[index + 1] === '"') {
        current += '"';
        index += 1;
      } else quoted = !quoted;
      inArgument = true;
    } else if ((character === ' ' || character === '\t') && !quoted) {
      if (inArgument) args.push(current);
      current = '';
      inArgument = false;
    } else {
      current += character;
      inArgument = true;
    }
  }
  if (inArgument) args.push(current);
  return args;
}

const neverCaretNames = (name: string): boolean => !name.includes('^');

/** Runs a generated cmd script; throws on operators inside values or lines it does not know. */
export function interpretCmd(script: string, effect: ScriptEffect = { session: new Map(), user: new Map() }): ScriptEffect {
  for (const rawLine of script.split('\n')) {
    if (rawLine === '' || rawLine.startsWith('rem ')) continue;
    const { text, operators } = processCarets(expandPercents(rawLine, neverCaretNames));
    let match = /^set ([A-Z_][A-Z0-9_]*)=/.exec(text);
    if (match) {
      if (operators.length > 0) throw new Error(`an operator runs inside a set value: ${rawLine}`);
      const value = text.slice(match[0].length);
      if (value === '') effect.session.delete(match[1]!);
      else effect.session.set(match[1]!, value);
      continue;
    }
    match = /^setx ([A-Z_][A-Z0-9_]*) /.exec(text);
    if (match) {
      if (!text.endsWith(' >nul') || operators.length !== 1 || operators[0] !== text.length - 4) throw new Error(`setx line has unexpected operators: ${rawLine}`);
      const args = splitWindowsArguments(text.slice(match[0].length, -' >nul'.length));
      if (args.length !== 1) throw new Error(`setx got ${args.length} value arguments: ${rawLine}`);
      effect.user.set(match[1]!, args[0]!);
      continue;
    }
    match = /^reg delete HKCU\\Environment \/v ([A-Z_][A-Z0-9_]*) \/f >nul 2>&1$/.exec(text);
    if (match) {
      effect.user.set(match[1]!, undefined);
      continue;
    }
    throw new Error(`unexpected cmd line: ${rawLine}`);
  }
  return effect;
}
