import { describe, expect, it } from 'vitest';
import type { DefinitionSummary } from '../definitions/governanceTypes.js';
import { parseReference, referenceOptions } from './referenceOptions.js';

type Version = DefinitionSummary['versions'][number];
const v = (version: number, status: Version['status']): Version => ({ version, status, effectiveFrom: null, references: [], referencedBy: [] });

const calendars: DefinitionSummary[] = [
  {
    kind: 'BusinessCalendar',
    id: 'US_OPERATIONS_CALENDAR',
    title: 'US operations',
    currentVersions: [1],
    facts: [],
    versions: [v(1, 'published')],
  },
  {
    kind: 'BusinessCalendar',
    id: 'EU_SALES_CALENDAR',
    title: 'EU sales',
    currentVersions: [3],
    facts: [],
    versions: [
      v(1, 'retired'),
      v(2, 'published'),
      v(3, 'published'),
      v(4, 'draft'),
    ],
  },
];

describe('reference choices', () => {
  it('lists versions by definition, newest first, without retired ones', () => {
    expect(referenceOptions(calendars).map((o) => o.value)).toEqual(['EU_SALES_CALENDAR@4', 'EU_SALES_CALENDAR@3', 'EU_SALES_CALENDAR@2', 'US_OPERATIONS_CALENDAR@1']);
  });

  it('says whether a newer version, and a newer published one, exists', () => {
    const byValue = Object.fromEntries(referenceOptions(calendars).map((o) => [o.value, o]));
    expect(byValue['EU_SALES_CALENDAR@2']).toMatchObject({ status: 'published', title: 'EU sales', newerVersion: 4, newerPublished: 3 });
    expect(byValue['EU_SALES_CALENDAR@3']).toMatchObject({ newerVersion: 4 });
    expect(byValue['EU_SALES_CALENDAR@3']?.newerPublished).toBeUndefined();
    expect(byValue['EU_SALES_CALENDAR@4']?.newerVersion).toBeUndefined();
    expect(byValue['US_OPERATIONS_CALENDAR@1']?.newerVersion).toBeUndefined();
  });

  it('keeps the chosen pin even when retired or unknown', () => {
    expect(referenceOptions(calendars, 'EU_SALES_CALENDAR@1').find((o) => o.value === 'EU_SALES_CALENDAR@1')).toMatchObject({ status: 'retired', newerPublished: 3 });
    expect(referenceOptions(calendars, 'GONE_CALENDAR@7')[0]).toMatchObject({ value: 'GONE_CALENDAR@7', status: 'unknown' });
  });

  it('parses ID@N', () => {
    expect(parseReference('EU_SALES_CALENDAR@12')).toEqual({ id: 'EU_SALES_CALENDAR', version: 12 });
    expect(parseReference('eu@1')).toBeUndefined();
    expect(parseReference('EU@0')).toBeUndefined();
  });
});
