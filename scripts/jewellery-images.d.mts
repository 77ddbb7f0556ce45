// Types of jewellery-images.mjs, for the tests that draw with it (tsc checks scripts/ too).
export type Shape = 'necklace' | 'earrings' | 'ring';
export type Material = 'gold' | 'silver' | 'rose-gold' | 'matte-black';
export type Backdrop = 'white' | 'light-grey';
export interface JewellerySpec {
  shape: Shape;
  material: Material;
  backdrop: Backdrop;
  seed: number;
  /** Necklace: 0 a round pendant, 1 a drop, 2 a bar; earrings: 0 studs, 1 drops, 2 hoops; ring: 0–2, thinner to thicker. */
  style?: 0 | 1 | 2;
  /** A ring with a small white stone. */
  stone?: boolean;
}
export const SHAPES: readonly Shape[];
export const MATERIALS: readonly Material[];
export const BACKDROPS: readonly Backdrop[];
export function jewellerySvg(spec: JewellerySpec, options?: { size?: number; compact?: boolean }): string;
export function jewelleryPhoto(spec: JewellerySpec, options?: { size?: number; noise?: number; quality?: number }): Promise<Buffer>;
export function jewellerySet(options?: { perCell?: number; seed?: number }): Array<JewellerySpec & { id: string }>;
