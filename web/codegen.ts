/**
 * Typed operations from the supergraph: `bun run --cwd web codegen` rewrites src/app/gql/ (committed) from
 * ../supergraph/supergraph.graphql and every `graphql(...)` document under src/app. Run it after the supergraph
 * changes or an operation is added; `tsc` then flags every screen the change breaks.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../supergraph/supergraph.graphql',
  documents: ['src/app/**/*.{ts,tsx}', '!src/app/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/app/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { DateTime: 'string', SafeInt: 'number', join__FieldSet: 'string', join__DirectiveArguments: 'unknown', link__Import: 'unknown' },
        skipTypename: true,
      },
    },
  },
};

export default config;
