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
    iso-codes wordnet-base jq ca-certificates >/dev/null
# the Python package, its tests and the Dask driver (docs/library.md, docs/scale.md)
$SUDO apt-get install -y -qq --no-install-recommends \
    python3 python3-cffi python3-pandas python3-pytest python3-setuptools python3-wheel \
    python3-pip python3-venv python3-dask python3-distributed bc parallel >/dev/null
# Node.js and npm install the gazetteer's data package at build time
command -v npm >/dev/null 2>&1 || $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
echo "entente: build dependencies installed"
