//go:build interop

package ftpcore

// Interop tests against real vsftpd, ProFTPD and Pure-FTPd on 127.0.0.1,
// started by .ci/servers/with-servers.sh (make test). They refuse to run
// without the servers rather than pass silently.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
	"ferry/ftpcore/interoptest"
	"ferry/ftpcore/listing"
)

// interopConfig returns the configuration of a session with srv.
func interopConfig(t *testing.T, srv interoptest.Server, mode DataMode, tlsMode TLSMode, rec *testLog) Config {
	cfg := Config{
		Addr:           srv.Addr(),
		User:           srv.User,
		Password:       srv.Password,
		TLS:            tlsMode,
		DataMode:       mode,
		ConnectTimeout: 10 * time.Second,
		ReplyTimeout:   20 * time.Second,
		Name:           srv.Name,
	}
	if rec != nil {
		cfg.Transcript = rec.add
	}
	if tlsMode != TLSNone {
		cfg.TLSConfig = srv.TLSConfig(t)
	}
	return cfg
}

func sum(b []byte) [32]byte { return sha256.Sum256(b) }

func fileSum(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sum(b)
}

// TestInteropTransfers runs uploads and downloads on every server, in
// passive and active mode, plain and over explicit TLS, in binary and ASCII.
func TestInteropTransfers(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		for _, mode := range []DataMode{Passive, Active} {
			for _, tlsMode := range []TLSMode{TLSNone, TLSExplicit} {
				if tlsMode != TLSNone && !srv.TLS {
					continue
				}
				name := fmt.Sprintf("%s/%s/%s", srv.Name, mode, tlsMode)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					testTransfers(t, srv, mode, tlsMode)
				})
			}
		}
	}
}

func testTransfers(t *testing.T, srv interoptest.Server, mode DataMode, tlsMode TLSMode) {
	ctx := t.Context()
	rec := &testLog{}
	s, err := Dial(ctx, interopConfig(t, srv, mode, tlsMode, rec))
	if err != nil {
		t.Fatalf("dial: %v\n%s", err, rec.String())
	}
	defer s.Close()
	if tlsMode != TLSNone && !s.Secure() {
		t.Fatal("session not protected")
	}
	dir := fmt.Sprintf("/upload/%s-%s-%s-%d", srv.Name, mode, tlsMode, time.Now().UnixNano())
	if err := s.Mkdir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	local := t.TempDir()

	// Binary: 3 MiB and a bit of random bytes, up and down, byte-exact.
	data := testkit.RandomBytes(t, 3<<20+123)
	src := filepath.Join(local, "payload.bin")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var lastDone int64
	if err := UploadFile(ctx, s, src, dir+"/payload.bin", UploadOptions{Progress: func(d, _ int64) { lastDone = d }}); err != nil {
		t.Fatalf("upload: %v\n%s", err, rec.String())
	}
	if lastDone != int64(len(data)) {
		t.Errorf("upload progress ended at %d, want %d", lastDone, len(data))
	}
	if got := fileSum(t, filepath.Join(srv.Home, dir, "payload.bin")); got != sum(data) {
		t.Fatal("uploaded file differs on the server's disk")
	}
	dst := filepath.Join(local, "back.bin")
	if err := DownloadFile(ctx, s, dir+"/payload.bin", dst, DownloadOptions{}); err != nil {
		t.Fatalf("download: %v\n%s", err, rec.String())
	}
	if fileSum(t, dst) != sum(data) {
		t.Fatal("downloaded file differs")
	}
	if _, err := os.Stat(dst + PartSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf(".part file left behind: %v", err)
	}

	// ASCII: LF text goes up as CRLF and comes back as LF.
	text := []byte(strings.Repeat("line of text\nanother line\r\n\n", 2000))
	tsrc := filepath.Join(local, "notes.txt")
	if err := os.WriteFile(tsrc, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := UploadFile(ctx, s, tsrc, dir+"/notes.txt", UploadOptions{}); err != nil {
		t.Fatalf("ascii upload: %v", err)
	}
	onServer, err := os.ReadFile(filepath.Join(srv.Home, dir, "notes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	normal := bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	if !bytes.Equal(bytes.ReplaceAll(onServer, []byte("\r\n"), []byte("\n")), normal) {
		t.Fatal("ASCII upload: text differs on the server after line-ending conversion")
	}
	tdst := filepath.Join(local, "notes-back.txt")
	if err := DownloadFile(ctx, s, dir+"/notes.txt", tdst, DownloadOptions{}); err != nil {
		t.Fatalf("ascii download: %v", err)
	}
	back, _ := os.ReadFile(tdst)
	if !bytes.Equal(back, normal) {
		t.Fatalf("ASCII download: got %d bytes, want %d LF-only bytes", len(back), len(normal))
	}

	// The dialogue reads like the seed's captures, password masked.
	tr := rec.String()
	for _, want := range []string{"command USER " + srv.User, "command PASS ****", "command TYPE I", "command TYPE A", "command RETR", "command STOR", "reply 150", "reply 226"} {
		if !strings.Contains(tr, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if mode == Active && !strings.Contains(tr, "command PORT ") && !strings.Contains(tr, "command EPRT ") {
		t.Error("active mode sent no PORT/EPRT")
	}
	if mode == Passive && !strings.Contains(tr, "command EPSV") && !strings.Contains(tr, "command PASV") {
		t.Error("passive mode sent no EPSV/PASV")
	}
	if strings.Contains(tr, srv.Password) {
		t.Error("password in the transcript")
	}
}

// failingWriter fails after n bytes, as a crash or a cut would.
type failingWriter struct {
	w    io.Writer
	left int
}

var errInterrupted = errors.New("interrupted on purpose")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.w.Write(p[:f.left])
		f.left = 0
		return n, errInterrupted
	}
	f.left -= len(p)
	return f.w.Write(p)
}

// TestInteropResume interrupts a download half-way, leaving a .part file,
// and checks that the next download resumes it with REST, byte-exact.
func TestInteropResume(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			rec := &testLog{}
			s, err := Dial(ctx, interopConfig(t, srv, Passive, TLSNone, rec))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			dir := fmt.Sprintf("/upload/resume-%s-%d", srv.Name, time.Now().UnixNano())
			if err := s.Mkdir(ctx, dir); err != nil {
				t.Fatal(err)
			}
			data := testkit.RandomBytes(t, 5<<20)
			if _, err := s.Store(ctx, dir+"/big.bin", bytes.NewReader(data), TransferOptions{}); err != nil {
				t.Fatal(err)
			}
			local := filepath.Join(t.TempDir(), "big.bin")
			part, err := os.Create(local + PartSuffix)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Retrieve(ctx, dir+"/big.bin", &failingWriter{w: part, left: 2<<20 + 7}, TransferOptions{})
			part.Close()
			if !errors.Is(err, errInterrupted) {
				t.Fatalf("interrupted download: got %v", err)
			}
			// The session must still be usable after the abort.
			if err := s.Noop(ctx); err != nil {
				t.Fatalf("session unusable after abort: %v\n%s", err, rec.String())
			}
			if err := DownloadFile(ctx, s, dir+"/big.bin", local, DownloadOptions{Resume: true}); err != nil {
				t.Fatalf("resume: %v\n%s", err, rec.String())
			}
			if fileSum(t, local) != sum(data) {
				t.Fatal("resumed file differs")
			}
			// 64 KiB before the interruption point: the overlap is compared.
			if !strings.Contains(rec.String(), fmt.Sprintf("command REST %d", 2<<20+7-64<<10)) {
				t.Errorf("no REST 64 KiB before the interruption point in:\n%s", rec.String())
			}
		})
	}
}

