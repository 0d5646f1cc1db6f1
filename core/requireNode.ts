// Imported first by the library entry (index.ts): modules are evaluated in import order, so an old
// Node stops here with one clear message instead of crashing in the native addon further down.
import { nodeVersionProblem } from './nodeVersion.ts';

const problem = nodeVersionProblem();
if (problem !== undefined) throw new Error(problem);
