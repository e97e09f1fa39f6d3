import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { AuthProvider } from './lib/auth.tsx';
import { matchPath, RouterProvider, useLocation, Link } from './lib/router.tsx';
import { useQuery, useTitle } from './lib/hooks.ts';
import { errorMessage } from './lib/errors.ts';
import { PricingMatrixDocument } from './operations/public.ts';
import { Layout, RequireAuth } from './components/Layout.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Landing } from './pages/public/Landing.tsx';
import { Pricing } from './pages/public/Pricing.tsx';
import { Help } from './pages/public/Help.tsx';
import { embeddedPublicData, type PublicData } from './pages/public/data.ts';
import { SignIn } from './pages/auth/SignIn.tsx';
import { SignUp } from './pages/auth/SignUp.tsx';
import { ForgotPassword, ResetPassword, VerifyEmail, Welcome } from './pages/auth/EmailFlows.tsx';
import { OAuthCallback } from './pages/auth/OAuthCallback.tsx';
import { Campaigns } from './pages/player/Campaigns.tsx';
import { CampaignPage } from './pages/player/CampaignPage.tsx';
import { CreateCampaign } from './pages/player/CreateCampaign.tsx';
import { MyCampaigns } from './pages/player/MyCampaigns.tsx';
import { Friends, PlayerProfile } from './pages/player/Social.tsx';
import { Party } from './pages/player/Party.tsx';
import { Settings } from './pages/player/Settings.tsx';
import { Billing, CheckoutSuccess } from './pages/player/Billing.tsx';
import { Loading } from './components/ui.tsx';

// staff areas and the live table load on demand: players' first paint does not carry them
const Live = lazy(() => import('./pages/player/Live.tsx').then((m) => ({ default: m.Live })));
const Finance = lazy(() => import('./pages/finance/Finance.tsx').then((m) => ({ default: m.Finance })));
const admin = () => import('./pages/admin/Admin.tsx');
const AdminHome = lazy(() => admin().then((m) => ({ default: m.AdminHome })));
const CaseDetail = lazy(() => admin().then((m) => ({ default: m.CaseDetail })));
const AdminUsers = lazy(() => admin().then((m) => ({ default: m.AdminUsers })));
const AdminAppeals = lazy(() => admin().then((m) => ({ default: m.AdminAppeals })));
const AdminAudit = lazy(() => admin().then((m) => ({ default: m.AdminAudit })));

/** The public pages' data: the copy the server embedded, else asked for in the browser. */
function usePublicData(): PublicData | null {
  const embedded = useMemo(embeddedPublicData, []);
  const q = useQuery(PricingMatrixDocument, {}, { skip: !!embedded?.pricing, anonymous: true });
  if (embedded?.pricing) return embedded;
  if (q.data) return { pricing: q.data };
  if (q.error) return { pricing: null, pricingError: errorMessage(q.error) };
  return null;
}

function PublicPage({ page }: { page: 'landing' | 'pricing' }) {
  const data = usePublicData();
  useTitle(page === 'landing' ? '' : 'Pricing');
  return page === 'landing' ? <Landing data={data} /> : <Pricing data={data} />;
}

function HelpPage() {
  useTitle('Help');
  return <Help />;
}

function NotFound() {
  useTitle('Not found');
  return (
    <div className="narrow">
      <h1>Page not found</h1>
      <p>The page you asked for does not exist. <Link to="/">Go home</Link></p>
    </div>
  );
}

type Route = [pattern: string, render: (p: Record<string, string>) => ReactNode];

const authed = (node: ReactNode, roles?: Array<'FINANCE' | 'MODERATOR' | 'ADMIN'>) => <RequireAuth roles={roles}>{node}</RequireAuth>;

const ROUTES: Route[] = [
  ['/', () => <PublicPage page="landing" />],
  ['/pricing', () => <PublicPage page="pricing" />],
  ['/help', () => <HelpPage />],
  ['/signin', () => <SignIn />],
  ['/signup', () => <SignUp />],
  ['/welcome', () => <Welcome />],
  ['/verify-email', () => <VerifyEmail />],
  ['/forgot-password', () => <ForgotPassword />],
  ['/reset-password', () => <ResetPassword />],
  ['/oauth/callback/:provider', (p) => <OAuthCallback provider={p.provider!} />],
  ['/campaigns', () => authed(<Campaigns />)],
  ['/campaigns/new', () => authed(<CreateCampaign />)],
  ['/campaigns/:id', (p) => authed(<CampaignPage id={p.id!} />)],
  ['/campaigns/:id/play', (p) => authed(<Live id={p.id!} />)],
  ['/me/campaigns', () => authed(<MyCampaigns />)],
  ['/friends', () => authed(<Friends />)],
  ['/players/:id', (p) => authed(<PlayerProfile id={p.id!} />)],
  ['/party', () => authed(<Party />)],
  ['/settings', () => authed(<Settings />)],
  ['/billing', () => authed(<Billing />)],
  ['/billing/checkout/success', () => authed(<CheckoutSuccess />)],
  ['/finance', () => authed(<Finance />, ['FINANCE'])],
  ['/admin', () => authed(<AdminHome />, ['MODERATOR'])],
  ['/admin/cases/:id', (p) => authed(<CaseDetail id={p.id!} />, ['MODERATOR'])],
  ['/admin/users', () => authed(<AdminUsers />, ['MODERATOR'])],
  ['/admin/users/:id', (p) => authed(<AdminUsers id={p.id!} key={p.id} />, ['MODERATOR'])],
  ['/admin/appeals', () => authed(<AdminAppeals />, ['MODERATOR'])],
  ['/admin/audit', () => authed(<AdminAudit />, ['ADMIN'])],
];

function Routes() {
  const { pathname } = useLocation();
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) {
      return (
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>{render(params)}</Suspense>
        </ErrorBoundary>
      );
    }
  }
  return <NotFound />;
}

export function App() {
  return (
    <RouterProvider>
      <AuthProvider>
        <Layout>
          <Routes />
        </Layout>
      </AuthProvider>
    </RouterProvider>
  );
}
