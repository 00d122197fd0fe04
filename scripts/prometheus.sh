#!/usr/bin/env bash
# Debian's Prometheus scraping the simulator; options: scripts/scrape-server.sh --help.
exec "$(dirname "$0")/scrape-server.sh" prometheus "$@"
