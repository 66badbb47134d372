import { describe, expect, it } from 'vitest';
import { findSeqScans, groupTransactions, setupRole } from '@/bench/plan';

const tenantSetup = { text: "select set_config('app.org_id', $1, true), set_config('role', $2, true)", params: ['org-1', 'afterview_tenant'] };
const systemSetup = { text: "select set_config('app.org_id', $1, true), set_config('role', $2, true)", params: ['', 'afterview_system'] };
const q = (text: string) => ({ text, params: [] });

describe('groupTransactions', () => {
  it('splits what a call sent at each tenant setup, as withTenant and unsafeWithSystemRole opened them', () => {
    const txs = groupTransactions([systemSetup, q('select membership'), tenantSetup, q('select a'), q('select b')]);
    expect(txs).toEqual([
      { setup: systemSetup, statements: [q('select membership')] },
      { setup: tenantSetup, statements: [q('select a'), q('select b')] },
    ]);
    expect(txs.map(setupRole)).toEqual(['afterview_system', 'afterview_tenant']);
  });

  it('keeps statements sent outside any transaction on their own', () => {
    expect(groupTransactions([q('select 1'), tenantSetup])).toEqual([
      { setup: null, statements: [q('select 1')] },
      { setup: tenantSetup, statements: [] },
    ]);
  });
});

describe('findSeqScans', () => {
  const tables = new Set(['touches', 'candidates']);
  const plan = [
    {
      Plan: {
        'Node Type': 'Limit',
        Plans: [
          { 'Node Type': 'Index Scan', 'Relation Name': 'candidates', 'Plan Rows': 25 },
          {
            'Node Type': 'Aggregate',
            'Parent Relationship': 'SubPlan',
            Plans: [{ 'Node Type': 'Gather', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'touches', 'Plan Rows': 1000000 }] }],
          },
          { 'Node Type': 'Seq Scan', 'Relation Name': 'organizations', 'Plan Rows': 1 },
        ],
      },
    },
  ];

  it('finds a Seq Scan on a tenant table however deep it sits', () => {
    expect(findSeqScans(plan, tables)).toEqual([{ table: 'touches', rows: 1000000 }]);
  });

  it('ignores tables without org_id and plans without a Seq Scan', () => {
    expect(findSeqScans(plan, new Set(['candidates']))).toEqual([]);
    expect(findSeqScans([{ Plan: { 'Node Type': 'Result' } }], tables)).toEqual([]);
    expect(findSeqScans(undefined, tables)).toEqual([]);
  });
});
