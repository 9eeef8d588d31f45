import type { ReactNode } from 'react';
import type { Role } from '@fitdesk/contracts';
import { ClientsIcon, InboxIcon, SettingsIcon } from './icons';
import { AgreementIcon, IncidentIcon, PlaybookIcon, SlaIcon } from '../components/process-icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Path prefixes that light this item up. */
  match: string[];
  /** Hidden below this role (e.g. Reports for supervisors). */
  minRole?: Role;
}

// Later sections (Reports, Review queue, Intake…) are added here and in routes.tsx.
export const NAV: NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: <InboxIcon />, match: ['/inbox', '/requests'] },
  { to: '/clients', label: 'Clients', icon: <ClientsIcon />, match: ['/clients'] },
  { to: '/prospects', label: 'Prospects', icon: <ClientsIcon />, match: ['/prospects', '/intake'] },
  { to: '/review', label: 'Review queue', icon: <InboxIcon />, match: ['/review', '/exits'], minRole: 'supervisor' },
  { to: '/referrals', label: 'Referral directory', icon: <ClientsIcon />, match: ['/referrals'] },
  { to: '/growth', label: 'Referrals in', icon: <ClientsIcon />, match: ['/growth'] },
  { to: '/incidents', label: 'Incidents', icon: <IncidentIcon />, match: ['/incidents'] },
  { to: '/playbooks', label: 'Playbooks', icon: <PlaybookIcon />, match: ['/playbooks'] },
  { to: '/agreements', label: 'Agreements', icon: <AgreementIcon />, match: ['/agreements'] },
  { to: '/sla', label: 'SLA', icon: <SlaIcon />, match: ['/sla'] },
  { to: '/supervisor', label: 'Supervisor queue', icon: <InboxIcon />, match: ['/supervisor'], minRole: 'supervisor' },
  { to: '/automations', label: 'Automations', icon: <SettingsIcon />, match: ['/automations'], minRole: 'supervisor' },
  { to: '/escalation', label: 'Escalation', icon: <SettingsIcon />, match: ['/escalation'], minRole: 'supervisor' },
  { to: '/webhooks', label: 'Webhooks', icon: <SettingsIcon />, match: ['/webhooks'], minRole: 'owner' },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon />, match: ['/settings'] },
];
