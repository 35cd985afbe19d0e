//go:build !unix

package localfs

import "io/fs"

// fileOwner reports no owner: Windows ACLs have no owner/group pair a
// pane could show in two short columns.
func fileOwner(fs.FileInfo) (uid, gid uint32, ok bool) { return 0, 0, false }

func lookupUserName(uid uint32) string { return fallbackID(uid) }

func lookupGroupName(gid uint32) string { return fallbackID(gid) }
