#!/usr/bin/env bash
# The release build of calsync: one binary with the Swift runtime linked in (--static-swift-stdlib; libcurl and
# libsqlite3 stay the system's shared libraries), stamped with the commit it was built from (`calsync version`).
#
#   deploy/build-release.sh [more swift build options, e.g. --scratch-path DIR]
#
# The commit is CALSYNC_COMMIT when set (the container build passes it: its context has no .git), otherwise git's
# HEAD, with "-dirty" when tracked files differ from it. SwiftPM cannot give a build a string any other way, so it
# goes to the compiler's command line (-Xcc -DCALSYNC_COMMIT=...) and Sources/CBuildInfo hands it to Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${CALSYNC_COMMIT:-}
if [ -z "$commit" ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  commit=$(git rev-parse --short=12 HEAD)
  git diff --quiet HEAD -- || commit="$commit-dirty"
fi
stamp=()
if [ -n "$commit" ]; then
  [[ $commit =~ ^[0-9A-Za-z._-]{1,64}$ ]] || { echo "build-release.sh: not a commit id: $commit" >&2; exit 2; }
  stamp=(-Xcc "-DCALSYNC_COMMIT=\"$commit\"")
else
  echo "build-release.sh: no git and no CALSYNC_COMMIT: calsync version will say the commit is unknown" >&2
fi
swift build -c release --static-swift-stdlib --product calsync "${stamp[@]}" "$@"
bin="$(swift build -c release --show-bin-path "$@")/calsync"
echo "$bin: $("$bin" version)"
