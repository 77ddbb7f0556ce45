/**
 * One vector per catalog product (by its place in the catalog), all of one length, in one
 * block of memory: 100,000 products of 512 floats are 205 MB as a `Float32Array` and several
 * times that as arrays of numbers. Products without a vector have a row of zeros and `has` 0.
 */
export interface VectorTable {
  readonly dimensions: number;
  readonly data: Float32Array;
  readonly has: Uint8Array;
  /** Products with a vector. */
  readonly count: number;
  /** Give product `at` its vector (`dimensions` numbers). */
  set(at: number, vector: ArrayLike<number>): void;
}

export function createVectorTable(products: number, dimensions: number): VectorTable {
  const data = new Float32Array(products * dimensions);
  const has = new Uint8Array(products);
  let count = 0;
  return {
    dimensions,
    data,
    has,
    get count() {
      return count;
    },
    set(at, vector) {
      data.set(vector, at * dimensions);
      if (!has[at]) count++;
      has[at] = 1;
    },
  };
}
