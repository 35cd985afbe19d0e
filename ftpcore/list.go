package ftpcore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"golang.org/x/text/transform"

	"ferry/ftpcore/listing"
)

// MaxListingBytes caps the data of one listing, so that a hostile server
// cannot exhaust memory; it is far above 100,000 entries.
const MaxListingBytes = 256 << 20

// ListDirOptions tune Session.List.
type ListDirOptions struct {
	// Hidden asks for dotfiles with "LIST -a" when the server lists with
	// LIST (MLSD always shows them). A server that refuses -a is asked
	// without it from then on.
	Hidden bool
	// ServerType overrides the format hint taken from SYST.
	ServerType listing.ServerType
	// DayFirst reads ambiguous DOS and OS/400 dates as DD-MM.
	DayFirst bool
}

// List lists a directory: with MLSD when FEAT offers MLST (RFC 3659 §7),
// else with CWD and a bare LIST, the one form that works everywhere (some
// servers take LIST's argument as a glob and show a folder with spaces in
// its name as empty). After a LIST the session's working directory is dir.
// Lines no parser understood are in the result's Unparsed field.
func (s *Session) List(ctx context.Context, dir string, opt ListDirOptions) (*listing.Result, error) {
	if err := s.lock(); err != nil {
		return nil, &OpError{Op: "list", Path: dir, Err: err}
	}
	defer s.unlock()
	l, err := s.list(ctx, dir, opt)
	if err != nil {
		return nil, &OpError{Op: "list", Path: dir, Err: err}
	}
	return l, nil
}

func (s *Session) list(ctx context.Context, dir string, opt ListDirOptions) (*listing.Result, error) {
	popt := listing.Options{
		Now:        time.Now().In(s.location()),
		Location:   s.cfg.Location,
		ServerType: opt.ServerType,
		DayFirst:   opt.DayFirst,
		// A listing is kept as long as a pane shows it; nothing here
		// reads the lines an entry came from.
		Compact: true,
	}
	if popt.ServerType == listing.ServerAuto {
		popt.ServerType = listing.ServerTypeFromSYST(s.syst)
	}
	if s.HasFeature("MLST") && !s.noMLSD {
		data, err := s.readData(ctx, "MLSD", dir)
		if err == nil {
			popt.ServerType = listing.ServerMLSD
			return listing.Parse(s.decodeNames(data), popt)
		}
		if ReplyCode(err) != 500 && ReplyCode(err) != 502 {
			return nil, err
		}
		s.noMLSD = true
		s.remark(DirInfo, MsgMLSDRefused)
	}
	if dir != "" {
		if _, err := s.conn.expect(ctx, 2, "CWD", dir); err != nil {
			return nil, err
		}
		s.cwd = ""
	}
	arg := ""
	if opt.Hidden && !s.noListA {
		arg = "-a"
	}
	data, err := s.readData(ctx, "LIST", arg)
	if err != nil && arg != "" && (ReplyCode(err) >= 500 || ReplyCode(err) == 450) {
		s.noListA = true
		s.remark(DirInfo, MsgListARefused)
		data, err = s.readData(ctx, "LIST", "")
	}
	if err != nil {
		return nil, err
	}
	return listing.Parse(s.decodeNames(data), popt)
}

// decodeNames turns a listing in the server's legacy charset into UTF-8.
func (s *Session) decodeNames(data []byte) io.Reader {
	if s.cfg.Charset == nil {
		return bytes.NewReader(data)
	}
	return transform.NewReader(bytes.NewReader(data), s.cfg.Charset.NewDecoder())
}

func (s *Session) location() *time.Location {
	if s.cfg.Location != nil {
		return s.cfg.Location
	}
	return time.UTC
}

// readData runs a command whose answer comes on a data connection and
// returns all of it.
func (s *Session) readData(ctx context.Context, verb, arg string) ([]byte, error) {
	t, err := s.startTransfer(ctx, verb, arg, 0, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if t.conn != nil {
		n, err := buf.ReadFrom(io.LimitReader(t.conn, MaxListingBytes+1))
		if err == nil && n > MaxListingBytes {
			err = fmt.Errorf("ftp: listing larger than %d bytes", MaxListingBytes)
		}
		if err != nil {
			t.abort()
			return nil, transferErr(ctx, err)
		}
	}
	if err := t.finish(ctx); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// NameList returns the bare names of NLST, for servers and scripts that
// need nothing more.
func (s *Session) NameList(ctx context.Context, dir string) ([]string, error) {
	if err := s.lock(); err != nil {
		return nil, &OpError{Op: "nlst", Path: dir, Err: err}
	}
	defer s.unlock()
	raw, err := s.readData(ctx, "NLST", dir)
	if err != nil {
		return nil, &OpError{Op: "nlst", Path: dir, Err: err}
	}
	data, err := io.ReadAll(s.decodeNames(raw))
	if err != nil {
		return nil, &OpError{Op: "nlst", Path: dir, Err: err}
	}
	var names []string
	for _, l := range bytes.Split(data, []byte("\n")) {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) > 0 {
			names = append(names, string(l))
		}
	}
	return names, nil
}
