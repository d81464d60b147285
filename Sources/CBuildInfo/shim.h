#ifndef CBUILDINFO_SHIM_H
#define CBUILDINFO_SHIM_H

/// The commit the binary was built from, stamped by deploy/build-release.sh through the compiler's command line
/// (`swift build -Xcc -DCALSYNC_COMMIT='"<commit>"'`): SwiftPM has no other way to give a build a string. A plain
/// `swift build` leaves it empty.
#ifndef CALSYNC_COMMIT
#define CALSYNC_COMMIT ""
#endif

static inline const char *cbuildinfo_commit(void) { return CALSYNC_COMMIT; }

#endif
