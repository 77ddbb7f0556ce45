// The part of culori (tree-shakable entry `culori/fn`) the visual descriptor uses; culori
// ships no types.
declare module 'culori/fn' {
  export interface Rgb {
    mode: 'rgb';
    r: number;
    g: number;
    b: number;
  }
  export interface Oklab {
    mode: 'oklab';
    l: number;
    a: number;
    b: number;
  }
  export interface ModeDefinition {
    mode: string;
  }
  export const modeRgb: ModeDefinition;
  export const modeOklab: ModeDefinition;
  /** Registers a colour space; for `modeOklab`, returns the converter to OKLab. */
  export function useMode(definition: ModeDefinition): (color: Rgb) => Oklab;
}
