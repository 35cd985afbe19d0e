package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// endDialer dials plain TCP and reports each half-close of a connection
// (the end of an upload's data) on ended, and in the transcript, in the
// order the client does things.
type endDialer struct {
	log   *testLog
	ended chan struct{}
}

func (d *endDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	var nd net.Dialer
	c, err := nd.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &endConn{TCPConn: c.(*net.TCPConn), d: d}, nil
}

type endConn struct {
	*net.TCPConn
	d *endDialer
}

func (c *endConn) CloseWrite() error {
	err := c.TCPConn.CloseWrite()
	c.d.log.add(TranscriptLine{Dir: DirInfo, Text: "data ended"})
	c.d.ended <- struct{}{}
	return err
}

// holdOpeningUntilData makes the server answer STOR with its 150 only once
// the client has ended the data: a client that waits for the 150 before it
// sends stalls, and its silence timeout fails the test.
func holdOpeningUntilData(ctx context.Context, d *endDialer) func(verb string, reply []byte) {
	return func(verb string, reply []byte) {
		if verb != "STOR" || !bytes.HasPrefix(reply, []byte("150")) {
			return
		}
		select {
		case <-d.ended:
		case <-ctx.Done():
		}
	}
}

// turns counts, from line from of the transcript on, the commands sent
// right after a reply was read: each one is a wait for the server, a round
// trip. Commands written together count once.
func turns(log *testLog, from int) int {
	log.mu.Lock()
	defer log.mu.Unlock()
	n, replied := 0, true
	for _, l := range log.lines[from:] {
		switch l.Dir {
		case DirCommand:
			if replied {
				n++
			}
			replied = false
		case DirReply:
			replied = true
		}
	}
	return n
}

func (l *testLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

// TestUploadAheadRoundTrips: on a server that pipelines, a batch of small
// uploads costs two round trips a file (STOR; then SIZE with the next
// EPSV, or that EPSV alone in ASCII), the data going with the STOR, the
// first one included: the server here sends its 150 only after the data
// has ended. Every file arrives whole.
func TestUploadAheadRoundTrips(t *testing.T) {
	const files = 8
	for _, typ := range []TransferType{TypeBinary, TypeASCII} {
		t.Run(fmt.Sprint(typ), func(t *testing.T) {
			log := &testLog{}
			d := &endDialer{log: log, ended: make(chan struct{}, files)}
			srv := newServer(t)
			srv.SetFault(ftptest.Fault{BeforeReply: holdOpeningUntilData(t.Context(), d)})
			cfg := testConfig(srv, log)
			cfg.Dialer = d
			s := dialT(t, cfg)
			ctx := t.Context()
			from := log.len()
			content := make([][]byte, files)
			for i := range content {
				content[i] = testkit.RandomBytes(t, 100+i*997)
				if typ == TypeASCII {
					content[i] = bytes.Repeat([]byte(fmt.Sprintf("line %d\n", i)), 50+i)
				}
				name := fmt.Sprintf("/u%d", i)
				opt := TransferOptions{Type: typ, Size: int64(len(content[i]))}
				if _, err := s.Store(ctx, name, bytes.NewReader(content[i]), opt); err != nil {
					t.Fatalf("store %s: %v\n%s", name, err, log)
				}
			}
			for i := range content {
				got, err := srv.FS().ReadFile(fmt.Sprintf("/u%d", i))
				if err != nil || !bytes.Equal(got, content[i]) {
					t.Fatalf("u%d on the server: %d bytes, %v; want %d", i, len(got), err, len(content[i]))
				}
			}
			// The first EPSV goes alone: EPSV and STOR go together only
			// once the server has shown it takes EPSV.
			want := 2*files + 1
			if typ == TypeASCII {
				want++ // TYPE A, once
			}
			if n := turns(log, from); n != want {
				t.Errorf("%d round trips for %d files, want %d\n%s", n, files, want, log)
			}
		})
	}
}

// TestUploadAheadRefused: a server that refuses the STOR whose data went
// ahead says why, that reply is the error (not the lost data), and the
// session stays in step for the next upload.
func TestUploadAheadRefused(t *testing.T) {
	srv := newServer(t)
	log := &testLog{}
	s := dialT(t, testConfig(srv, log))
	ctx := t.Context()
	if _, err := s.List(ctx, "/", ListDirOptions{}); err != nil {
		t.Fatal(err)
	}
	data := testkit.RandomBytes(t, 3000)
	opt := TransferOptions{Type: TypeBinary, Size: int64(len(data))}
	_, err := s.Store(ctx, "/missing/u.bin", bytes.NewReader(data), opt)
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 553 {
		t.Fatalf("got %v, want the server's 553", err)
	}
	if _, err := s.Store(ctx, "/u.bin", bytes.NewReader(data), opt); err != nil {
		t.Fatalf("the next upload: %v\n%s", err, log)
	}
	if got, _ := srv.FS().ReadFile("/u.bin"); !bytes.Equal(got, data) {
		t.Fatalf("%d bytes on the server, want %d", len(got), len(data))
	}
	if !sentTogether(log, "EPSV|STOR /missing") {
		t.Fatalf("the refused STOR was not pipelined:\n%s", log)
	}
}

// TestUploadAheadCut: an upload whose data went ahead is never reported
// done when the server cuts it, hangs up after its 150, or holds fewer
// bytes than were sent.
func TestUploadAheadCut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault ftptest.Fault
		check func(err error) bool
		alive bool // the session goes on, in step
	}{
		{"cut after 1000 bytes", ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000}}, func(err error) bool {
			var re *ReplyError
			return errors.As(err, &re) && re.Code == 426
		}, true},
		{"hangs up after 150", ftptest.Fault{DropData: &ftptest.DataDrop{CloseControl: true}}, func(err error) bool {
			return err != nil
		}, false},
		{"short file", ftptest.Fault{Hook: func(verb, arg string) ([]byte, bool) {
			return []byte("213 1000\r\n"), verb == "SIZE"
		}}, func(err error) bool { return errors.Is(err, ErrSizeMismatch) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			log := &testLog{}
			s := dialT(t, testConfig(srv, log))
			ctx := t.Context()
			if _, err := s.List(ctx, "/", ListDirOptions{}); err != nil {
				t.Fatal(err)
			}
			srv.SetFault(tc.fault)
			data := testkit.RandomBytes(t, 5000)
			_, err := s.Store(ctx, "/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary, Size: int64(len(data))})
			if !tc.check(err) {
				t.Fatalf("got %v\n%s", err, log)
			}
			if !sentTogether(log, "EPSV|STOR") {
				t.Fatalf("EPSV and STOR were not sent together:\n%s", log)
			}
			if !tc.alive {
				return
			}
			srv.SetFault(ftptest.Fault{})
			if _, err := s.Store(ctx, "/v.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary, Size: int64(len(data))}); err != nil {
				t.Fatalf("the next upload: %v\n%s", err, log)
			}
			if got, _ := srv.FS().ReadFile("/v.bin"); !bytes.Equal(got, data) {
				t.Fatalf("the next upload: %d bytes on the server, want %d", len(got), len(data))
			}
		})
	}
}

