#!/usr/bin/env bash
# Installs the Debian packages the tests need (Chromium for Playwright, Prometheus and
# VictoriaMetrics for the real-server tests) when they are missing. Idempotent.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
if ! command -v victoria-metrics >/dev/null 2>&1 && [ ! -x /usr/bin/victoria-metrics ]; then need+=(victoria-metrics); fi
if [ ${#need[@]} -eq 0 ]; then echo "system deps: all present"; exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps the install small; the Debian prometheus package would otherwise
# start a system service, which policy-rc.d prevents where it exists. We never rely on it.
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
# The Debian packages start system services where systemd runs; stop them so they do not hold
# the default ports (tests use free ports anyway).
for svc in prometheus victoria-metrics; do
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$svc" >/dev/null 2>&1 || true; fi
  if command -v service >/dev/null 2>&1; then $SUDO service "$svc" stop >/dev/null 2>&1 || true; fi
done
