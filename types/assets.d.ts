/** Bun's text loader: `import sdl from './schema.graphql' with { type: 'text' }`. */
declare module '*.graphql' {
  const text: string;
  export default text;
}