// TestUploadAheadOnlyWhenSafe: uploads wait for the 150 when their size
// is unknown or too large, or when the server is served one command at a
// time; the server here holds its 150 until the data ended, so an upload
// that wrongly went ahead shows as a data end before the 150.
func TestUploadAheadOnlyWhenSafe(t *testing.T) {
	for _, tc := range []struct {
		name  string
		size  int
		known bool
		fault ftptest.Fault
	}{
		{"size unknown", 3000, false, ftptest.Fault{}},
		{"too large", aheadLimit + 1, true, ftptest.Fault{}},
		{"one at a time", 3000, true, ftptest.Fault{Pipelined: ftptest.PipelineDiscard}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(tc.fault))
			log := &testLog{}
			cfg := testConfig(srv, log)
			cfg.Dialer = &endDialer{log: log, ended: make(chan struct{}, 4)}
			s := dialT(t, cfg)
			ctx := t.Context()
			if _, err := s.List(ctx, "/", ListDirOptions{}); err != nil {
				t.Fatal(err)
			}
			data := testkit.RandomBytes(t, tc.size)
			opt := TransferOptions{Type: TypeBinary}
			if tc.known {
				opt.Size = int64(len(data))
			}
			if _, err := s.Store(ctx, "/u.bin", bytes.NewReader(data), opt); err != nil {
				t.Fatal(err)
			}
			if got, _ := srv.FS().ReadFile("/u.bin"); !bytes.Equal(got, data) {
				t.Fatalf("%d bytes on the server, want %d", len(got), len(data))
			}
			log.mu.Lock()
			defer log.mu.Unlock()
			opened, stored := false, false
			for _, l := range log.lines {
				if l.Dir == DirCommand && strings.HasPrefix(l.Text, "STOR") {
					opened, stored = false, true
				}
				opened = opened || (l.Dir == DirReply && strings.HasPrefix(l.Text, "150"))
				if l.Text == "data ended" && !opened {
					t.Fatalf("the data went before the 150:\n%v", log.lines)
				}
			}
			if !stored {
				t.Fatal("no STOR in the transcript")
			}
		})
	}
}

// failingReader yields n bytes of data, then fails with err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// TestUploadAheadLocalFailure: a local file that fails to read while its
// upload goes ahead fails the upload with that error, the server sees a
// broken upload (426), not the end of a short file, and the session goes
// on in step.
func TestUploadAheadLocalFailure(t *testing.T) {
	srv := newServer(t)
	log := &testLog{}
	s := dialT(t, testConfig(srv, log))
	ctx := t.Context()
	errDisk := errors.New("the disk failed")
	data := testkit.RandomBytes(t, 5000)
	opt := TransferOptions{Type: TypeBinary, Size: int64(len(data))}
	_, err := s.Store(ctx, "/u.bin", &failingReader{data: data[:1000], err: errDisk}, opt)
	if !errors.Is(err, errDisk) {
		t.Fatalf("got %v, want the local failure", err)
	}
	if !strings.Contains(log.String(), "reply 426") {
		t.Errorf("the server did not see a broken upload:\n%s", log)
	}
	if _, err := s.Store(ctx, "/v.bin", bytes.NewReader(data), opt); err != nil {
		t.Fatalf("the next upload: %v\n%s", err, log)
	}
	if got, _ := srv.FS().ReadFile("/v.bin"); !bytes.Equal(got, data) {
		t.Fatalf("the next upload: %d bytes on the server, want %d", len(got), len(data))
	}
}
