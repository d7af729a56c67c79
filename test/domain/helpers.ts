import type { Employee } from '../../src/model.js';
import { parsePolicy } from '../../src/policy/load.js';
import { defaultPolicyText } from '../../src/policy/files.js';
import type { Policy } from '../../src/policy/schema.js';

/**
 * The default policy for the rule tests. templates/policy.yaml (not owned here) writes
 * `excluded: 总经理由股东考核,不适用本制度` unquoted inside a YAML flow mapping, where the ASCII
 * comma splits the value; until it is quoted there, the rule tests quote it themselves.
 * policy.test.ts checks the real file as shipped.
 */
export const defaultPolicyTextFixed = (): string =>
  defaultPolicyText().replace(/excluded: ([^"'}\n]+?) \}/g, 'excluded: "$1" }');

export function defaultPolicy(): Policy {
  const r = parsePolicy(defaultPolicyTextFixed());
  if (!r.policy) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

/** A deep copy of the default policy changed by `edit`. */
export function policyWith(edit: (p: Policy) => void): Policy {
  const p = structuredClone(defaultPolicy());
  edit(p);
  return p;
}

let seq = 0;
export function emp(over: Partial<Employee> = {}): Employee {
  seq++;
  return {
    id: over.id ?? `E${seq}`,
    name: over.name ?? `员工${seq}`,
    department: '行政部',
    position: '行政专员',
    hireDate: '2020-01-01',
    regularDate: null,
    fullSalary: '5000',
    managerId: null,
    skipManagerId: null,
    status: 'active',
    ...over,
  };
}
