/** Word tables the skeleton generator draws from. Append only at the end of a list: order is part of the format. */
export const SETTINGS = ['a drowned archipelago', 'a dying star colony', 'a clockwork city', 'a haunted frontier', 'a frozen empire', 'a desert of glass', 'a sky-whale migration', 'a war-torn valley'] as const;
export const THREATS = ['a cult of the eclipse', 'a plague of silence', 'a rogue machine mind', 'a usurper queen', 'an awakening leviathan', 'a smugglers\' cartel', 'a broken treaty', 'a rift between worlds'] as const;
export const HOOKS = ['a stolen relic', 'a missing envoy', 'a prophecy misread', 'a map that redraws itself', 'a debt come due', 'a stranger\'s last words'] as const;
export const OBJECTIVE_VERBS = ['Recover', 'Protect', 'Expose', 'Escort', 'Destroy', 'Negotiate with', 'Decode', 'Reach'] as const;
export const OBJECTIVE_TARGETS = ['the Archivist', 'the Ember Crown', 'the Tidewardens', 'the Lantern Gate', 'the Hollow Choir', 'the Iron Ledger', 'the Sunken Bell', 'the Pale Courier'] as const;
export const NPC_FIRST = ['Ada', 'Bram', 'Cyra', 'Doran', 'Esk', 'Faye', 'Galen', 'Hesper', 'Ivo', 'Juno', 'Kestrel', 'Lio', 'Maren', 'Nox', 'Orla', 'Pell'] as const;
export const NPC_LAST = ['Ashdown', 'Brightwater', 'Coil', 'Dunmere', 'Emberly', 'Frost', 'Gale', 'Holloway', 'Ironside', 'Vey'] as const;
export const NPC_ROLES = ['ally', 'rival', 'patron', 'informant', 'villain', 'wildcard'] as const;
export const NPC_TRAITS = ['loyal', 'greedy', 'haunted', 'reckless', 'secretive', 'kind', 'ambitious', 'weary', 'curious', 'vengeful'] as const;
export const REGION_KINDS = ['harbor', 'ruins', 'market', 'fortress', 'forest', 'mine', 'temple', 'wastes', 'archive', 'camp'] as const;
export const REGION_ADJECTIVES = ['Sunken', 'Broken', 'Silver', 'Whispering', 'Burning', 'Hollow', 'Northern', 'Forgotten'] as const;
