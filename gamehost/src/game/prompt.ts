import { generateSkeleton } from '@startales/game';
import type { CampaignState } from './state.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The game master's prompt for the current turn, built from the state alone: the campaign's skeleton (regenerated
 * from its seed, as campaigns generated it), the current objective, the last narrations and this turn's actions.
 */
export function buildNarrationPrompt(state: CampaignState): ChatMessage[] {
  const c = state.config!;
  const skeleton = generateSkeleton({ seed: c.seed, mode: c.mode, lengthWeeks: c.lengthWeeks, maxPlayers: c.maxPlayers });
  const sessionNumber = state.sessions.findIndex((s) => s.index === state.currentSession) + 1;
  const objective = skeleton.objectives.find((o) => o.act >= Math.max(1, sessionNumber)) ?? skeleton.objectives.at(-1);
  const handles = new Map(state.players.map((p) => [p.userId, p.handle || 'a traveller']));
  const villain = skeleton.npcs[0]!;
  const system = [
    `You are the game master of "${c.title}", a ${c.mode === 'ONE_SHOT' ? 'one-shot' : 'weekly'} tabletop campaign set in ${skeleton.backstory.setting}.`,
    `The threat: ${skeleton.backstory.threat}. The hook: ${skeleton.backstory.hook}. The villain is ${villain.name} (${villain.traits.join(', ')}).`,
    objective ? `The party's current objective: ${objective.text}.` : '',
    `Other characters: ${skeleton.npcs.slice(1, 6).map((n) => `${n.name}, ${n.role}`).join('; ')}.`,
    'Narrate what happens next in the second person plural, vividly and in at most three short paragraphs.',
    "React to every player's action, keep the world consistent, and never decide a player's thoughts for them.",
  ]
    .filter(Boolean)
    .join('\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const n of state.recent) messages.push({ role: 'assistant', content: n.text });
  const actions = state.pending.map((a) => `- ${handles.get(a.userId) ?? 'someone'}: ${a.text}`).join('\n');
  messages.push({ role: 'user', content: `Session ${sessionNumber}, turn ${state.turn}. The players act:\n${actions}` });
  return messages;
}
