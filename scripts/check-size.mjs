#!/usr/bin/env node
// The bundle-size budget (house style: budget the bytes in CI). Fails above 15,000 B gzip.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 15_000;
const GOAL = 12_000;
const file = new URL('../dist/offerwise.js', import.meta.url);
const raw = readFileSync(file);
const gzip = gzipSync(raw, { level: 9 }).length;
const verdict = gzip > BUDGET ? 'OVER BUDGET' : gzip > GOAL ? 'within budget, above the goal' : 'within the goal';
console.log(`dist/offerwise.js: ${raw.length} B raw, ${gzip} B gzip (goal ${GOAL}, budget ${BUDGET}): ${verdict}`);
if (gzip > BUDGET) process.exit(1);
