import { useState, type ReactNode } from 'react';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useAuth } from '../lib/auth.tsx';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const active = pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));
  return (
    <Link to={to} className={active ? 'active' : undefined}>
      {children}
    </Link>
  );
}

/** Header with role-aware navigation, a skip link, the page and a footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { session, hasRole, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={session ? '/campaigns' : '/'} className="brand" aria-label="Startales home">
            <span aria-hidden="true">✦</span> Startales
          </Link>
          <button type="button" className="menu-toggle btn btn-ghost" aria-expanded={open} aria-controls="primary-nav" onClick={() => setOpen(!open)}>
            Menu
          </button>
          <nav id="primary-nav" aria-label="Main" className={open ? 'open' : ''} onClick={() => setOpen(false)}>
            {session ? (
              <>
                <NavLink to="/campaigns">Campaigns</NavLink>
                <NavLink to="/me/campaigns">My campaigns</NavLink>
                <NavLink to="/friends">Friends</NavLink>
                <NavLink to="/party">Party</NavLink>
                <NavLink to="/billing">Billing</NavLink>
                {hasRole('FINANCE') ? <NavLink to="/finance">Finance</NavLink> : null}
                {hasRole('MODERATOR') ? <NavLink to="/admin">Admin</NavLink> : null}
                <NavLink to="/help">Help</NavLink>
                <NavLink to="/settings">
                  <span className="visually-hidden">Settings for </span>@{session.user.handle}
                </NavLink>
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() => {
                    void signOut().then(() => navigate('/'));
                  }}
                >
                  Sign out
                </button>
              </>
            ) : (
              <>
                <NavLink to="/pricing">Pricing</NavLink>
                <NavLink to="/help">Help</NavLink>
                <NavLink to="/signin">Sign in</NavLink>
                <Link to="/signup" className="btn btn-primary">Sign up</Link>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="site-footer">
        <p>© Startales · <Link to="/pricing">Pricing</Link> · <Link to="/help">Help &amp; contact</Link></p>
      </footer>
    </>
  );
}

/** Sends a signed-out visitor to sign in (and back afterwards). */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Array<'FINANCE' | 'MODERATOR' | 'ADMIN'> }) {
  const { session, hasRole } = useAuth();
  const { pathname, search } = useLocation();
  if (!session) {
    const next = encodeURIComponent(pathname + (search.size ? `?${search.toString()}` : ''));
    return (
      <div className="narrow">
        <h1>Sign in to continue</h1>
        <p>This page needs an account.</p>
        <p>
          <Link className="btn btn-primary" to={`/signin?next=${next}`}>Sign in</Link> <Link className="btn btn-secondary" to={`/signup?next=${next}`}>Create an account</Link>
        </p>
      </div>
    );
  }
  if (roles && !hasRole(...roles)) {
    return (
      <div className="narrow">
        <h1>Not available</h1>
        <p>This area is for {roles.map((r) => r.toLowerCase()).join(' or ')} accounts. Your account has the roles: {session.user.roles.map((r) => r.toLowerCase()).join(', ')}.</p>
        <p className="muted">Staff roles take effect on your next sign-in, and need two-factor authentication turned on in Settings.</p>
      </div>
    );
  }
  return <>{children}</>;
}
