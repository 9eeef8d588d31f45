import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ROLE_RANK } from '../lib/roles';
import { Link, navigate, useLocation } from '../router';
import { useSession, useSessionState } from '../session';
import { useHotkeys } from '../lib/hotkeys';
import { useToast } from '../ui/toast';
import { Avatar } from '../ui/misc';
import { ROLE_LABEL } from '../lib/format';
import { NAV, NAV_SECTIONS } from './nav';
import { MenuIcon, SearchIcon } from './icons';

export const SEARCH_INPUT_ID = 'global-search';

export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname, query } = useLocation();
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => setNavOpen(false), [pathname]);

  useHotkeys({
    '/': (e) => {
      e.preventDefault();
      const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    },
  });

  const items = NAV.filter((n) => !n.minRole || ROLE_RANK[session.user.role] >= ROLE_RANK[n.minRole]);
  return (
    <div className={navOpen ? 'shell nav-open' : 'shell'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Main navigation">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            f
          </span>
          <span className="brand-name">fitdesk</span>
        </div>
        <nav>
          {NAV_SECTIONS.map((section) => {
            const inSection = items.filter((n) => n.section === section);
            if (!inSection.length) return null;
            return (
              <div key={section} className="nav-section">
                {section !== 'Desk' && <div className="nav-heading">{section}</div>}
                <ul>
                  {inSection.map((n) => {
                    const active = n.match.some((m) => pathname === m || pathname.startsWith(m + '/'));
                    return (
                      <li key={n.to}>
                        <Link to={n.to} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                          {n.icon}
                          <span>{n.label}</span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="sidebar-foot">
          <span className="kbd-hint">
            Press <kbd>/</kbd> to search
          </span>
        </div>
      </aside>
      <div className="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden="true" />
      <div className="main-col">
        <header className="topbar">
          <button type="button" className="icon-button nav-toggle" aria-label="Open navigation" aria-expanded={navOpen} onClick={() => setNavOpen((o) => !o)}>
            <MenuIcon />
          </button>
          <div className="workspace-name" title={session.workspace.name}>
            {session.workspace.name}
          </div>
          <SearchBox key={pathname === '/inbox' ? 'inbox' : 'other'} initial={pathname === '/inbox' ? (query.get('q') ?? '') : ''} />
          <UserMenu />
        </header>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

function SearchBox({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = value.trim();
    const params = new URLSearchParams(window.location.pathname === '/inbox' ? window.location.search : '');
    if (q) params.set('q', q);
    else params.delete('q');
    const s = params.toString();
    navigate('/inbox' + (s ? `?${s}` : ''));
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        Search requests
      </label>
      <SearchIcon />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        placeholder="Search requests…"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
    </form>
  );
}

function UserMenu() {
  const session = useSession();
  const { logout } = useSessionState();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={ref}>
      <button type="button" className="user-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Avatar name={session.user.name} />
        <span className="user-name">{session.user.name}</span>
      </button>
      {open && (
        <div className="menu" role="menu">
          <div className="menu-header">
            <strong>{session.user.name}</strong>
            <span>{session.user.email}</span>
            <span className="muted">{ROLE_LABEL[session.user.role]}</span>
          </div>
          <Link to="/settings/users" role="menuitem" className="menu-item" onClick={() => setOpen(false)}>
            Settings
          </Link>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={async () => {
              setOpen(false);
              try {
                await logout();
                navigate('/login');
              } catch (e) {
                toast.error(e);
              }
            }}
          >
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
