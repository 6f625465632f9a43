/** `duban` on the command line: run it with the process's arguments and exit with its code. */
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
