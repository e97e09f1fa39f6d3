import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fragmentsOf } from './limits.ts';

/** A `@listSize`-style hint for one field (`Type.field`). */
export interface ListSizeHint {
  /** Size assumed when no slicing argument is given. */
  assumedSize?: number;
  /** Arguments whose value is the list size (default `first`, `last`). */
  slicingArguments?: string[];
  /** For connection-like fields: the child list fields the size applies to (default `edges`, `nodes`). */
  sizedFields?: string[];
}

export interface CostOptions {
  defaultListSize: number;
  /** Hints keyed `Type.field`; merged over the ones read from `@listSize` in the supergraph SDL. */
  hints?: Record<string, ListSizeHint>;
}

const SLICING = ['first', 'last'];
const SIZED = ['edges', 'nodes'];

/**
 * Reads `@listSize(assumedSize:, slicingArguments:, sizedFields:)` from an SDL (the supergraph keeps it when subgraphs
 * use the demand-control spec) into hints keyed `Type.field`.
 */
export function listSizeHintsFromSdl(document: DocumentNode): Record<string, ListSizeHint> {
  const hints: Record<string, ListSizeHint> = {};
  for (const def of document.definitions) {
    if (!('fields' in def) || !def.fields || !('name' in def) || !def.name) continue;
    for (const field of def.fields) {
      const directive = field.directives?.find((d) => d.name.value === 'listSize' || d.name.value.endsWith('__listSize'));
      if (!directive) continue;
      const hint: ListSizeHint = {};
      for (const arg of directive.arguments ?? []) {
        const value = valueFromASTUntyped(arg.value);
        if (arg.name.value === 'assumedSize' && typeof value === 'number') hint.assumedSize = value;
        if (arg.name.value === 'slicingArguments' && Array.isArray(value)) hint.slicingArguments = value.map(String);
        if (arg.name.value === 'sizedFields' && Array.isArray(value)) hint.sizedFields = value.map(String);
      }
      hints[`${def.name.value}.${field.name.value}`] = hint;
    }
  }
  return hints;
}

/**
 * Estimated cost of an operation, before it runs: every object (or interface/union) a field returns costs 1, scalars
 * and enums 0, and a list multiplies its items' cost by its size — the value of `first`/`last` (literal, variable or
 * default), a hint's `assumedSize`, or `defaultListSize`. On connection fields the size applies to their `edges` /
 * `nodes`. Every fragment spread is counted where it is spread. Introspection is free (it never reaches a subgraph).
 * Costs that do not depend on variables are cached per document.
 */
export function createCostEstimator(options: CostOptions) {
  const hints = options.hints ?? {};
  const cache = new WeakMap<DocumentNode, Map<string, number>>();

  function estimate(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
    const cacheKey = operationName ?? '';
    const cached = cache.get(document)?.get(cacheKey);
    if (cached !== undefined) return cached;
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    if (!operation) return 0;
    const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    if (!rootType) return 0;
    const fragments = fragmentsOf(document);
    const defaults = new Map<string, ValueNode>();
    for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
    let usesVariables = false;

    const intValue = (node: ValueNode | undefined): number | undefined => {
      if (!node) return undefined;
      if (node.kind === Kind.INT) return Number(node.value);
      if (node.kind === Kind.VARIABLE) {
        usesVariables = true;
        const value = variables?.[node.name.value];
        if (typeof value === 'number') return value;
        if (value === undefined) return intValue(defaults.get(node.name.value));
      }
      return undefined;
    };

    const sliceSize = (field: FieldNode, def: GraphQLField<unknown, unknown>, hint: ListSizeHint | undefined): number | undefined => {
      const names = hint?.slicingArguments ?? SLICING;
      let size: number | undefined;
      for (const name of names) {
        const arg = field.arguments?.find((a) => a.name.value === name);
        let n = arg ? intValue(arg.value) : undefined;
        if (n === undefined && !arg) {
          const d = def.args.find((a) => a.name === name)?.defaultValue;
          if (typeof d === 'number') n = d;
        }
        if (n !== undefined) size = Math.max(size ?? 0, n);
      }
      return size === undefined ? undefined : Math.max(0, size);
    };

    const visiting = new Set<string>();
    const selectionCost = (set: SelectionSetNode, type: GraphQLNamedType, sized: { size: number; fields: string[] } | undefined): number => {
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) total += fieldCost(sel, type, sized);
        else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
          if (t) total += selectionCost(sel.selectionSet, t, sized);
        } else {
          const frag: FragmentDefinitionNode | undefined = fragments.get(sel.name.value);
          if (!frag || visiting.has(frag.name.value)) continue;
          const t = schema.getType(frag.typeCondition.name.value);
          if (!t) continue;
          visiting.add(frag.name.value);
          total += selectionCost(frag.selectionSet, t, sized);
          visiting.delete(frag.name.value);
        }
        if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
      }
      return total;
    };

    const fieldCost = (field: FieldNode, parent: GraphQLNamedType, sized: { size: number; fields: string[] } | undefined): number => {
      const name = field.name.value;
      if (name.startsWith('__')) return 0;
      if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
      const def = parent.getFields()[name];
      if (!def) return 0;
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) return 0;
      const hint = hints[`${parent.name}.${name}`];
      const slice = sliceSize(field, def, hint);
      const isList = isListType(getNullableType(def.type));
      const inner = (childSized: typeof sized) => 1 + (field.selectionSet ? selectionCost(field.selectionSet, named, childSized) : 0);
      if (isList) {
        const size = slice ?? (sized?.fields.includes(name) ? sized.size : undefined) ?? hint?.assumedSize ?? options.defaultListSize;
        return size * inner(undefined);
      }
      // a connection: its size applies to the lists inside it
      return inner(slice !== undefined || hint?.assumedSize !== undefined ? { size: slice ?? hint!.assumedSize!, fields: hint?.sizedFields ?? SIZED } : undefined);
    };

    const cost = Math.min(Number.MAX_SAFE_INTEGER, selectionCost(operation.selectionSet, rootType, undefined));
    if (!usesVariables) {
      let byOp = cache.get(document);
      if (!byOp) cache.set(document, (byOp = new Map()));
      byOp.set(cacheKey, cost);
    }
    return cost;
  }

  return { estimate };
}
export type CostEstimator = ReturnType<typeof createCostEstimator>;
