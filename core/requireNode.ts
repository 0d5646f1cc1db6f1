// Imported first by the library entry (index.ts): modules are evaluated in import order, so on an
// old Node the import throws here — an Error whose message is one line, what to install — instead of
// crashing in the native addon further down. The importer decides how it shows (uncaught: with a
// stack trace); the bin checks the version itself and prints the line alone (cli/breadth.ts).
import { nodeVersionProblem } from './nodeVersion.ts';

const problem = nodeVersionProblem();
if (problem !== undefined) throw new Error(problem);
