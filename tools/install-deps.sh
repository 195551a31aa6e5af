#!/bin/sh
# install-deps.sh - install the Debian packages entente needs to build,
# test and fuzz (Debian 12). python3-pandas: test/trust_test.sh loads the
# CSV, TSV and the store as docs/output.md says a user would. Run as root or with sudo available.
set -eu
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    build-essential pkg-config clang libclang-rt-14-dev \
    libgumbo-dev libutf8proc-dev libcjson-dev libsqlite3-dev sqlite3 libmicrohttpd-dev \
    iso-codes wordnet-base jq ca-certificates python3-pandas >/dev/null
# Node.js and npm install the gazetteer's data package at build time
command -v npm >/dev/null 2>&1 || $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
echo "entente: build dependencies installed"
