import { describe, expect, it } from 'vitest';
import { regionWithin } from '../../lib/identifiers.js';
import type { Actor } from './service.js';
import { lineage, staffPolicy } from './staffPolicy.js';

// 兰州市人民政府 → 公安局 → 城关分局; 市场监管局 beside 公安局.
const tree = new Map<string, string | null>([
  ['lz', null],
  ['ga', 'lz'],
  ['ga-cg', 'ga'],
  ['scjg', 'lz'],
]);
const staff = (roles: Actor['roles'], accountId = 'me'): Actor => ({ accountId, kind: 'staff', name: 'x', level: 3, departmentId: roles[0]?.departmentId ?? null, roles });

describe('GB/T 2260 divisions within divisions', () => {
  it('puts districts inside their city and cities inside their province, and nothing inside a district but itself', () => {
    expect(regionWithin('620102', '620100')).toBe(true);
    expect(regionWithin('620100', '620100')).toBe(true);
    expect(regionWithin('620102', '620000')).toBe(true);
    expect(regionWithin('630102', '620100')).toBe(false);
    expect(regionWithin('620202', '620100')).toBe(false);
    expect(regionWithin('620103', '620102')).toBe(false);
    expect(regionWithin('620102', '620102')).toBe(true);
    expect(regionWithin('999999', '620100')).toBe(false);
  });
});

describe('staffPolicy', () => {
  it('walks a unit up to its root', () => {
    expect(lineage(tree, 'ga-cg')).toEqual(['ga-cg', 'ga', 'lz']);
    expect(lineage(tree, 'unknown')).toEqual([]);
  });

  it('lets a department admin manage their unit and the units below, never above or beside', () => {
    const p = staffPolicy(staff([{ role: 'admin', departmentId: 'ga' }]), tree);
    expect(['lz', 'ga', 'ga-cg', 'scjg'].map(p.mayManageDepartment)).toEqual([false, true, true, false]);
    expect(p.mayGrant('clerk', 'ga-cg')).toBe(true);
    expect(p.mayGrant('admin', 'ga-cg')).toBe(false);
    expect(p.mayGrant('supervisor', 'ga')).toBe(false);
    expect(p.mayCreateDepartment('ga')).toBe(false);
    expect(p.isSelfLockout('me', 'admin')).toBe(true);
    expect(p.mayManageAccount({ id: 'other', departmentId: 'ga-cg', roles: [{ role: 'clerk', departmentId: 'ga-cg' }] })).toBe(true);
    expect(p.mayManageAccount({ id: 'other', departmentId: 'ga', roles: [{ role: 'admin', departmentId: 'ga' }] })).toBe(false);
    expect(p.mayManageAccount({ id: 'me', departmentId: 'ga', roles: [] })).toBe(false);
  });

  it('gives a platform admin the whole tree and every role, and clerks nothing', () => {
    const p = staffPolicy(staff([{ role: 'platform_admin', departmentId: 'lz' }]), tree);
    expect(['lz', 'ga', 'ga-cg', 'scjg'].every(p.mayManageDepartment)).toBe(true);
    expect(p.mayGrant('platform_admin', 'scjg')).toBe(true);
    expect(p.mayCreateDepartment(null)).toBe(true);
    const clerk = staffPolicy(staff([{ role: 'clerk', departmentId: 'ga' }]), tree);
    expect(clerk.mayAdminister).toBe(false);
    expect(clerk.mayManageDepartment('ga')).toBe(false);
    const citizen = staffPolicy({ accountId: 'c', kind: 'person', name: 'c', level: 2, departmentId: null, roles: [] }, tree);
    expect(citizen.mayAdminister).toBe(false);
  });
});
