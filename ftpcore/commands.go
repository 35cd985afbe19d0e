package ftpcore

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// simple runs one command that must succeed with a reply of class 2 and
// wraps a failure with the operation and path.
func (s *Session) simple(ctx context.Context, op, verb, arg string) (Reply, error) {
	if err := s.lock(); err != nil {
		return Reply{}, &OpError{Op: op, Path: arg, Err: err}
	}
	defer s.unlock()
	r, err := s.conn.expect(ctx, 2, verb, arg)
	if err != nil {
		return r, &OpError{Op: op, Path: arg, Err: err}
	}
	return r, nil
}

// Pwd returns the current directory (RFC 959 §7: the path between quotes,
// inner quotes doubled).
func (s *Session) Pwd(ctx context.Context) (string, error) {
	r, err := s.simple(ctx, "pwd", "PWD", "")
	if err != nil {
		return "", err
	}
	p, err := parsePWD(r.Message())
	if err != nil {
		return "", &OpError{Op: "pwd", Err: err}
	}
	s.cwd = p
	return p, nil
}

func parsePWD(text string) (string, error) {
	i := strings.IndexByte(text, '"')
	if i < 0 {
		// Some servers omit the quotes: take the first word.
		if f := strings.Fields(text); len(f) > 0 {
			return f[0], nil
		}
		return "", &ProtocolError{Msg: "no path in 257 reply", Line: shorten(text)}
	}
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		if text[j] == '"' {
			if j+1 < len(text) && text[j+1] == '"' {
				b.WriteByte('"')
				j++
				continue
			}
			return b.String(), nil
		}
		b.WriteByte(text[j])
	}
	return "", &ProtocolError{Msg: "unterminated path in 257 reply", Line: shorten(text)}
}

// Cwd changes the current directory.
func (s *Session) Cwd(ctx context.Context, dir string) error {
	_, err := s.simple(ctx, "cwd", "CWD", dir)
	if err == nil {
		s.cwd = ""
	}
	return err
}

// Cdup goes to the parent directory.
func (s *Session) Cdup(ctx context.Context) error {
	_, err := s.simple(ctx, "cdup", "CDUP", "")
	if err == nil {
		s.cwd = ""
	}
	return err
}

// Mkdir creates a directory.
func (s *Session) Mkdir(ctx context.Context, dir string) error {
	_, err := s.simple(ctx, "mkd", "MKD", dir)
	return err
}

// MkdirAll creates dir and any missing parents, as far as the server lets
// it. Existing directories are not an error.
func (s *Session) MkdirAll(ctx context.Context, dir string) error {
	dir = path.Clean(dir)
	if dir == "/" || dir == "." {
		return nil
	}
	err := s.mkdirOrFind(ctx, dir)
	if err == nil {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if perr := s.MkdirAll(ctx, parent); perr != nil {
			return perr
		}
		return s.Mkdir(ctx, dir)
	}
	return err
}

// isDir probes a directory with CWD and comes back.
func (s *Session) isDir(ctx context.Context, dir string) bool {
	cur := s.cwd
	if cur == "" {
		var err error
		if cur, err = s.Pwd(ctx); err != nil {
			return false
		}
	}
	if s.Cwd(ctx, dir) != nil {
		return false
	}
	if s.Cwd(ctx, cur) == nil {
		s.cwd = cur
	}
	return true
}

// Rmdir removes an empty directory.
func (s *Session) Rmdir(ctx context.Context, dir string) error {
	_, err := s.simple(ctx, "rmd", "RMD", dir)
	return err
}

// Delete removes a file.
func (s *Session) Delete(ctx context.Context, name string) error {
	_, err := s.simple(ctx, "dele", "DELE", name)
	return err
}

// Rename renames from to to with RNFR and RNTO.
func (s *Session) Rename(ctx context.Context, from, to string) error {
	if err := s.lock(); err != nil {
		return &OpError{Op: "rename", Path: from, Err: err}
	}
	defer s.unlock()
	if _, err := s.conn.expect(ctx, 3, "RNFR", from); err != nil {
		return &OpError{Op: "rename", Path: from, Err: err}
	}
	if _, err := s.conn.expect(ctx, 2, "RNTO", to); err != nil {
		return &OpError{Op: "rename", Path: to, Err: err}
	}
	return nil
}

