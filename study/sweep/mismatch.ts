// A worker's copy of what a trial needs — its data, its strategy or model file, its breadth — is not
// the one the sweep planned with. Not the trial's fault: a queue worker refuses such a job (another
// worker with the right copy takes it) instead of failing the trial.

import { UserError } from '../../data/errors.ts';

export class CopyMismatch extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'CopyMismatch';
  }
}
