import { Link, Redirect, type RouteDef } from '../router';
import { EmptyState } from '../ui/misc';
import { InboxPage } from '../pages/inbox/InboxPage';
import { RequestPage } from '../pages/request/RequestPage';
import { ClientsPage } from '../pages/clients/ClientsPage';
import { ClientPage } from '../pages/clients/ClientPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { IntakeProfilePage } from '../pages/intake/IntakeProfilePage';
import { ProspectsPage } from '../pages/prospects/ProspectsPage';
import { ProspectPage } from '../pages/prospects/ProspectPage';
import { ReviewPage } from '../pages/review/ReviewPage';
import { ExitPage } from '../pages/exit/ExitPage';
import { ReferralsPage } from '../pages/referrals/ReferralsPage';
import { GrowthPage } from '../pages/growth/GrowthPage';
import { SupervisorPage } from '../pages/supervisor/SupervisorPage';
import { AutomationsPage } from '../pages/automations/AutomationsPage';
import { WebhooksPage } from '../pages/webhooks/WebhooksPage';
import { EscalationPage } from '../pages/escalation/EscalationSettings';
import { AgreementsPage } from '../pages/agreements/AgreementsPage';
import { PlaybooksPage } from '../pages/playbooks/PlaybooksPage';
import { SlaPage } from '../pages/sla/SlaPage';
import { IncidentsPage } from '../pages/incidents/IncidentsPage';

/** Signed-in desk routes, first match wins. New sections register here and in nav.tsx. */
export const deskRoutes: RouteDef[] = [
  { path: '/', render: () => <Redirect to="/inbox" /> },
  { path: '/inbox', render: () => <InboxPage /> },
  { path: '/requests/:id', render: ({ id }) => <RequestPage key={id} id={id ?? ''} /> },
  { path: '/clients', render: () => <ClientsPage /> },
  { path: '/clients/:id', render: ({ id }) => <ClientPage key={id} id={id ?? ''} /> },
  { path: '/intake', render: () => <IntakeProfilePage /> },
  { path: '/prospects', render: () => <ProspectsPage /> },
  { path: '/prospects/:id', render: ({ id }) => <ProspectPage key={id} id={id ?? ''} /> },
  { path: '/review', render: () => <ReviewPage /> },
  { path: '/exits/:id', render: ({ id }) => <ExitPage key={id} id={id ?? ''} /> },
  { path: '/referrals', render: () => <ReferralsPage /> },
  { path: '/growth', render: () => <GrowthPage /> },
  { path: '/agreements', render: () => <AgreementsPage /> },
  { path: '/playbooks', render: () => <PlaybooksPage /> },
  { path: '/sla', render: () => <SlaPage /> },
  { path: '/incidents', render: () => <IncidentsPage /> },
  { path: '/supervisor', render: () => <SupervisorPage /> },
  { path: '/automations', render: () => <AutomationsPage /> },
  { path: '/webhooks', render: () => <WebhooksPage /> },
  { path: '/escalation', render: () => <EscalationPage /> },
  { path: '/settings', render: () => <Redirect to="/settings/users" /> },
  { path: '/settings/:tab', render: ({ tab }) => <SettingsPage tab={tab ?? 'users'} /> },
];

export function NotFound() {
  return (
    <div className="page">
      <EmptyState title="This page does not exist">
        <Link to="/inbox">Go to the inbox</Link>
      </EmptyState>
    </div>
  );
}
