/** What search engines and link previews see: per-route meta tags, JSON-LD, robots.txt and sitemap.xml. */
import { FAQ } from '../app/pages/public/Help.tsx';
import { priceRange, type PublicData } from '../app/pages/public/data.ts';

/** Public, indexable routes (everything else is the signed-in app and carries noindex). */
export const PUBLIC_ROUTES = ['/', '/pricing', '/help'] as const;
export type PublicRoute = (typeof PUBLIC_ROUTES)[number];

export function isPublicRoute(path: string): path is PublicRoute {
  return (PUBLIC_ROUTES as readonly string[]).includes(path);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside <script>: `<` escaped so no `</script>` can close it early. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

interface Meta {
  title: string;
  description: string;
  jsonLd: unknown[];
}

function metaFor(route: PublicRoute, data: PublicData | null, origin: string): Meta {
  const range = data?.pricing ? priceRange(data.pricing) : null;
  const org = { '@context': 'https://schema.org', '@type': 'Organization', name: 'Startales', url: `${origin}/`, logo: `${origin}/favicon.svg` };
  switch (route) {
    case '/':
      return {
        title: 'Startales — AI game-master campaigns with friends',
        description: `Play tabletop campaigns with friends, narrated live by an AI game master. Weekly sessions or 24-hour one-shots${range ? `, from $${(range.low / 100).toFixed(0)} a seat` : ''}.`,
        jsonLd: [org, { '@context': 'https://schema.org', '@type': 'WebSite', name: 'Startales', url: `${origin}/` }],
      };
    case '/pricing':
      return {
        title: 'Pricing · Startales',
        description: 'One price per seat for a whole campaign, set by its length, weekly hours, AI tier and table size. Every seat costs between $10 and $50.',
        jsonLd: [
          org,
          {
            '@context': 'https://schema.org',
            '@type': 'Product',
            name: 'Startales campaign seat',
            description: 'A seat in an AI-narrated tabletop campaign for its whole length.',
            brand: { '@type': 'Brand', name: 'Startales' },
            ...(range
              ? { offers: { '@type': 'AggregateOffer', priceCurrency: range.currency, lowPrice: (range.low / 100).toFixed(2), highPrice: (range.high / 100).toFixed(2), offerCount: 9, url: `${origin}/pricing` } }
              : {}),
          },
        ],
      };
    case '/help':
      return {
        title: 'Help · Startales',
        description: 'Answers about prices, payments, parties, safety and your data — and a form to reach our support team.',
        jsonLd: [
          { '@context': 'https://schema.org', '@type': 'FAQPage', mainEntity: FAQ.map((f) => ({ '@type': 'Question', name: f.q, acceptedAnswer: { '@type': 'Answer', text: f.a } })) },
        ],
      };
  }
}

/** The tags that go into <head> for a route (public routes: title, description, canonical, Open Graph, JSON-LD). */
export function headTags(path: string, data: PublicData | null, origin: string): { title: string; tags: string } {
  if (!isPublicRoute(path)) return { title: 'Startales', tags: '<meta name="robots" content="noindex" />' };
  const m = metaFor(path, data, origin);
  const url = `${origin}${path}`;
  const tags = [
    `<meta name="description" content="${escapeHtml(m.description)}" />`,
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="Startales" />`,
    `<meta property="og:title" content="${escapeHtml(m.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(m.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(url)}" />`,
    `<meta name="twitter:card" content="summary" />`,
    ...m.jsonLd.map((j) => `<script type="application/ld+json">${scriptJson(j)}</script>`),
  ].join('\n    ');
  return { title: m.title, tags };
}

export function sitemapXml(origin: string, lastmod: string): string {
  const urls = PUBLIC_ROUTES.map(
    (p) => `  <url><loc>${escapeHtml(`${origin}${p}`)}</loc><lastmod>${lastmod}</lastmod><changefreq>${p === '/pricing' ? 'daily' : 'weekly'}</changefreq><priority>${p === '/' ? '1.0' : '0.8'}</priority></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /finance', 'Disallow: /settings', 'Disallow: /billing', 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}
