// Types of size-attribution.mjs, for its tests (tsc checks scripts/ too).
export interface MappingSource {
  eachMapping(
    callback: (m: { generatedLine: number; generatedColumn: number; source: string | null }) => void,
    context?: unknown,
    order?: number,
  ): void;
}
export const CSS_GROUP: string;
export function moduleOf(source: string | null | undefined, mapDir?: string): string;
export function groupOf(source: string | null | undefined, mapDir?: string): string;
export function cssLiterals(code: string): Array<[number, number]>;
export function charsBySource(code: string, consumer: MappingSource): Map<string | null, number>;
export function attribute(
  code: string,
  consumer: MappingSource,
  gzip: number,
  options?: { mapDir?: string; by?: (source: string | null, mapDir: string) => string },
): Array<{ group: string; chars: number; gzip: number }>;
