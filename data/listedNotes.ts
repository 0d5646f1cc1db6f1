// Source notes that list symbols ("30 distributions above 10% of the price …: ALEX 2017-11-28
// (35.4%), …"), kept with their entries so that a run can restate one for the symbols it read:
// the count and the list become the run's ("2 distributions above 10% …: LPRO …, CYTH …"), and a
// note none of whose symbols the run read does not concern it (engine/caveats/warnings.ts).

/** One listed item: the symbol it is about and its text as listed ("ALEX 2017-11-28 (35.4%)"). */
export interface NoteEntry {
  readonly symbol: string;
  readonly text: string;
}

/**
 * A note with its entries. `one` and `many` are its wording for one entry and for several, with
 * `{n}` standing for the count and `{list}` for the list; `list` says how the list reads: the first
 * five entries then "…" (`entries`), or up to five symbols, else "N symbols" (`symbols`). `note` is
 * the note as the source lists it (every entry), exactly as in SourceInfo.notes.
 */
export interface ListedNote {
  readonly note: string;
  readonly one: string;
  readonly many: string;
  readonly list: 'entries' | 'symbols';
  readonly entries: readonly NoteEntry[];
}

/** Entries shown before "…". */
const SHOWN = 5;

function render(listed: Omit<ListedNote, 'note'>, entries: readonly NoteEntry[]): string {
  const names = listed.list === 'symbols' ? [...new Set(entries.map((e) => e.symbol))] : entries.map((e) => e.text);
  const list = listed.list === 'symbols' && names.length > SHOWN ? `${names.length} symbols` : `${names.slice(0, SHOWN).join(', ')}${names.length > SHOWN ? ', …' : ''}`;
  const count = listed.list === 'symbols' ? names.length : entries.length;
  return (count === 1 ? listed.one : listed.many).replace('{n}', () => count.toLocaleString('en-US')).replace('{list}', () => list);
}

/** A note listing `entries` (at least one), worded by `one` / `many` (see ListedNote). */
export function listedNote(one: string, many: string, entries: readonly NoteEntry[], list: ListedNote['list'] = 'entries'): ListedNote {
  const wording = { one, many, list, entries };
  return { ...wording, note: render(wording, entries) };
}

/** The note restated for the entries whose symbol `keep` accepts; undefined when it keeps none. */
export function restateNote(listed: ListedNote, keep: (symbol: string) => boolean): string | undefined {
  const entries = listed.entries.filter((e) => keep(e.symbol));
  return entries.length === 0 ? undefined : render(listed, entries);
}
