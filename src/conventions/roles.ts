import type { Convention, ConventionSide, SideRoles } from './types.ts';

/** What a label role is used for, derived from the sides (for validation and the docs). */
export interface RoleUse {
  readonly side: 'egress' | 'ingress';
  /** A `SideRoles` field, or `select` / `keep` / `failure` / `virtual`. */
  readonly as: keyof SideRoles | 'select' | 'keep' | 'failure' | 'virtual';
}

const OPTIONAL_USES: ReadonlySet<RoleUse['as']> = new Set(['serviceNamespace', 'peerNamespace', 'peerDatacenter']);
const DATACENTER_USES: ReadonlySet<RoleUse['as']> = new Set(['datacenter', 'peerDatacenter']);

export function roleUses(convention: Convention, role: string): RoleUse[] {
  const uses: RoleUse[] = [];
  const collect = (sideName: RoleUse['side'], side: ConventionSide): void => {
    for (const [as, r] of Object.entries(side.roles) as [keyof SideRoles, string | undefined][]) {
      if (r === role) uses.push({ side: sideName, as });
    }
    for (const m of side.select) if (m.role === role) uses.push({ side: sideName, as: 'select' });
    for (const r of side.keep ?? []) if (r === role) uses.push({ side: sideName, as: 'keep' });
    if (side.outcome.kind === 'status-code' && side.outcome.failure?.role === role) uses.push({ side: sideName, as: 'failure' });
  };
  collect('egress', convention.egress);
  collect('ingress', convention.ingress);
  if (convention.virtualNode?.role === role) uses.push({ side: 'egress', as: 'virtual' }, { side: 'ingress', as: 'virtual' });
  return uses;
}

/** A role that may be switched off with '' (a namespace, or a peer datacenter the series may lack). */
export function isOptionalRole(convention: Convention, role: string): boolean {
  const uses = roleUses(convention, role);
  return uses.length > 0 && uses.every((u) => OPTIONAL_USES.has(u.as));
}

/** Two roles may share a label only when both are datacenters (one cluster label for both ends). */
export function mayShareLabel(convention: Convention, a: string, b: string): boolean {
  const isDc = (role: string): boolean => roleUses(convention, role).every((u) => DATACENTER_USES.has(u.as));
  return isDc(a) && isDc(b);
}

const USE_TEXT: Readonly<Record<RoleUse['as'], string>> = {
  service: 'service',
  serviceNamespace: 'service namespace',
  datacenter: 'datacenter',
  peerService: 'peer',
  peerNamespace: 'peer namespace',
  peerDatacenter: 'peer datacenter',
  status: 'status code',
  select: 'selects the side',
  keep: 'kept for the mapping',
  failure: 'failure marker',
  virtual: 'marks uninstrumented ends',
};

/** "egress: service; ingress: peer", for the override table of docs/METRICS.md. */
export function describeRole(convention: Convention, role: string): string {
  const bySide = new Map<string, string[]>();
  for (const use of roleUses(convention, role)) {
    const list = bySide.get(use.side) ?? [];
    const text = USE_TEXT[use.as];
    if (!list.includes(text)) list.push(text);
    bySide.set(use.side, list);
  }
  return [...bySide].map(([side, list]) => `${side}: ${list.join(', ')}`).join('; ');
}
