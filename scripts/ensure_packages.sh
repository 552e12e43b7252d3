#!/usr/bin/env bash
# The system packages Heluo needs beyond Python, installed with apt-get when missing:
#   run:  WeasyPrint's libraries (PDF of the supervision notice) and a CJK font (Noto, OFL)
#   test: the above plus Debian's Chromium for the browser tests (never a browser download)
# On other systems the script says what to install (README.md names the packages).
set -euo pipefail
purpose="${1:-run}"
missing=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz.so" || missing+=(libharfbuzz0b)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "$purpose" = test ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "Installing ${missing[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "Please install: ${missing[*]} (see README.md)." >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
fi
