// Errors that a user can act on: where (file:line), what, and how to fix it.

export class DataError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly fix: string | undefined;

  constructor(file: string, line: number | undefined, problem: string, fix?: string) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(`${where}: ${problem}${fix ? ` — ${fix}` : ''}`);
    this.name = 'DataError';
    this.file = file;
    this.line = line;
    this.fix = fix;
  }
}

/** An error in user input (config, parameters, flags): printed as one line, never with a stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** True for errors whose message is meant for the user as is. */
export function isUserFacing(err: unknown): err is Error {
  return err instanceof DataError || err instanceof UserError;
}
