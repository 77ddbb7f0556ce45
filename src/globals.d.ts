/** Replaced at build time with the package version. */
declare const __OFFERWISE_VERSION__: string;
