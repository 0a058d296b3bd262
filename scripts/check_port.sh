#!/usr/bin/env bash
# Fail with a clear message when the chosen port is already in use.
port="$1"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port on 127.0.0.1 is already in use. Pick another port, e.g.: make run PORT=8123" >&2
  exit 1
fi
