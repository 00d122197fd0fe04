#!/usr/bin/env bash
# Debian's VictoriaMetrics scraping the simulator; options: scripts/scrape-server.sh --help.
exec "$(dirname "$0")/scrape-server.sh" victoria-metrics "$@"
