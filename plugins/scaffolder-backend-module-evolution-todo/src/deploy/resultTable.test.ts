import {
  formatResultTable,
  summarizeResults,
  type AppliedObjectRow,
} from './resultTable';

const rows: AppliedObjectRow[] = [
  {
    kind: 'Namespace',
    namespace: '',
    name: 'demo',
    result: 'unchanged',
    message: '',
  },
  {
    kind: 'Deployment',
    namespace: 'demo',
    name: 'backend',
    result: 'failed',
    message: 'HTTP 409 Conflict:\nline two',
  },
  {
    kind: 'ConfigMap',
    namespace: 'demo',
    name: 'backend-config',
    result: 'created',
    message: '',
  },
];

describe('formatResultTable', () => {
  it('aligns columns and keeps every row on one line', () => {
    expect(formatResultTable(rows).split('\n')).toEqual([
      'KIND        NAMESPACE  NAME            RESULT     MESSAGE',
      'Namespace              demo            unchanged',
      'Deployment  demo       backend         failed     HTTP 409 Conflict: line two',
      'ConfigMap   demo       backend-config  created',
    ]);
  });
});

describe('summarizeResults', () => {
  it('counts results in a fixed order', () => {
    expect(summarizeResults(rows)).toBe('1 created, 1 unchanged, 1 failed');
  });
});
