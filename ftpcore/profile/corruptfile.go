package profile

import "ferry/ftpcore/internal/atomicfile"

// ErrCorruptFile is matched by errors.Is for every *CorruptFileError.
var ErrCorruptFile = atomicfile.ErrCorrupt

// CorruptFileError reports a sites, settings or secrets file that could not
// be read or parsed. Ferry never overwrites such a file silently: the store
// that met it refuses to save until the caller restores the backup or resets
// the store, which moves the damaged file aside.
type CorruptFileError = atomicfile.CorruptError
