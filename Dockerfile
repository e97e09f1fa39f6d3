# syntax=docker/dockerfile:1
# One image per service, each a target of this file:
#   docker build --target users -t ghcr.io/<owner>/startales-users:<tag> .
# Targets: gateway users billing campaigns analytics moderation llm-router gamehost web
# (the Helm chart's image values are <registry>/<repositoryPrefix><target>). Images run as the non-root `bun` user
# (uid 1000) with production dependencies only, and suit a read-only root filesystem (the chart mounts /tmp).
ARG BUN_VERSION=1.4.5

FROM oven/bun:${BUN_VERSION}-slim AS base
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    APOLLO_TELEMETRY_DISABLED=true \
    BUN_RUNTIME_TRANSPILER_CACHE_PATH=0

# Production dependencies of every workspace, from the lockfile only (no devDependencies, no install scripts).
# The whole tree is copied (.dockerignore keeps out tests, node_modules, data, docs) because every workspace's
# package.json must be present for a frozen install.
FROM base AS deps
COPY . .
RUN bun install --frozen-lockfile --production --ignore-scripts

# The web app's static build needs its devDependencies (Vite); only web/dist leaves this stage.
FROM base AS web-build
COPY . .
RUN bun install --frozen-lockfile --ignore-scripts \
 && bun run --cwd web build

# Sources + production node_modules, owned by root (COPY's default): read-only to the runtime user.
FROM base AS runtime
COPY --from=deps /app /app
USER bun
STOPSIGNAL SIGTERM

FROM runtime AS gateway
WORKDIR /app/supergraph
EXPOSE 4000
CMD ["bun", "src/main.ts"]

FROM runtime AS users
WORKDIR /app/subgraphs/users
EXPOSE 4001
CMD ["bun", "src/main.ts"]

FROM runtime AS billing
WORKDIR /app/subgraphs/billing
EXPOSE 4002
CMD ["bun", "src/main.ts"]

FROM runtime AS campaigns
WORKDIR /app/subgraphs/campaigns
EXPOSE 4003
CMD ["bun", "src/main.ts"]

FROM runtime AS analytics
WORKDIR /app/subgraphs/analytics
EXPOSE 4004
CMD ["bun", "src/main.ts"]

FROM runtime AS moderation
WORKDIR /app/subgraphs/moderation
EXPOSE 4005
CMD ["bun", "src/main.ts"]

FROM runtime AS llm-router
WORKDIR /app/llm-router
EXPOSE 4010
CMD ["bun", "src/main.ts"]

FROM runtime AS gamehost
WORKDIR /app/gamehost
EXPOSE 4020
CMD ["bun", "src/main.ts"]

FROM runtime AS web
COPY --from=web-build /app/web/dist /app/web/dist
WORKDIR /app/web
ENV WEB_BUILD=never
EXPOSE 5173
CMD ["bun", "src/main.ts"]
