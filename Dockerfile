# spof-review GitHub App. The image runs exactly `npm run build && npm start`: the build stage runs
# `npm run build`, and the command is what `npm start` runs (node directly, so that `docker stop`'s
# SIGTERM reaches the app, which lets running reviews finish; npm does not pass it on).
# Build: docker build -t spof-review .
# Run:   docker run -p 3000:3000 -v spof-data:/data -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET spof-review

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3 when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# `npm ci` also builds dist/ (the prepare script); the explicit build keeps the two commands the README gives.
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
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
CMD ["node", "dist/github/main.js"]
