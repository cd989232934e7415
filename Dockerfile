# syntax=docker/dockerfile:1

# Node 20, the runtime the product's machines run (20.20) and the one every test runs on; the tag follows
# 20's patch releases.
# Build stage: the toolchain better-sqlite3 compiles with, the TypeScript and Vite builds, then production deps only.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY scripts/mark-bin-executable.ts ./scripts/
COPY src ./src
COPY web ./web
# Builds the service and the browser pages (portal, GraphQL IDE) into dist/; front-end packages are dev-only.
RUN npm run build && npm prune --omit=dev

# Runtime stage: same Node and Debian as the build, so the native module's ABI and libc match.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    SPILLWAY_DB_PATH=/data/spillway.db
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node schema ./schema
COPY --chown=node:node examples ./examples
COPY --chown=node:node openapi.yaml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
