/**
 * Upstream tool name → the name the client declared, for the names the request converter had
 * to change (over 64 characters, characters OpenAI rejects, blank). Names it kept are absent,
 * so an empty map is the common case.
 */
export type ToolNameMap = ReadonlyMap<string, string>;

export const restoreToolName = (toolNames: ToolNameMap, upstreamName: string): string => toolNames.get(upstreamName) ?? upstreamName;
