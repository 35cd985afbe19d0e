package ftptest

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"strings"
)

// EndlessFolders scripts a server on which every folder holds a folder:
// Under and every folder below it list one entry, a folder named Name
// ("sub" when empty), without end, as a server whose folder links back to
// itself shows them. With SameUnique, MLSD gives every one of them the same
// "unique" fact (the one object a loop of links reaches again and again);
// without, each looks new and only a depth limit stops a client.
type EndlessFolders struct {
	Under      string
	Name       string
	SameUnique bool
}

// endlessListing returns the listing of abs when it lies in an endless
// tree.
func (s *Server) endlessListing(abs string, format listFormat) ([]byte, bool) {
	e := s.currentFault().EndlessFolders
	if e == nil {
		return nil, false
	}
	under := cleanPath(e.Under)
	abs = cleanPath(abs)
	if abs != under && !strings.HasPrefix(abs, strings.TrimSuffix(under, "/")+"/") {
		return nil, false
	}
	name := e.Name
	if name == "" {
		name = "sub"
	}
	unique := func(p string) string {
		if e.SameUnique {
			p = under
		}
		h := fnv.New64a()
		h.Write([]byte("endless:" + p))
		return fmt.Sprintf("%X", h.Sum64())
	}
	fi := fileInfo{name: name, mode: fs.ModeDir | 0o755, mtime: s.cfg.now(), nlink: 2}
	var b strings.Builder
	switch format {
	case listMachine:
		stamp := fi.mtime.UTC().Format(mdtmLayout)
		fmt.Fprintf(&b, "modify=%s;perm=flcdmpe;type=cdir;unique=%s; .\r\n", stamp, unique(abs))
		fmt.Fprintf(&b, "modify=%s;perm=flcdmpe;type=dir;unique=%s; %s\r\n", stamp, unique(path.Join(abs, name)), name)
	case listNames:
		fmt.Fprintf(&b, "%s\r\n", name)
	default:
		b.WriteString(lsLine(fi, name, s.cfg.now(), s.cfg.owner, s.cfg.group))
		b.WriteString("\r\n")
	}
	return []byte(b.String()), true
}
