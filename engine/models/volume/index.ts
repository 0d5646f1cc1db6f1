// The volume limit, from config `participationCap` (absent: no limit). A second kind of limit
// would give the concern its own `volume: { kind }` key.

import type { VolumeLimit } from '../types.ts';
import { participationCap } from './participationCap.ts';
import { unlimitedVolume } from './unlimited.ts';

export const participationCapSchema = participationCap.schema;

export function volumeLimit(cap: number | undefined): VolumeLimit {
  return cap === undefined ? unlimitedVolume.create() : participationCap.create(cap);
}
