#!/usr/bin/env bash
# Install the Debian packages named (each provides a command of the same name) that are missing:
# chromium for the browser suite (Playwright cannot download one here), redis-server and memcached
# for the shared-cache tests (tests/test_shared_cache.py).
set -euo pipefail
missing=()
for package in "$@"; do
  command -v "$package" >/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
