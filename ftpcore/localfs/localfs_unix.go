//go:build unix

package localfs

import (
	"io/fs"
	"os/user"
	"syscall"
)

// fileOwner returns the numeric owner and group of a local file.
func fileOwner(info fs.FileInfo) (uid, gid uint32, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return st.Uid, st.Gid, true
}

func lookupUserName(uid uint32) string {
	if u, err := user.LookupId(fallbackID(uid)); err == nil {
		return u.Username
	}
	return fallbackID(uid)
}

func lookupGroupName(gid uint32) string {
	if g, err := user.LookupGroupId(fallbackID(gid)); err == nil {
		return g.Name
	}
	return fallbackID(gid)
}
