package ftptest

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"strings"
	"time"
)

// listFormat is what a listing command produces.
type listFormat int

const (
	listLong    listFormat = iota // LIST and STAT: ls -l lines like vsftpd
	listNames                     // NLST: bare names
	listMachine                   // MLSD: RFC 3659 facts like ProFTPD
)

// recentWindow is how old a time may be and still print as "Mon dd hh:mm"
// rather than "Mon dd  yyyy", as ls and vsftpd do.
const recentWindow = 182 * 24 * time.Hour

// splitListArgs separates leading ls options ("-la", "-a -L") from the
// path, as vsftpd does; the path is taken literally, spaces included.
func splitListArgs(arg string) (opts, target string) {
	rest := strings.TrimLeft(arg, " ")
	for strings.HasPrefix(rest, "-") {
		var opt string
		opt, rest, _ = strings.Cut(rest, " ")
		opts += opt[1:]
		rest = strings.TrimLeft(rest, " ")
	}
	return opts, rest
}

// listing renders the listing of abs (named arg by the client) in format.
// all shows dotfiles and, for LIST, "." and "..". A missing path gives an
// empty listing, as vsftpd sends.
func (s *Server) listing(abs, arg string, format listFormat, all bool) []byte {
	t, err := s.fs.target(abs)
	if err != nil {
		return nil
	}
	now := s.cfg.now()
	var b strings.Builder
	if !t.dir {
		name := arg
		if format == listMachine || name == "" {
			name = t.self.name
		}
		s.writeEntry(&b, format, t.self, name, abs, "", now)
		return []byte(b.String())
	}
	if format == listMachine {
		s.writeEntry(&b, format, t.self, ".", t.path, "cdir", now)
		s.writeEntry(&b, format, t.parent, "..", path.Dir(t.path), "pdir", now)
	} else if all && format == listLong {
		s.writeEntry(&b, format, t.self, ".", t.path, "", now)
		s.writeEntry(&b, format, t.parent, "..", path.Dir(t.path), "", now)
	}
	for _, fi := range t.entries {
		if strings.HasPrefix(fi.name, ".") && !all && format != listMachine {
			continue
		}
		s.writeEntry(&b, format, fi, fi.name, path.Join(t.path, fi.name), "", now)
	}
	return []byte(b.String())
}

func (s *Server) writeEntry(b *strings.Builder, format listFormat, fi fileInfo, name, physPath, mlsxType string, now time.Time) {
	switch format {
	case listNames:
		fmt.Fprintf(b, "%s\r\n", name)
	case listMachine:
		fmt.Fprintf(b, "%s %s\r\n", mlsxFacts(fi, physPath, mlsxType), name)
	default:
		fi.mtime = fi.mtime.Add(s.cfg.listOffset)
		b.WriteString(lsLine(fi, name, now, s.cfg.owner, s.cfg.group))
		b.WriteString("\r\n")
	}
}

// lsLine formats one entry like vsftpd: numeric-width columns, a
// zero-padded day, times in UTC.
func lsLine(fi fileInfo, name string, now time.Time, owner, group string) string {
	mtime := fi.mtime.UTC()
	when := mtime.Format("Jan 02  2006")
	if age := now.Sub(mtime); age < recentWindow && age > -time.Hour {
		when = mtime.Format("Jan 02 15:04")
	}
	line := fmt.Sprintf("%s %4d %-8s %-8s %8d %s %s", permString(fi.mode), fi.nlink, owner, group, fi.size, when, name)
	if fi.mode&fs.ModeSymlink != 0 {
		line += " -> " + fi.target
	}
	return line
}

// permString renders type and permission bits as ls does.
func permString(m fs.FileMode) string {
	b := []byte("----------")
	switch {
	case m.IsDir():
		b[0] = 'd'
	case m&fs.ModeSymlink != 0:
		b[0] = 'l'
	}
	const rwx = "rwxrwxrwx"
	for i := range 9 {
		if m&(1<<(8-i)) != 0 {
			b[i+1] = rwx[i]
		}
	}
	return string(b)
}

// mlsxFacts renders the RFC 3659 facts of an entry, ending in ";", in
// ProFTPD's order; size is left out for directories as ProFTPD does.
func mlsxFacts(fi fileInfo, physPath, mlsxType string) string {
	typ, perm := "file", "adfrw"
	switch {
	case fi.mode.IsDir():
		typ, perm = "dir", "flcdmpe"
	case fi.mode&fs.ModeSymlink != 0:
		typ = "OS.unix=symlink"
	}
	if mlsxType != "" {
		typ = mlsxType
	}
	var b strings.Builder
	fmt.Fprintf(&b, "modify=%s;perm=%s;", fi.mtime.UTC().Format(mdtmLayout), perm)
	if !fi.mode.IsDir() {
		fmt.Fprintf(&b, "size=%d;", fi.size)
	}
	h := fnv.New64a()
	h.Write([]byte(physPath))
	fmt.Fprintf(&b, "type=%s;unique=%X;UNIX.mode=%04o;", typ, h.Sum64(), fi.mode.Perm())
	return b.String()
}
