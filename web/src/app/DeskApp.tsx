import { useEffect } from 'react';
import { Redirect, useLocation, useRoutes, type RouteDef } from '../router';
import { useSessionState } from '../session';
import { ErrorState, Spinner } from '../ui/misc';
import { LoginPage } from '../pages/auth/LoginPage';
import { SignupPage } from '../pages/auth/SignupPage';
import { AcceptInvitePage } from '../pages/auth/AcceptInvitePage';
import { ApplyPage } from '../pages/intake/ApplyPage';
import { Shell } from './Shell';
import { deskRoutes, NotFound } from './routes';

const publicRoutes: RouteDef[] = [
  { path: '/login', render: () => <LoginPage /> },
  { path: '/signup', render: () => <SignupPage /> },
  { path: '/invite/:token', render: ({ token }) => <AcceptInvitePage token={token ?? ''} /> },
  { path: '/apply/:slug', render: ({ slug }) => <ApplyPage slug={slug ?? ''} /> },
];
const PUBLIC_PATHS = ['/login', '/signup', '/invite'];

export function DeskApp() {
  const { session, bootError, retry } = useSessionState();
  const { pathname, search } = useLocation();
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/'));

  useEffect(() => {
    document.title = session ? `${session.workspace.name} · fitdesk` : 'fitdesk';
  }, [session]);

  const publicPage = useRoutes(publicRoutes, null);
  const deskPage = useRoutes(deskRoutes, <NotFound />);
  // The public intake form (no login) looks the same signed in or out.
  if (pathname.startsWith('/apply/')) return publicPage;

  if (bootError) {
    return (
      <div className="auth-page">
        <ErrorState error={bootError} onRetry={retry} />
      </div>
    );
  }
  if (session === undefined) {
    return (
      <div className="auth-page">
        <Spinner />
      </div>
    );
  }
  if (!session) {
    if (isPublic) return publicPage;
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return <Redirect to={`/login${next}`} />;
  }
  // Signed in: the invite page still works (it signs in as the invited person).
  if (pathname.startsWith('/invite/')) return publicPage;
  if (isPublic) return <Redirect to="/inbox" />;
  return <Shell>{deskPage}</Shell>;
}
