import { createRng } from './prng.ts';
import * as T from './tables.ts';

/** What a campaign skeleton depends on: the seed plus the config fields that shape it. */
export interface SkeletonInput {
  seed: string;
  mode: string;
  lengthWeeks: number;
  maxPlayers: number;
}

export interface Npc {
  id: string;
  name: string;
  role: (typeof T.NPC_ROLES)[number];
  traits: string[];
  homeRegion: string;
}

export interface Region {
  id: string;
  name: string;
  kind: (typeof T.REGION_KINDS)[number];
  /** Ids of adjacent regions (the map is connected and undirected). */
  links: string[];
}

export interface Objective {
  id: string;
  /** The week by which it is meant to be reached (1-based; one-shots use 1). */
  act: number;
  text: string;
}

/** The deterministic frame of a campaign; the AI writes prose on top of it. */
export interface CampaignSkeleton {
  version: 1;
  backstory: { setting: string; threat: string; hook: string };
  objectives: Objective[];
  npcs: Npc[];
  map: { regions: Region[]; start: string };
}

/**
 * Generates the skeleton from the seed and config alone. Same input → byte-identical output
 * (`JSON.stringify` of the result), on any machine.
 */
export function generateSkeleton(input: SkeletonInput): CampaignSkeleton {
  const rng = createRng(`startales/skeleton/v1\u0000${input.seed}\u0000${input.mode}\u0000${input.lengthWeeks}\u0000${input.maxPlayers}`);
  const story = rng.fork('backstory');
  const backstory = { setting: story.pick(T.SETTINGS), threat: story.pick(T.THREATS), hook: story.pick(T.HOOKS) };

  const acts = input.mode === 'ONE_SHOT' ? 1 : input.lengthWeeks;
  const objectiveCount = input.mode === 'ONE_SHOT' ? 3 : Math.min(12, 2 + Math.ceil(input.lengthWeeks / 2));
  const obj = rng.fork('objectives');
  const objectives: Objective[] = Array.from({ length: objectiveCount }, (_, i) => ({
    id: `o${i + 1}`,
    act: Math.max(1, Math.round(((i + 1) * acts) / objectiveCount)),
    text: `${obj.pick(T.OBJECTIVE_VERBS)} ${obj.pick(T.OBJECTIVE_TARGETS)}`,
  }));

  const regionCount = Math.min(24, 5 + Math.ceil(input.maxPlayers / 4) + Math.floor(input.lengthWeeks / 4));
  const geo = rng.fork('map');
  const regions: Region[] = Array.from({ length: regionCount }, (_, i) => ({
    id: `r${i + 1}`,
    name: `${geo.pick(T.REGION_ADJECTIVES)} ${geo.pick(T.REGION_KINDS)}`,
    kind: geo.pick(T.REGION_KINDS),
    links: [],
  }));
  const link = (a: Region, b: Region) => {
    if (a === b || a.links.includes(b.id)) return;
    a.links.push(b.id);
    b.links.push(a.id);
  };
  // a random spanning tree keeps the map connected; a few extra edges make loops
  for (let i = 1; i < regions.length; i++) link(regions[i]!, regions[geo.int(0, i - 1)]!);
  for (let k = 0; k < Math.floor(regions.length / 3); k++) link(geo.pick(regions), geo.pick(regions));
  for (const r of regions) r.links.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

  const cast = rng.fork('npcs');
  const npcCount = Math.min(30, 4 + Math.ceil(input.maxPlayers / 2));
  const npcs: Npc[] = Array.from({ length: npcCount }, (_, i) => ({
    id: `n${i + 1}`,
    name: `${cast.pick(T.NPC_FIRST)} ${cast.pick(T.NPC_LAST)}`,
    role: i === 0 ? 'villain' : cast.pick(T.NPC_ROLES),
    traits: cast.sample(T.NPC_TRAITS, 2),
    homeRegion: cast.pick(regions).id,
  }));

  return { version: 1, backstory, objectives, npcs, map: { regions, start: regions[0]!.id } };
}
