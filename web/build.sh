#!/usr/bin/env bash
# Builds the web page's script into src/eventcoder/service/static/ (committed, so the service needs
# neither node nor the network at run time): installs the pinned npm packages
# (package-lock.json) with `npm ci`, bundles src/ with esbuild and writes the example
# articles of examples/ as examples.json for the playground.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs
