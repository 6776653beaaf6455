# syntax=docker/dockerfile:1
# coalition-bot: the TypeScript sources run through swc at start-up (no build step), so the
# image is the sources plus production dependencies. better-sqlite3 and @napi-rs/canvas are
# native: they are installed in the build stage, which has the compilers, and copied over.

FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CONTENT_DIR=/app/content \
    SQLITE_PATH=/app/data/coalition.db \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY content ./content
RUN mkdir -p /app/data && chown -R node:node /app/data /app/content
USER node
EXPOSE 8080 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "require('http').get('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "bin/coalition.js", "start"]
