// The script-tag build (dist/offerwise.js): start on load.
import { start } from './embed';

start();
