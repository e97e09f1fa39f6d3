import type { CampaignSkeleton } from '@startales/game';

/** Campaign fields the prose prompt uses. */
export interface ProseSubject {
  title: string;
  mode: string;
  difficulty: string;
  lengthWeeks: number;
  language: string;
  skeleton: CampaignSkeleton;
}

/**
 * The prompt for the campaign's prose. The skeleton is authoritative: the model writes over it (names, places and
 * objectives stay as generated), so the prose never changes what the game is.
 */
export function prosePrompt(c: ProseSubject): Array<{ role: 'system' | 'user'; content: string }> {
  const s = c.skeleton;
  const lines = [
    `Title: ${c.title}`,
    `Format: ${c.mode === 'ONE_SHOT' ? 'a 24-hour one-shot' : `${c.lengthWeeks} weekly sessions`}; difficulty ${c.difficulty.toLowerCase()}.`,
    `Setting: ${s.backstory.setting}. Threat: ${s.backstory.threat}. Hook: ${s.backstory.hook}.`,
    'Objectives:',
    ...s.objectives.map((o) => `- (${o.id}, act ${o.act}) ${o.text}`),
    'Characters:',
    ...s.npcs.map((n) => `- ${n.name} (${n.role}; ${n.traits.join(', ')}; from ${n.homeRegion})`),
    'Regions:',
    ...s.map.regions.map((r) => `- ${r.id} ${r.name} (${r.kind}); links ${r.links.join(', ')}`),
  ];
  return [
    {
      role: 'system',
      content:
        'You are the narrator of a tabletop role-playing campaign. Write evocative backstory prose for the players. ' +
        'Use exactly the names, places and objectives given; do not invent new major characters. ' +
        `Write in the language with BCP-47 tag "${c.language}". At most 600 words.`,
    },
    { role: 'user', content: lines.join('\n') },
  ];
}
