// Types of architecture-rules.mjs, for its tests (tsc checks scripts/ too).
export interface Problem {
  path: string;
  /** 1-based; 0 for a rule about a folder or a missing file. */
  line: number;
  rule: 'globals' | 'portable' | 'preact-render' | 'preact-signals';
  message: string;
  source?: string;
}
export interface GlobalUse {
  index: number;
  name: string;
  how: string;
  hint?: string;
}
export const GLOBALS: ReadonlyArray<{ name: string; kind: 'object' | 'function' | 'class'; hint?: string }>;
export const HAND_DOM: ReadonlyArray<{ label: string; pattern: RegExp }>;
export const HAND_OBSERVABLE: ReadonlyArray<{ label: string; pattern: RegExp; definitionOnly?: boolean }>;
export const SLOT_STATE: { path: string; from: string; names: string[] };
export function blankSource(text: string): { comments: string; code: string; literals: Array<[number, number]> };
export function declaredNames(code: string): Set<string>;
export function findGlobals(code: string): GlobalUse[];
export function importsFrom(withStrings: string, module: string): Array<{ imported: string; local: string }>;
export function checkFile(path: string, text: string): Problem[];
export function checkProject(files: ReadonlyArray<{ path: string; text: string }>): Problem[];
export function formatProblem(problem: Problem): string;
