#!/bin/sh
# Entrypoint of the briefbot image. On the first `run` with an empty data
# folder (the /data volume) it writes a starter config there with
# `briefbot init`: console mode on the bundled sample feed, /healthz and
# /metrics on 0.0.0.0:9090 so that the published port and the HEALTHCHECK
# reach them. A folder that holds anything else (a restored database, say)
# is never given a starter config. Then it runs briefbot with the arguments.
set -eu

# The config the command reads: its -config FILE, else the image's default.
config=/data/config.yaml
prev=
for arg in "$@"; do
	case $prev in -config | --config) config=$arg ;; esac
	case $arg in -config=* | --config=*) config=${arg#*=} ;; esac
	prev=$arg
done
data=$(dirname -- "$config")

unwritable() {
	echo "briefbot: $data is not writable by uid $(id -u), $1." >&2
	echo "briefbot: the image runs as uid 10001: give it the folder (for a bind mount: sudo chown -R 10001:10001 <host folder>), or run the container with --user set to the folder's owner." >&2
}

if [ "${1:-}" = run ] && [ -d "$data" ]; then
	if [ -e "$config" ]; then
		# The database beside the config needs the folder too; let
		# briefbot say what fails, after this hint.
		[ -w "$data" ] || unwritable "so the database beside $config cannot be written"
	elif [ ! -w "$data" ]; then
		unwritable "so no starter config can be written there"
		exit 1
	elif [ -z "$(ls -A -- "$data" | grep -vx 'lost+found' || true)" ]; then
		briefbot init -config "$config" -listen 0.0.0.0:9090
	else
		echo "briefbot: $data holds files but no $(basename -- "$config"); no starter config is written over them. Put your config there, or start on an empty volume." >&2
	fi
fi
exec briefbot "$@"
