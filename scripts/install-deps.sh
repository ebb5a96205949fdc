#!/usr/bin/env bash
# Installs everything docpipe needs to build and test on Debian 12 (bookworm), as root.
# Idempotent: packages already present are left alone; safe to run on every build.
set -euo pipefail

packages=(
    g++ cmake ninja-build make pkg-config binutils
    libboost-dev libyaml-cpp-dev libspdlog-dev libfmt-dev
    nlohmann-json3-dev libcli11-dev
    libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
    exit 77
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
