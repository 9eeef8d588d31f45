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
  /** Sidebar group heading the item sits under. */
  section: NavSection;
}

export type NavSection = 'Desk' | 'Clients' | 'Processes' | 'Admin';
export const NAV_SECTIONS: NavSection[] = ['Desk', 'Clients', 'Processes', 'Admin'];

// Later sections (Reports, Review queue, Intake…) are added here and in routes.tsx.
export const NAV: NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: <InboxIcon />, match: ['/inbox', '/requests'] , section: 'Desk' },
  { to: '/clients', label: 'Clients', icon: <ClientsIcon />, match: ['/clients'] , section: 'Clients' },
  { to: '/prospects', label: 'Prospects', icon: <ClientsIcon />, match: ['/prospects', '/intake'] , section: 'Clients' },
  { to: '/review', label: 'Review queue', icon: <InboxIcon />, match: ['/review', '/exits'], minRole: 'supervisor' , section: 'Clients' },
  { to: '/referrals', label: 'Referral directory', icon: <ClientsIcon />, match: ['/referrals'] , section: 'Clients' },
  { to: '/growth', label: 'Referrals in', icon: <ClientsIcon />, match: ['/growth'] , section: 'Clients' },
  { to: '/incidents', label: 'Incidents', icon: <IncidentIcon />, match: ['/incidents'] , section: 'Desk' },
  { to: '/playbooks', label: 'Playbooks', icon: <PlaybookIcon />, match: ['/playbooks'] , section: 'Processes' },
  { to: '/agreements', label: 'Agreements', icon: <AgreementIcon />, match: ['/agreements'] , section: 'Processes' },
  { to: '/sla', label: 'SLA', icon: <SlaIcon />, match: ['/sla'] , section: 'Processes' },
  { to: '/supervisor', label: 'Supervisor queue', icon: <InboxIcon />, match: ['/supervisor'], minRole: 'supervisor' , section: 'Desk' },
  { to: '/automations', label: 'Automations', icon: <SettingsIcon />, match: ['/automations'], minRole: 'supervisor' , section: 'Processes' },
  { to: '/escalation', label: 'Escalation', icon: <SettingsIcon />, match: ['/escalation'], minRole: 'supervisor' , section: 'Processes' },
  { to: '/webhooks', label: 'Webhooks', icon: <SettingsIcon />, match: ['/webhooks'], minRole: 'owner' , section: 'Admin' },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon />, match: ['/settings'] , section: 'Admin' },
];
