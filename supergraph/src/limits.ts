import {
  GraphQLError,
  Kind,
  parse,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type Source,
  type ValidationRule,
} from 'graphql';
import { ErrorCode } from '@startales/contracts';

/** Limits every operation must satisfy before anything executes. Each is configurable (config.ts). */
export interface OperationLimits {
  /** Fields on the longest path (`{ me { id } }` is 2). Operations and fragments named `__schema` count like any other. */
  maxDepth: number;
  /** Depth under a real root `__schema` / `__type` field (introspection never reaches a subgraph; graphql-js also caps its list nesting). */
  maxIntrospectionDepth: number;
  /** Aliased fields in the operation, each fragment counted once per spread. */
  maxAliases: number;
  /** Directive uses in the operation, each fragment counted once per spread. */
  maxDirectives: number;
  /** Lexical tokens in the document (checked while parsing, so a huge document is never fully parsed). */
  maxTokens: number;
  /** Estimated cost (cost.ts). */
  maxCost: number;
  /** List size assumed for a list field without `first`/`last` or a hint. */
  defaultListSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxIntrospectionDepth: 20,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
  defaultListSize: 10,
};

export type LimitName = 'depth' | 'introspectionDepth' | 'aliases' | 'directives' | 'tokens' | 'cost';

/** The typed error of every limit: `OPERATION_LIMIT_EXCEEDED` with the limit's name and maximum, HTTP 400. */
export function limitError(limit: LimitName, max: number, actual: number | undefined, nodes?: ASTNode | ASTNode[]): GraphQLError {
  const what = limit === 'introspectionDepth' ? 'introspection depth' : limit;
  return new GraphQLError(`Operation ${what} ${actual === undefined ? 'exceeds' : `${actual} exceeds`} the maximum of ${max}`, {
    nodes,
    extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit, max, ...(actual === undefined ? {} : { actual }), http: { status: 400 } },
  });
}

/** graphql-js `parse` that stops at `maxTokens` and says so with the typed error (other syntax errors stay as they are). */
export function createLimitedParse(maxTokens: number) {
  return (source: string | Source) => {
    try {
      return parse(source, { maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError && /contains more th\w* \d+ tokens/.test(error.message)) throw limitError('tokens', maxTokens, undefined);
      if (error instanceof GraphQLError) {
        throw new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } });
      }
      throw error;
    }
  };
}

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
// sums of fragment fan-out grow geometrically; anything past this is over every limit anyway
const CAP = 1e12;

/**
 * Measures an operation's depth, aliases and directives with every fragment expanded where it is spread, so neither
 * naming (an operation or fragment called `__schema`) nor reusing a fragment lowers a count. A fragment's measure is
 * position-independent, so it is computed once per document and added at each spread (linear time, not exponential).
 */
export function measureOperation(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>) {
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();

  const fragment = (name: string): Measure => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // unknown fragments and cycles are reported by graphql-js' own rules
    if (!def || visiting.has(name)) return { depth: 0, aliases: 0, directives: 0 };
    visiting.add(name);
    const inner = selections(def.selectionSet);
    visiting.delete(name);
    const m = { ...inner, directives: Math.min(CAP, inner.directives + (def.directives?.length ?? 0)) };
    memo.set(name, m);
    return m;
  };

  const selections = (set: SelectionSetNode): Measure => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const sel of set.selections) {
      directives += sel.directives?.length ?? 0;
      let inner: Measure;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        inner = sel.selectionSet ? selections(sel.selectionSet) : { depth: 0, aliases: 0, directives: 0 };
        depth = Math.max(depth, inner.depth + 1);
      } else {
        inner = sel.kind === Kind.INLINE_FRAGMENT ? selections(sel.selectionSet) : fragment(sel.name.value);
        depth = Math.max(depth, inner.depth);
      }
      aliases = Math.min(CAP, aliases + inner.aliases);
      directives = Math.min(CAP, directives + inner.directives);
    }
    return { depth, aliases, directives };
  };

  // depth at the root: a real `__schema`/`__type` field (never a name chosen by the client) is measured on its own
  let depth = 0;
  let introspectionDepth = 0;
  const rootSeen = new Set<string>();
  const root = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const d = (sel.selectionSet ? selections(sel.selectionSet).depth : 0) + 1;
        if (INTROSPECTION_ROOTS.has(sel.name.value) && operation.operation === 'query') introspectionDepth = Math.max(introspectionDepth, d);
        else depth = Math.max(depth, d);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) root(sel.selectionSet);
      else if (!rootSeen.has(sel.name.value)) {
        rootSeen.add(sel.name.value);
        const def = fragments.get(sel.name.value);
        if (def) root(def.selectionSet);
      }
    }
  };
  root(operation.selectionSet);
  const all = selections(operation.selectionSet);
  const variableDirectives = (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
  return { depth, introspectionDepth, aliases: all.aliases, directives: all.directives + (operation.directives?.length ?? 0) + variableDirectives };
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

/**
 * Validation rule for depth, aliases and directives (each operation of the document). Yoga caches validation per
 * document, so a repeated operation is measured once.
 */
export function createOperationLimitsRule(limits: OperationLimits): ValidationRule {
  const rule: ValidationRule = (context) => ({
    Document(document) {
      const fragments = fragmentsOf(document);
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const m = measureOperation(def, fragments);
        if (m.depth > limits.maxDepth) context.reportError(limitError('depth', limits.maxDepth, m.depth, def));
        if (m.introspectionDepth > limits.maxIntrospectionDepth) {
          context.reportError(limitError('introspectionDepth', limits.maxIntrospectionDepth, m.introspectionDepth, def));
        }
        if (m.aliases > limits.maxAliases) context.reportError(limitError('aliases', limits.maxAliases, m.aliases, def));
        if (m.directives > limits.maxDirectives) context.reportError(limitError('directives', limits.maxDirectives, m.directives, def));
      }
      return false;
    },
  });
  // Yoga's validation cache keys on rule names
  Object.defineProperty(rule, 'name', { value: 'StartalesOperationLimitsRule' });
  return rule;
}
