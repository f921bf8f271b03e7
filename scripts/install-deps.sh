#!/bin/sh
# Installs the Debian packages FrontDesk needs, if any are missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu
missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
    echo "Installing:$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
    echo "FrontDesk needs these Debian packages:$missing" >&2
    echo "Run:  sudo apt-get install -y$missing" >&2
    exit 1
fi