// Size returns a file's size in bytes as stored, the figure a listing
// shows (RFC 3659 §4). SIZE is sent in TYPE I, switching to it when a text
// transfer left the session in TYPE A: there a server may count the bytes
// with line ends converted, or refuse ("550 SIZE not allowed in ASCII
// mode", ProFTPD), which would read as "no such file".
func (s *Session) Size(ctx context.Context, name string) (int64, error) {
	if err := s.lock(); err != nil {
		return -1, &OpError{Op: "size", Path: name, Err: err}
	}
	r, err := s.sizeLocked(ctx, name)
	s.unlock()
	if err != nil {
		return -1, &OpError{Op: "size", Path: name, Err: err}
	}
	n, perr := strconv.ParseInt(strings.TrimSpace(r.Message()), 10, 64)
	if perr != nil || n < 0 {
		return -1, &OpError{Op: "size", Path: name, Err: &ProtocolError{Msg: "bad SIZE reply", Line: shorten(r.Message())}}
	}
	return n, nil
}

func (s *Session) sizeLocked(ctx context.Context, name string) (Reply, error) {
	if err := s.setType(ctx, TypeBinary); err != nil {
		return Reply{}, err
	}
	return s.conn.expect(ctx, 2, "SIZE", name)
}

// mdtmLayout is the time format of MDTM and MFMT (RFC 3659 §2.3), in UTC.
const mdtmLayout = "20060102150405"

// ModTime returns a file's modification time with MDTM, in UTC.
func (s *Session) ModTime(ctx context.Context, name string) (time.Time, error) {
	r, err := s.simple(ctx, "mdtm", "MDTM", name)
	if err != nil {
		return time.Time{}, err
	}
	t, perr := parseMDTM(strings.TrimSpace(r.Message()))
	if perr != nil {
		return time.Time{}, &OpError{Op: "mdtm", Path: name, Err: perr}
	}
	return t, nil
}

func parseMDTM(v string) (time.Time, error) {
	main, frac, _ := strings.Cut(v, ".")
	if len(main) != len(mdtmLayout) {
		return time.Time{}, &ProtocolError{Msg: "bad time value", Line: shorten(v)}
	}
	t, err := time.ParseInLocation(mdtmLayout, main, time.UTC)
	if err != nil {
		return time.Time{}, &ProtocolError{Msg: "bad time value", Line: shorten(v)}
	}
	if frac != "" {
		if n, err := strconv.ParseUint(frac, 10, 64); err == nil && len(frac) <= 9 {
			for i := len(frac); i < 9; i++ {
				n *= 10
			}
			t = t.Add(time.Duration(n))
		}
	}
	return t, nil
}

// SetModTime sets a file's modification time with MFMT when the server
// offers it, else with the older "MDTM time path" form some servers take.
func (s *Session) SetModTime(ctx context.Context, name string, t time.Time) error {
	stamp := t.UTC().Format(mdtmLayout)
	if s.HasFeature("MFMT") {
		_, err := s.simple(ctx, "mfmt", "MFMT", stamp+" "+name)
		return err
	}
	_, err := s.simple(ctx, "mfmt", "MDTM", stamp+" "+name)
	return err
}

// Chmod sets Unix permissions with SITE CHMOD.
func (s *Session) Chmod(ctx context.Context, name string, mode uint32) error {
	_, err := s.simple(ctx, "chmod", "SITE", fmt.Sprintf("CHMOD %o %s", mode&0o7777, name))
	return err
}

// Noop sends NOOP, to keep the connection or to check it is alive.
func (s *Session) Noop(ctx context.Context) error {
	_, err := s.simple(ctx, "noop", "NOOP", "")
	return err
}

// Raw sends one command line as typed in a console and returns the reply,
// whatever its code, after any preliminary replies. Commands that open a
// data connection are refused: they need the transfer calls.
func (s *Session) Raw(ctx context.Context, line string) (Reply, error) {
	verb, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	verb = strings.ToUpper(verb)
	switch verb {
	case "":
		return Reply{}, &OpError{Op: "raw", Err: fmt.Errorf("empty command")}
	case "LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE", "PASV", "EPSV", "PORT", "EPRT":
		return Reply{}, &OpError{Op: "raw", Path: verb, Err: fmt.Errorf("%s needs a data connection; use the transfer commands", verb)}
	}
	if err := s.lock(); err != nil {
		return Reply{}, &OpError{Op: "raw", Err: err}
	}
	defer s.unlock()
	r, err := s.conn.cmd(ctx, verb, arg)
	for err == nil && r.Class() == 1 {
		r, err = s.conn.read(ctx)
	}
	if err != nil {
		return r, &OpError{Op: "raw", Path: verb, Err: err}
	}
	if verb == "CWD" || verb == "CDUP" || verb == "TYPE" {
		s.cwd, s.curType = "", 0
	}
	return r, nil
}
