// Types of the parts of audit-attribution.mjs that its tests use (tsc checks scripts/ too).
export interface RecordedScript {
  sourceURL: string;
  duration: number;
  invoker?: string;
  invokerType?: string;
}
export interface RecordedFrame {
  start: number;
  duration: number;
  blockingDuration?: number;
  scripts: RecordedScript[];
}
export interface RecordedLoad {
  longtasks: Array<{ start: number; duration: number }>;
  frames: RecordedFrame[];
  renders: Array<{ t: number; offers: string[] }>;
  errors: unknown[];
  card?: number | null;
  beforeScript?: number;
  script?: { responseEnd: number };
  scripts?: Array<{ url: string }>;
  intl?: { start: number; end: number };
}
export const WIDGET_SCRIPT: RegExp;
export function isWidgetScript(url: string): boolean;
export function summarizeLoad(raw: RecordedLoad): {
  longTasks: number;
  blocking: number;
  longFrames: number;
  framesWithWidget: number;
  ownCount: number;
  ownBlocking: number;
  ownBlockingCount: number;
  longestOwn: number;
  toCard: number;
  pageIntlMs: number;
  ownFrames: Array<RecordedFrame & { widgetMs: number; pageMs: number }>;
};
