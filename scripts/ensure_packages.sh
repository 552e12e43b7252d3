#!/usr/bin/env bash
# The system packages Heluo needs beyond Python, installed with apt-get when missing:
#   run:  WeasyPrint's libraries (PDF of the supervision notice) and a CJK font (Noto, OFL): optional,
#         Heluo runs without them (the notice's PDF and Chinese glyphs in it need them), so a failed
#         install (an offline intranet) only warns
#   test: the above plus Debian's Chromium for the browser tests (never a browser download),
#         poppler-utils (the PDFs' text) and HAProxy (receivers behind a load balancer); with
#         CI=true a missing package fails
# apt-get is called only when something is missing. On other systems the script says what to install
# (README.md names the packages).
set -eu
purpose="${1:-run}"

# Each listing is read whole into a variable and matched in the shell: no pipe into `grep -q`, which
# exits at the first match and lets the writer die of SIGPIPE (under pipefail, a "missing" package).
libraries="$(ldconfig -p 2>/dev/null || true)"
fonts="$(fc-list 2>/dev/null || true)"
missing=()
[[ "$libraries" == *"libpango-1.0.so"* ]] || missing+=(libpango-1.0-0)
[[ "$libraries" == *"libpangoft2-1.0.so"* ]] || missing+=(libpangoft2-1.0-0)
[[ "$libraries" == *"libharfbuzz.so"* ]] || missing+=(libharfbuzz0b)
shopt -s nocasematch
[[ "$fonts" == *"Noto Sans CJK"* ]] || missing+=(fonts-noto-cjk)
shopt -u nocasematch
if [ "$purpose" = test ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # pdftotext and pdftoppm: the tests read the text of the PDFs Heluo renders.
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    # HAProxy: the test of several receivers behind a TCP load balancer.
    [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
    # pgbouncer: the receiver and the hooks worker through a transaction-pooling PostgreSQL pooler.
    [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

required=false
[ "$purpose" = test ] && [ "${CI:-}" = "true" ] && required=true
if command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "Installing ${missing[*]} with apt-get"
    if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
        exit 0
    fi
    echo "Could not install ${missing[*]} (no network or no package source?)." >&2
else
    echo "Please install: ${missing[*]} (see README.md)." >&2
fi
if $required; then
    exit 1
fi
echo "Going on without them: the supervision notice's PDF needs the libraries and the font, the browser tests Chromium." >&2
exit 0
