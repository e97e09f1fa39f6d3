import { Link } from '../../lib/router.tsx';
import { formatCents } from '../../lib/format.ts';
import { priceRange, type PublicData } from './data.ts';

/** The landing page: rendered on the server for a fast first paint and search engines, then taken over by the app. */
export function Landing({ data }: { data: PublicData | null }) {
  const range = data?.pricing ? priceRange(data.pricing) : null;
  return (
    <div className="landing">
      <section className="hero">
        <div className="hero-text">
          <h1>Tabletop campaigns with an AI game master who never cancels.</h1>
          <p className="lead">
            Gather 2 to 50 friends, pick a story and a schedule, and play weekly sessions — or one 24-hour one-shot — narrated live by an AI that
            remembers every choice your party makes.
          </p>
          <div className="hero-actions">
            <Link to="/signup" className="btn btn-primary btn-lg">Start playing</Link>
            <Link to="/pricing" className="btn btn-secondary btn-lg">See pricing</Link>
          </div>
          {range ? (
            <p className="muted">
              Seats from <strong>{formatCents(range.low, range.currency)}</strong> to <strong>{formatCents(range.high, range.currency)}</strong> per player for a whole
              campaign.
            </p>
          ) : null}
        </div>
        <div className="hero-art" aria-hidden="true">
          <div className="scroll">
            <p className="scroll-gm">The gears beneath the clockwork city grind to a halt. Somewhere below, something is waiting.</p>
            <p className="scroll-player"><strong>Mira:</strong> I press my ear to the brass door and listen.</p>
            <p className="scroll-gm">A heartbeat — slow, mechanical, and far too large to be human…</p>
          </div>
        </div>
      </section>
      <section className="features" aria-labelledby="features-heading">
        <h2 id="features-heading">Everything a campaign needs</h2>
        <ul className="feature-grid">
          <li><h3>Live narration</h3><p>The game master writes as you play; every player sees the story unfold at the same moment.</p></li>
          <li><h3>Your schedule</h3><p>Weekly sessions over 4, 12 or 24 weeks in your time zone, or a single 24-hour one-shot.</p></li>
          <li><h3>Friends and parties</h3><p>Invite friends, form a party and join campaigns together — or let matchmaking find a table.</p></li>
          <li><h3>Fair, clear prices</h3><p>One price per seat for the whole campaign, set by its length, hours and AI tier. No surprises.</p></li>
          <li><h3>Safe tables</h3><p>Report players in one click, block anyone, and a moderation team reviews every case.</p></li>
          <li><h3>Your data, your call</h3><p>Export everything we hold about you, or delete your account, whenever you want.</p></li>
        </ul>
      </section>
      <section className="cta">
        <h2>Ready for session one?</h2>
        <p>Create an account in a minute, then browse open campaigns or start your own.</p>
        <Link to="/signup" className="btn btn-primary btn-lg">Create your account</Link>
      </section>
    </div>
  );
}
