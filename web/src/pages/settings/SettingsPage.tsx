import { Link, Redirect } from '../../router';
import { TokensSettings } from './TokensSettings';
import { UsersSettings } from './UsersSettings';
import { MailSettings } from '../mail/MailSettings';
import { OutboxPage } from '../mail/OutboxPage';

// Later settings sections (agreement template, ideal-client profile, webhooks…) register here.
const TABS = [
  { id: 'users', label: 'Users', render: () => <UsersSettings /> },
  { id: 'tokens', label: 'API tokens', render: () => <TokensSettings /> },
  { id: 'mail', label: 'Email', render: () => <MailSettings /> },
  { id: 'outbox', label: 'Outbox', render: () => <OutboxPage /> },
];

export function SettingsPage({ tab }: { tab: string }) {
  const current = TABS.find((t) => t.id === tab);
  if (!current) return <Redirect to="/settings/users" />;
  return (
    <div className="page">
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map((t) => (
          <Link key={t.id} to={`/settings/${t.id}`} className={t.id === tab ? 'tab active' : 'tab'} aria-current={t.id === tab ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {current.render()}
    </div>
  );
}
