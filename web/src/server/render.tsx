/**
 * Server rendering of the public pages (landing, pricing, help) into dist/index.html: the first paint is real
 * content with its meta tags and JSON-LD, before any JavaScript runs; the app then takes the page over.
 */
import { renderToString } from 'react-dom/server';
import { StaticRouter } from '../app/lib/router.tsx';
import { AuthProvider } from '../app/lib/auth.tsx';
import { Layout } from '../app/components/Layout.tsx';
import { Landing } from '../app/pages/public/Landing.tsx';
import { Pricing } from '../app/pages/public/Pricing.tsx';
import { Help } from '../app/pages/public/Help.tsx';
import type { PublicData } from '../app/pages/public/data.ts';
import { headTags, isPublicRoute, scriptJson } from './seo.ts';

function page(path: string, data: PublicData | null) {
  switch (path) {
    case '/':
      return <Landing data={data} />;
    case '/pricing':
      return <Pricing data={data} />;
    case '/help':
      return <Help />;
    default:
      return null;
  }
}

/** The HTML for `path`: public routes rendered with their data; other routes get the empty shell (the app renders them). */
export function renderPage(template: string, path: string, data: PublicData | null, origin: string): string {
  const { title, tags } = headTags(path, data, origin);
  let html = template;
  if (isPublicRoute(path)) {
    html = html.replace(/<title>[\s\S]*?<\/title>/, `<title>${title.replace(/</g, '&lt;')}</title>`).replace(/<meta name="description"[^>]*>\s*/, '');
    const body = renderToString(
      <StaticRouter pathname={path}>
        <AuthProvider>
          <Layout>{page(path, data)}</Layout>
        </AuthProvider>
      </StaticRouter>,
    );
    html = html.replace('<!--app-html-->', body).replace('<!--app-data-->', `<script type="application/json" id="public-data">${scriptJson(data ?? { pricing: null })}</script>`);
  }
  return html.replace('<!--app-head-->', tags);
}
