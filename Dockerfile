# syntax=docker/dockerfile:1
# Build: cgo is needed by go-sqlite3, and the sqlite_fts5 tag by /search.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath -ldflags="-s -w" -o /out/briefbot ./cmd/briefbot

# Run: a small glibc image (the binary links libc dynamically through cgo),
# an unprivileged user (uid 10001), and /data for the config and the database.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home briefbot \
 && mkdir -p /data \
 && chown briefbot:briefbot /data
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/briefbot-entrypoint
# The reference for every key, with the sample feed it names (the starter
# config is written by `briefbot init`, which carries the sample itself).
COPY config.example.yaml /usr/share/briefbot/config.example.yaml
COPY examples /usr/share/briefbot/examples
USER briefbot:briefbot
WORKDIR /data
VOLUME ["/data"]
EXPOSE 9090
# On an empty /data the entrypoint writes a starter config (console mode on
# the bundled sample feed, http.listen 0.0.0.0:9090), then runs the command.
# The token comes from the environment: docker run -e TELEGRAM_BOT_TOKEN=... -v briefbot:/data
ENTRYPOINT ["/usr/local/bin/briefbot-entrypoint"]
CMD ["run", "-config", "/data/config.yaml"]
# The image has no curl: briefbot asks its own /healthz (3 s timeout). The
# start period covers the instance check (telegram.instance_check, 5 s)
# before the listener opens.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/briefbot", "healthcheck", "-config", "/data/config.yaml"]
