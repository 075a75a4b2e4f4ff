/**
 * A CommandRunner standing in for pwsh and powershell.exe, which this machine does not have.
 * An answer is what PROFILE_QUERY_ARGS makes PowerShell print: one CRLF line per pipeline
 * output, the profile path as base64 of UTF-8, then the effective execution policy.
 */
import type { CommandRunner } from '../../gateway/claude-code/powershell-profile.ts';

export type StubAnswer = { profile: string; policy: string } | Error;

export interface StubPowerShell {
  run: CommandRunner;
  /** Every command started, with its arguments and timeout. */
  calls: { file: string; args: readonly string[]; timeoutMs: number }[];
}

export const profileAnswer = (profile: string, policy: string): string => `${Buffer.from(profile, 'utf8').toString('base64')}\r\n${policy}\r\n`;

/** `answers` by command (pwsh, powershell); a command without one is not installed (ENOENT, as execFile reports it). */
export function stubPowerShell(answers: Partial<Record<string, StubAnswer>>): StubPowerShell {
  const calls: StubPowerShell['calls'] = [];
  const run: CommandRunner = async (file, args, { timeoutMs }) => {
    calls.push({ file, args, timeoutMs });
    const answer = answers[file];
    if (answer === undefined) throw Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });
    if (answer instanceof Error) throw answer;
    return { stdout: profileAnswer(answer.profile, answer.policy) };
  };
  return { run, calls };
}
