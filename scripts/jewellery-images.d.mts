// Types of jewellery-images.mjs, for the tests that draw with it (tsc checks scripts/ too).
export type Shape = 'necklace' | 'earrings' | 'ring';
export type Material = 'gold' | 'silver' | 'rose-gold' | 'matte-black';
export type Backdrop = 'white' | 'light-grey';
export interface JewellerySpec {
  shape: Shape;
  material: Material;
  backdrop: Backdrop;
  seed: number;
}
export const SHAPES: readonly Shape[];
export const MATERIALS: readonly Material[];
export const BACKDROPS: readonly Backdrop[];
export function jewellerySvg(spec: JewellerySpec, options?: { size?: number; compact?: boolean }): string;
export function jewelleryPhoto(spec: JewellerySpec, options?: { size?: number; noise?: number; quality?: number }): Promise<Buffer>;
export function jewellerySet(options?: { perCell?: number; seed?: number }): Array<JewellerySpec & { id: string }>;
