// The user's code files this process (or worker thread) imported: strategy and model files, as
// strategies/loader.ts importUserFile loads them. An error raised outside breadth's calls whose
// stack names no file (a rejection with a string, an Error whose stack was removed) is the user's
// only where such a file is loaded (asyncFault.ts): breadth itself throws only Errors, with stacks.

const imported = new Set<string>();

/** Record `absolute` (the path of a user's strategy or model file) as imported here. */
export function noteUserFile(absolute: string): void {
  imported.add(absolute);
}

/** The absolute paths of the user files imported here so far, in the order first imported. */
export function importedUserFiles(): string[] {
  return [...imported];
}
