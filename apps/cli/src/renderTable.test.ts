import { describe, expect, it } from 'vitest';
import { renderTable } from './renderTable.js';

describe('renderTable', () => {
  it('pads columns to their widest cell and trims line ends', () => {
    expect(renderTable(['KIND', 'ID'], [['TaskType', 'A'], ['SlaPolicy', 'LONGER_ID']])).toBe(
      ['KIND       ID', 'TaskType   A', 'SlaPolicy  LONGER_ID'].join('\n'),
    );
  });
});