// TestInteropListings lists the seeded tree on every server, including a
// folder whose name holds spaces, and logs in anonymously.
func TestInteropListings(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s, err := Dial(ctx, interopConfig(t, srv, Passive, TLSNone, nil))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			want, err := os.ReadDir(filepath.Join(srv.Home, "dir with spaces"))
			if err != nil {
				t.Fatal(err)
			}
			l, err := s.List(ctx, "/dir with spaces", ListDirOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entries) != len(want) || len(want) == 0 {
				t.Fatalf("listed %d entries of %q, the disk has %d", len(l.Entries), "dir with spaces", len(want))
			}
			if len(l.Unparsed) != 0 {
				t.Errorf("unparsed lines: %+v", l.Unparsed)
			}
			for _, e := range l.Entries {
				if _, err := os.Stat(filepath.Join(srv.Home, "dir with spaces", e.Name)); err != nil {
					t.Errorf("listed %q, not on disk", e.Name)
				}
			}
			root, err := s.List(ctx, "/", ListDirOptions{Hidden: true})
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]listing.Entry{}
			for _, e := range root.Entries {
				names[e.Name] = e
			}
			for _, n := range []string{"readme.txt", "dir with spaces", "upload"} {
				if _, ok := names[n]; !ok {
					t.Errorf("root listing lacks %q: %v", n, root.Entries)
				}
			}
			if e := names["dir with spaces"]; !e.IsDir() {
				t.Errorf("%q not a folder", e.Name)
			}
			if st, err := os.Stat(filepath.Join(srv.Home, "readme.txt")); err == nil && names["readme.txt"].Size != st.Size() {
				t.Errorf("readme.txt size %d, disk says %d", names["readme.txt"].Size, st.Size())
			}
			if pwd, err := s.Pwd(ctx); err != nil || pwd == "" {
				t.Errorf("PWD: %q %v", pwd, err)
			}
			if !srv.Anonymous {
				return
			}
			anon := interopConfig(t, srv, Passive, TLSNone, nil)
			anon.User, anon.Password = "", ""
			a, err := Dial(ctx, anon)
			if err != nil {
				t.Fatalf("anonymous login: %v", err)
			}
			defer a.Close()
			if _, err := a.List(ctx, "/", ListDirOptions{}); err != nil {
				t.Fatalf("anonymous listing: %v", err)
			}
		})
	}
}

