package profile

import "ferry/ftpcore/internal/atomicfile"

// WritePrivateFile replaces path with data readable by the user only,
// whatever was there (an existing file's permissions are not kept, a link
// at path is replaced, not followed), and so that a crash leaves the old
// or the new content: for files that hold passwords, as an export may.
func WritePrivateFile(path string, data []byte) error { return atomicfile.WriteFile(path, data) }
