# Niangjia in a container, for those who deploy with one: `docker compose up` (compose.yaml) runs it beside
# PostgreSQL with pgvector. Stages:
#   build    npm ci, which builds dist/ through the prepare script (dev dependencies: TypeScript)
#   test     what .ci/run does, on the compose database: `docker compose run --rm test`
#   runtime  the image that runs: production dependencies, dist/, and the data the code reads at run time
# Node 20, as .nvmrc (the README says which dependencies keep it there). Node is PID 1 here and handles
# SIGTERM itself (src/main.ts): `docker stop` waits for it to finish what it holds, within SHUTDOWN_TIMEOUT_MS.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm ci --no-audit --no-fund

FROM build AS test
COPY . .
CMD ["npm", "test"]

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: prepare would build again, and no production dependency needs an install script.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
COPY prompts ./prompts
COPY locales ./locales
RUN mkdir -p data && chown node:node data
USER node
# All interfaces: /healthz, /metrics and the webhooks are reached through the container's port.
ENV HTTP_HOST=0.0.0.0 PORT=3000
EXPOSE 3000
VOLUME ["/app/data"]
CMD ["node", "dist/main.js"]
