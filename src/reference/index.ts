import municipalityList from './data/municipalities.json';
import { unitGroups } from './occupations';

export interface Municipality {
  code: string;
  name: string;
  county: string;
  /** The seat (or the median of the municipality's localities): a default location. */
  lat: number;
  lon: number;
}

export const municipalities: readonly Municipality[] = municipalityList;
export const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
export const ssykByCode = new Map(unitGroups.map((s) => [s.code, s.label]));
export {
  findOccupations,
  majorGroups,
  type OccupationHit,
  occupationCodesOf,
  occupationWordGroups,
  unitGroupByCode,
  unitGroups,
} from './occupations';
