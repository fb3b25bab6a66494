# spof-review GitHub App. The image runs exactly `npm run build && npm start`: the build stage runs
# `npm run build`, and the command is what `npm start` runs (node directly; run the container with
# `--init` so SIGTERM reaches the app, which lets running reviews finish).
# Build: docker build -t spof-review .
# Run:   docker run --init -p 3000:3000 -v spof-data:/data -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET spof-review
#
# BASE_IMAGE is any Debian-based Node.js image of a supported LTS with the official image's layout
# (/usr/local, a `node` user). Where no registry is reachable, scripts/image/build-base.sh makes one
# (localhost/node:24-slim) and `npm run test:image` builds and smoke-tests the image on it.
ARG BASE_IMAGE=node:24-bookworm-slim

FROM ${BASE_IMAGE} AS build
# A TLS-inspecting proxy's CA for npm, mounted at build time only (never copied into a layer).
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
# Toolchain for better-sqlite3 when no prebuilt binary can be downloaded; headers from the image.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# `npm ci` also builds dist/ (the prepare script); the explicit build keeps the two commands the README gives.
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SPOF_REVIEW_DB=/data/spof-review.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json app.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Healthy = ready to review: the database answers and the workers run (/readyz, what the Kubernetes
# readiness probe in deploy/ asks too). No curl in slim images: node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/github/main.js"]