// TestInteropTLSReuse uses the servers that insist on TLS session reuse
// for data connections (vsftpd's default): a data connection that does not
// resume would be refused and the session dropped.
func TestInteropTLSReuse(t *testing.T) {
	n := 0
	for _, srv := range interoptest.Servers(t) {
		if !srv.TLSReuseRequired {
			continue
		}
		n++
		t.Run(srv.Name, func(t *testing.T) {
			ctx := t.Context()
			s, err := Dial(ctx, interopConfig(t, srv, Passive, TLSExplicit, nil))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for i := 0; i < 3; i++ {
				if _, err := s.List(ctx, "/", ListDirOptions{}); err != nil {
					t.Fatalf("listing %d over TLS: %v", i, err)
				}
			}
			var buf bytes.Buffer
			if _, err := s.Retrieve(ctx, "/readme.txt", &buf, TransferOptions{Type: TypeBinary}); err != nil {
				t.Fatal(err)
			}
			disk, _ := os.ReadFile(filepath.Join(srv.Home, "readme.txt"))
			if !bytes.Equal(buf.Bytes(), disk) {
				t.Fatal("readme.txt differs")
			}
		})
	}
	if n == 0 {
		t.Fatal("no server requires TLS session reuse: the harness must start one")
	}
}

// TestInteropCommands exercises the file commands on one session.
func TestInteropCommands(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s, err := Dial(ctx, interopConfig(t, srv, Passive, TLSNone, nil))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			dir := fmt.Sprintf("/upload/cmd-%s-%d", srv.Name, time.Now().UnixNano())
			if err := s.MkdirAll(ctx, dir+"/a/b"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Store(ctx, dir+"/a/f.bin", strings.NewReader("12345"), TransferOptions{}); err != nil {
				t.Fatal(err)
			}
			if n, err := s.Size(ctx, dir+"/a/f.bin"); err != nil || n != 5 {
				t.Fatalf("SIZE: %d %v", n, err)
			}
			if err := s.Rename(ctx, dir+"/a/f.bin", dir+"/a/g.bin"); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(srv.Home, dir, "a/g.bin")); err != nil {
				t.Fatalf("rename not on disk: %v", err)
			}
			mt, err := s.ModTime(ctx, dir+"/a/g.bin")
			if err != nil || time.Since(mt) > time.Hour || time.Until(mt) > time.Hour {
				t.Fatalf("MDTM: %v %v", mt, err)
			}
			if err := s.Chmod(ctx, dir+"/a/g.bin", 0o600); err != nil {
				t.Fatal(err)
			}
			if st, err := os.Stat(filepath.Join(srv.Home, dir, "a/g.bin")); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("chmod not on disk: %v %v", st.Mode(), err)
			}
			if err := s.Cwd(ctx, dir); err != nil {
				t.Fatal(err)
			}
			if p, err := s.Pwd(ctx); err != nil || p != dir {
				t.Fatalf("PWD after CWD: %q %v", p, err)
			}
			if err := s.Cdup(ctx); err != nil {
				t.Fatal(err)
			}
			if p, _ := s.Pwd(ctx); p != path.Dir(dir) {
				t.Fatalf("PWD after CDUP: %q", p)
			}
			if err := s.Delete(ctx, dir+"/a/g.bin"); err != nil {
				t.Fatal(err)
			}
			if err := s.Rmdir(ctx, dir+"/a/b"); err != nil {
				t.Fatal(err)
			}
			var re *ReplyError
			if err := s.Delete(ctx, dir+"/missing"); !errors.As(err, &re) || re.Code/100 != 5 {
				t.Fatalf("DELE of a missing file: %v", err)
			}
			r, err := s.Raw(ctx, "NOOP")
			if err != nil || r.Code != 200 {
				t.Fatalf("raw NOOP: %v %v", r, err)
			}
			if _, err := s.Raw(ctx, "STAT "+dir+"\r\nDELE x"); !errors.Is(err, ErrUnsafeArgument) {
				t.Fatalf("CR/LF in a raw command: %v", err)
			}
		})
	}
}

// TestInteropCancel cancels a download in flight; the session stays usable.
func TestInteropCancel(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			rec := &testLog{}
			s, err := Dial(t.Context(), interopConfig(t, srv, Passive, TLSNone, rec))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			dir := fmt.Sprintf("/upload/cancel-%s-%d", srv.Name, time.Now().UnixNano())
			if err := s.Mkdir(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Store(t.Context(), dir+"/big.bin", bytes.NewReader(make([]byte, 64<<20)), TransferOptions{}); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			_, err = s.Retrieve(ctx, dir+"/big.bin", io.Discard, TransferOptions{Progress: func(done, _ int64) {
				if done > 1<<20 {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled download: %v", err)
			}
			if err := s.Noop(t.Context()); err != nil {
				t.Fatalf("session unusable after cancel: %v\n%s", err, rec)
			}
		})
	}
}
