package ftpcore

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

func TestTransferModes(t *testing.T) {
	data := testkit.RandomBytes(t, 1<<20+17)
	for _, mode := range []DataMode{Passive, Active} {
		t.Run(mode.String(), func(t *testing.T) {
			srv := newServer(t)
			cfg := testConfig(srv, nil)
			cfg.DataMode = mode
			cfg.ActivePortMin, cfg.ActivePortMax = 41000, 41099
			s := dialT(t, cfg)
			ctx := t.Context()
			var lastDone, lastTotal int64
			n, err := s.Store(ctx, "/up.bin", bytes.NewReader(data), TransferOptions{Size: int64(len(data)),
				Progress: func(d, tot int64) { lastDone, lastTotal = d, tot }})
			if err != nil || n != int64(len(data)) {
				t.Fatalf("store: %d %v", n, err)
			}
			if lastDone != int64(len(data)) || lastTotal != int64(len(data)) {
				t.Errorf("progress ended at %d/%d", lastDone, lastTotal)
			}
			if got, _ := srv.FS().ReadFile("/up.bin"); !bytes.Equal(got, data) {
				t.Fatal("stored data differs")
			}
			var buf bytes.Buffer
			if _, err := s.Retrieve(ctx, "/up.bin", &buf, TransferOptions{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), data) {
				t.Fatal("retrieved data differs")
			}
			cmds := strings.Join(srv.Commands(), "\n")
			if mode == Active {
				if !strings.Contains(cmds, "PORT ") {
					t.Fatalf("no PORT in\n%s", cmds)
				}
				for _, c := range srv.Commands() {
					if arg, ok := strings.CutPrefix(c, "PORT "); ok {
						ap, err := ParsePORT(arg)
						if err != nil || ap.Port() < 41000 || ap.Port() > 41099 || ap.Addr() != netip.MustParseAddr("127.0.0.1") {
							t.Fatalf("PORT %s outside the range or address: %v", arg, err)
						}
					}
				}
			} else if !strings.Contains(cmds, "EPSV") {
				t.Fatalf("no EPSV in\n%s", cmds)
			}
		})
	}
}

func TestEPSVFallsBackToPASVOnce(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"EPSV": "500 'EPSV': command not understood."}}))
	s := dialT(t, testConfig(srv, nil))
	for i := 0; i < 3; i++ {
		if _, err := s.Retrieve(t.Context(), "/readme.txt", io.Discard, TransferOptions{Type: TypeBinary}); err != nil {
			t.Fatal(err)
		}
	}
	epsv, pasv := 0, 0
	for _, v := range verbs(srv) {
		switch v {
		case "EPSV":
			epsv++
		case "PASV":
			pasv++
		}
	}
	if epsv != 1 || pasv != 3 {
		t.Fatalf("EPSV sent %d times, PASV %d; want 1 and 3", epsv, pasv)
	}
}

// TestPASVAddressReplaced: a server announcing another host in its 227
// is not believed; the client connects to the control connection's peer.
func TestPASVAddressReplaced(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	served := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		c.Write([]byte("payload"))
		c.Close()
		served <- nil
	}()
	pasv := []byte("227 Entering Passive Mode (10,9,8,7," + itoa(port>>8) + "," + itoa(port&255) + ").\r\n")
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{
		Replies:    map[string]string{"EPSV": "502 no", "SIZE": "550 no size"},
		RawReplies: map[string][]byte{"PASV": pasv, "RETR": []byte("150 Here it comes\r\n226 Done\r\n")},
	}))
	log := &testLog{}
	s := dialT(t, testConfig(srv, log))
	var buf bytes.Buffer
	if _, err := s.Retrieve(t.Context(), "/x.bin", &buf, TransferOptions{}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if buf.String() != "payload" {
		t.Fatalf("got %q", buf.String())
	}
	if !strings.Contains(log.String(), "connecting to 127.0.0.1:") {
		t.Errorf("the replacement is not logged:\n%s", log)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestASCIITransfers(t *testing.T) {
	srv := newServer(t)
	ctx := t.Context()
	for _, nl := range []string{"\n", "\r\n"} {
		cfg := testConfig(srv, nil)
		cfg.LocalNewline = nl
		s := dialT(t, cfg)
		var buf bytes.Buffer
		if _, err := s.Retrieve(ctx, "/readme.txt", &buf, TransferOptions{}); err != nil {
			t.Fatal(err)
		}
		if want := strings.ReplaceAll("hello\nworld\n", "\n", nl); buf.String() != want {
			t.Errorf("nl %q: got %q, want %q", nl, buf.String(), want)
		}
		if _, err := s.Retrieve(ctx, "/readme.txt", &buf, TransferOptions{Offset: 3}); !errors.Is(err, ErrASCIIResume) {
			t.Errorf("ASCII resume allowed: %v", err)
		}
	}
	s := dialT(t, testConfig(srv, nil))
	if _, err := s.Store(ctx, "/up.txt", strings.NewReader("one\ntwo\r\nthree\n"), TransferOptions{}); err != nil {
		t.Fatal(err)
	}
	// ftptest stores text with LF, as a Unix server does.
	if got, _ := srv.FS().ReadFile("/up.txt"); string(got) != "one\ntwo\nthree\n" {
		t.Fatalf("stored %q", got)
	}
	if !strings.Contains(strings.Join(srv.Commands(), "\n"), "TYPE A") {
		t.Fatal("no TYPE A for a .txt file")
	}
}

func TestResumeDownload(t *testing.T) {
	srv := newServer(t)
	data := testkit.RandomBytes(t, 3<<20)
	srv.FS().WriteFile("/big.bin", data, time.Now())
	s := dialT(t, testConfig(srv, nil))
	local := filepath.Join(t.TempDir(), "big.bin")
	if err := os.WriteFile(local+PartSuffix, data[:1<<20+5], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(local, []byte("the old version"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := DownloadFile(t.Context(), s, "/big.bin", local, DownloadOptions{Resume: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(local)
	if !bytes.Equal(got, data) {
		t.Fatal("resumed file differs")
	}
	// Resumed 64 KiB before the .part's end, to compare the overlap.
	if !strings.Contains(strings.Join(srv.Commands(), "\n"), "REST 983045") {
		t.Fatalf("no REST: %q", srv.Commands())
	}
}

func TestDownloadKeepsOldFileOnFailure(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000}}))
	srv.FS().WriteFile("/big.bin", testkit.RandomBytes(t, 1<<20), time.Now())
	s := dialT(t, testConfig(srv, nil))
	local := filepath.Join(t.TempDir(), "big.bin")
	os.WriteFile(local, []byte("precious"), 0o644)
	err := DownloadFile(t.Context(), s, "/big.bin", local, DownloadOptions{})
	if err == nil || !IsTemporary(err) {
		t.Fatalf("dropped transfer: %v (temporary %v)", err, IsTemporary(err))
	}
	if got, _ := os.ReadFile(local); string(got) != "precious" {
		t.Fatalf("old file changed: %q", got)
	}
	if st, err := os.Stat(local + PartSuffix); err != nil || st.Size() != 1000 {
		t.Fatalf(".part kept for resume: %v %v", st, err)
	}
	if err := s.Noop(t.Context()); err != nil {
		t.Fatalf("session unusable after a 426: %v", err)
	}
}

func TestDroppedControlConnection(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 10, CloseControl: true}}))
	srv.FS().WriteFile("/big.bin", testkit.RandomBytes(t, 1<<20), time.Now())
	s := dialT(t, testConfig(srv, nil))
	_, err := s.Retrieve(t.Context(), "/big.bin", io.Discard, TransferOptions{})
	if err == nil || !IsTemporary(err) {
		t.Fatalf("got %v", err)
	}
	if err := s.Noop(t.Context()); !errors.Is(err, ErrClosed) {
		t.Fatalf("after a dropped control connection: %v", err)
	}
	if s.Alive() {
		t.Fatal("session says it is alive")
	}
}

func TestCancelAborts(t *testing.T) {
	for _, style := range []ftptest.AbortStyle{ftptest.Abort426Then226, ftptest.Abort226Only} {
		for _, dir := range []string{"download", "upload"} {
			t.Run(dir, func(t *testing.T) {
				srv := newServer(t, ftptest.WithAbortStyle(style), ftptest.WithFault(ftptest.Fault{DataRate: 2 << 20}))
				srv.FS().WriteFile("/big.bin", make([]byte, 16<<20), time.Now())
				s := dialT(t, testConfig(srv, nil))
				ctx, cancel := context.WithCancel(t.Context())
				stopAt := func(done, _ int64) {
					if done > 256<<10 {
						cancel()
					}
				}
				var err error
				start := time.Now()
				if dir == "download" {
					_, err = s.Retrieve(ctx, "/big.bin", io.Discard, TransferOptions{Progress: stopAt})
				} else {
					_, err = s.Store(ctx, "/up.bin", bytes.NewReader(make([]byte, 16<<20)), TransferOptions{Progress: stopAt})
				}
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("got %v", err)
				}
				if time.Since(start) > 5*time.Second {
					t.Fatalf("cancel took %v", time.Since(start))
				}
				if !strings.Contains(strings.Join(srv.Commands(), "\n"), "ABOR") {
					t.Fatal("no ABOR sent")
				}
				srv.SetFault(ftptest.Fault{})
				// The dialogue is back in step: the next replies match.
				if p, err := s.Pwd(t.Context()); err != nil || p != "/" {
					t.Fatalf("after abort: pwd %q %v", p, err)
				}
				if _, err := s.Retrieve(t.Context(), "/readme.txt", io.Discard, TransferOptions{}); err != nil {
					t.Fatalf("transfer after abort: %v", err)
				}
			})
		}
	}
}

func TestHostileReplies(t *testing.T) {
	cases := []struct {
		name string
		raw  []byte
		want error
	}{
		{"garbage", []byte("hello there\r\n"), nil},
		{"long line", []byte("257 \"" + strings.Repeat("a", MaxReplyLineLen+10) + "\"\r\n"), ErrLineTooLong},
		{"endless continuation", []byte("257-start\r\n" + strings.Repeat(" more\r\n", MaxReplyLines+10) + "257 end\r\n"), ErrTooManyLines},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(ftptest.Fault{RawReplies: map[string][]byte{"PWD": tc.raw}}))
			s := dialT(t, testConfig(srv, nil))
			_, err := s.Pwd(t.Context())
			if err == nil {
				t.Fatal("accepted")
			}
			var pe *ProtocolError
			if tc.want != nil && !errors.Is(err, tc.want) || tc.want == nil && !errors.As(err, &pe) {
				t.Fatalf("got %v", err)
			}
			if err := s.Noop(t.Context()); !errors.Is(err, ErrClosed) {
				t.Fatalf("a desynchronised session must refuse further commands: %v", err)
			}
		})
	}
}

func TestTimeoutsAndCancellation(t *testing.T) {
	srv := newServer(t)
	s := dialT(t, testConfig(srv, nil))
	srv.SetFault(ftptest.Fault{ReplyDelay: 3 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Noop(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("cancellation took %v", time.Since(start))
	}

	srv2 := newServer(t)
	cfg := testConfig(srv2, nil)
	s2 := dialT(t, cfg)
	s2.cfg.ReplyTimeout = 100 * time.Millisecond
	s2.conn.replyTimeout = 100 * time.Millisecond
	srv2.SetFault(ftptest.Fault{ReplyDelay: time.Second})
	if err := s2.Noop(t.Context()); !IsTemporary(err) {
		t.Fatalf("reply timeout: %v (temporary %v)", err, IsTemporary(err))
	}
}

func TestSizeChecks(t *testing.T) {
	srv := newServer(t)
	srv.FS().WriteFile("/f.bin", testkit.RandomBytes(t, 1000), time.Now())
	srv.SetFault(ftptest.Fault{Hook: func(verb, arg string) ([]byte, bool) {
		if verb == "SIZE" && arg == "/f.bin" {
			return []byte("213 5000\r\n"), true
		}
		return nil, false
	}})
	s := dialT(t, testConfig(srv, nil))
	if _, err := s.Retrieve(t.Context(), "/f.bin", io.Discard, TransferOptions{}); !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("got %v", err)
	}
	// Without SIZE the 150 reply's figure is the progress total.
	srv2 := newServer(t, ftptest.WithoutFeatures("SIZE"))
	srv2.FS().WriteFile("/f.bin", testkit.RandomBytes(t, 1234), time.Now())
	s2 := dialT(t, testConfig(srv2, nil))
	var total int64
	if _, err := s2.Retrieve(t.Context(), "/f.bin", io.Discard, TransferOptions{Progress: func(_, tot int64) { total = tot }}); err != nil {
		t.Fatal(err)
	}
	if total != 1234 {
		t.Fatalf("total from 150: %d", total)
	}
}

func TestTLS(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	for _, tc := range []struct {
		name string
		opt  ftptest.Option
		mode TLSMode
	}{
		{"explicit with required reuse", ftptest.WithTLS(serverConf), TLSExplicit},
		{"implicit", ftptest.WithImplicitTLS(serverConf), TLSImplicit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, tc.opt, ftptest.WithRequireTLSReuse())
			data := testkit.RandomBytes(t, 300<<10)
			srv.FS().WriteFile("/f.bin", data, time.Now())
			for _, mode := range []DataMode{Passive, Active} {
				cfg := testConfig(srv, nil)
				cfg.TLS, cfg.DataMode = tc.mode, mode
				cfg.TLSConfig = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
				s := dialT(t, cfg)
				if !s.Secure() {
					t.Fatal("not secure")
				}
				for i := 0; i < 2; i++ {
					var buf bytes.Buffer
					if _, err := s.Retrieve(t.Context(), "/f.bin", &buf, TransferOptions{}); err != nil {
						t.Fatalf("%s retrieve %d: %v", mode, i, err)
					}
					if !bytes.Equal(buf.Bytes(), data) {
						t.Fatal("data differs")
					}
				}
				if _, err := s.Store(t.Context(), "/u.bin", bytes.NewReader(data), TransferOptions{}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.List(t.Context(), "/", ListDirOptions{}); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestCertificateTrust(t *testing.T) {
	serverConf, _ := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithTLS(serverConf))
	leaf := serverConf.Certificates[0].Certificate[0]
	var asked []CertInfo
	cfg := testConfig(srv, nil)
	cfg.TLS = TLSExplicit
	cfg.TrustCert = func(_ context.Context, info CertInfo) (bool, error) {
		asked = append(asked, info)
		return false, nil
	}
	_, err := Dial(t.Context(), cfg)
	if !errors.Is(err, ErrCertificateRejected) {
		t.Fatalf("rejected certificate: %v", err)
	}
	if len(asked) != 1 || asked[0].SHA256 != Fingerprint(leaf) || asked[0].VerifyError == "" || asked[0].NotAfter.IsZero() {
		t.Fatalf("asked %+v", asked)
	}
	cfg.TrustCert = func(_ context.Context, info CertInfo) (bool, error) { return info.SHA256 == Fingerprint(leaf), nil }
	s := dialT(t, cfg)
	if _, err := s.Retrieve(t.Context(), "/readme.txt", io.Discard, TransferOptions{}); err != nil {
		t.Fatal(err)
	}
	cfg.TrustCert = nil
	if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrCertificateRejected) {
		t.Fatalf("no hook: %v", err)
	}
}

func TestTLSIfAvailable(t *testing.T) {
	srv := newServer(t) // no TLS
	cfg := testConfig(srv, nil)
	cfg.TLS = TLSExplicitIfAvailable
	s := dialT(t, cfg)
	if s.Secure() {
		t.Fatal("secure without TLS")
	}
	cfg.TLS = TLSExplicit
	if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrTLSUnavailable) {
		t.Fatalf("required TLS: %v", err)
	}
}

func TestKeepAliveAndQuit(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(srv, nil)
	cfg.KeepAlive = 80 * time.Millisecond
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(strings.Join(srv.Commands(), " "), "NOOP") {
		if time.Now().After(deadline) {
			t.Fatal("no NOOP on an idle session")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cmds := srv.Commands()
	if cmds[len(cmds)-1] != "QUIT" {
		t.Fatalf("last command %q, want QUIT", cmds[len(cmds)-1])
	}
	if err := s.Noop(t.Context()); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed session: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}

func TestList(t *testing.T) {
	for _, feats := range [][]string{nil, {"MLST"}} {
		var opts []ftptest.Option
		if feats != nil {
			opts = append(opts, ftptest.WithoutFeatures(feats...))
		}
		srv := newServer(t, opts...)
		srv.FS().Mkdir("/dir with spaces")
		srv.FS().WriteFile("/dir with spaces/inner file.txt", []byte("x"), time.Now())
		srv.FS().WriteFile("/.hidden", []byte("x"), time.Now())
		s := dialT(t, testConfig(srv, nil))
		l, err := s.List(t.Context(), "/dir with spaces", ListDirOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Entries) != 1 || l.Entries[0].Name != "inner file.txt" || l.Entries[0].Size != 1 {
			t.Fatalf("entries %+v", l.Entries)
		}
		// A session's listing is compact: it keeps no line of the text.
		if l.Entries[0].Raw != "" {
			t.Errorf("entry keeps its listing line %q (features off %v)", l.Entries[0].Raw, feats)
		}
		root, err := s.List(t.Context(), "/", ListDirOptions{Hidden: true})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range root.Entries {
			found = found || e.Name == ".hidden"
		}
		if !found {
			t.Fatalf("hidden file missing (features off %v): %+v", feats, root.Entries)
		}
	}
}

func TestHostileListingFlagged(t *testing.T) {
	srv := newServer(t, ftptest.WithoutFeatures("MLST"), ftptest.WithFault(ftptest.Fault{Listings: map[string][]byte{
		"/": []byte("-rw-r--r--   1 ftp ftp 5 Jan 01 2024 ../evil\r\n-rw-r--r--   1 ftp ftp 5 Jan 01 2024 a\\b\r\nthis is not a listing line\r\n"),
	}}))
	s := dialT(t, testConfig(srv, nil))
	l, err := s.List(t.Context(), "/", ListDirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 2 || !l.Entries[0].Unsafe || !l.Entries[1].Unsafe {
		t.Fatalf("entries %+v", l.Entries)
	}
	if len(l.Unparsed) != 1 {
		t.Fatalf("unparsed %+v", l.Unparsed)
	}
}

// TestZeroCopyPaths covers the splice loop and the plain upload from a
// file: whole files both ways, and a cancelled download into a file.
func TestZeroCopyPaths(t *testing.T) {
	srv := newServer(t)
	data := testkit.RandomBytes(t, 3*zeroCopyMax+12345)
	s := dialT(t, testConfig(srv, nil))
	dir := t.TempDir()
	src := filepath.Join(dir, "src.bin")
	os.WriteFile(src, data, 0o644)
	if err := UploadFile(t.Context(), s, src, "/z.bin", UploadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.FS().ReadFile("/z.bin"); !bytes.Equal(got, data) {
		t.Fatal("upload differs")
	}
	dst := filepath.Join(dir, "dst.bin")
	var calls int
	if err := DownloadFile(t.Context(), s, "/z.bin", dst, DownloadOptions{Progress: func(int64, int64) { calls++ }}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Fatal("download differs")
	}
	if calls < 4 {
		t.Errorf("progress reported %d times for 4 chunks", calls)
	}

	// A cancel from the progress callback, after the first chunk, while
	// the server is still sending.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var moved int64
	err := DownloadFile(ctx, s, "/z.bin", filepath.Join(dir, "cut.bin"), DownloadOptions{Progress: func(done, _ int64) {
		moved = done
		cancel()
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled download: %v", err)
	}
	if moved <= 0 || moved >= int64(len(data)) {
		t.Fatalf("cancelled after %d of %d bytes", moved, len(data))
	}
	if err := s.Noop(t.Context()); err != nil {
		t.Fatalf("session after cancel: %v", err)
	}
}

func TestNextChunk(t *testing.T) {
	if got := nextChunk(zeroCopyFirst, zeroCopyFirst, 0); got != 2*zeroCopyFirst {
		t.Errorf("instant call: %d", got)
	}
	// 1 MiB/s: a tenth of a second is about 100 KiB.
	if got := nextChunk(zeroCopyFirst, 1<<20, time.Second); got < 100<<10 || got > 110<<10 {
		t.Errorf("1 MiB/s: %d", got)
	}
	if got := nextChunk(zeroCopyMax, zeroCopyMax, time.Millisecond); got != zeroCopyMax {
		t.Errorf("fast link: %d", got)
	}
	if got := nextChunk(zeroCopyFirst, 1000, time.Second); got != zeroCopyMin {
		t.Errorf("crawling link: %d", got)
	}
}

// wrappingDialer hides the connection's concrete type, as a proxy or a
// byte-counting dialer does: no CloseWrite.
type wrappingDialer struct{}

type opaqueConn struct{ net.Conn }

func (wrappingDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return opaqueConn{c}, nil
}

// TestUploadThroughAnOpaqueDialer: without a half-close the upload must
// end by closing, not wait for the server to close first (which it does
// only after the end of the data: both would wait for the reply timeout).
func TestUploadThroughAnOpaqueDialer(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(srv, nil)
	cfg.Dialer = wrappingDialer{}
	cfg.ReplyTimeout = time.Minute
	s := dialT(t, cfg)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	for _, typ := range []TransferType{TypeBinary, TypeASCII} {
		if _, err := s.Store(ctx, "/up.txt", strings.NewReader("one\ntwo\n"), TransferOptions{Type: typ}); err != nil {
			t.Fatalf("%v upload: %v", typ, err)
		}
	}
}

// TestRetrieveAnsweredWithoutData: a server that answers RETR with 226 at
// once (no 150, no data) has not sent the file. The download fails and the
// local file stays as it was, unless the file is known to be empty.
func TestRetrieveAnsweredWithoutData(t *testing.T) {
	cases := []struct {
		name   string
		remote string
		data   []byte
		opts   []ftptest.Option
		ok     bool
	}{
		{"binary, size unknown", "/f.bin", []byte("remote data"), []ftptest.Option{ftptest.WithoutFeatures("SIZE")}, false},
		{"binary, size known", "/f.bin", []byte("remote data"), nil, false},
		{"ascii, size known", "/f.txt", []byte("one\ntwo\n"), nil, false},
		{"ascii, SIZE refused", "/f.txt", []byte("one\ntwo\n"), []ftptest.Option{ftptest.WithRefuseSizeInASCII()}, false},
		{"empty file", "/f.bin", nil, nil, true},
		{"empty text file", "/f.txt", nil, nil, true},
		{"empty text file, SIZE refused in TYPE A", "/f.txt", nil, []ftptest.Option{ftptest.WithRefuseSizeInASCII()}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]ftptest.Option{ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": "226 Transfer complete."}})}, tc.opts...)
			srv := newServer(t, opts...)
			srv.FS().WriteFile(tc.remote, tc.data, time.Now())
			s := dialT(t, testConfig(srv, nil))
			local := filepath.Join(t.TempDir(), path.Base(tc.remote))
			os.WriteFile(local, []byte("precious"), 0o644)
			err := DownloadFile(t.Context(), s, tc.remote, local, DownloadOptions{Resume: true})
			got, _ := os.ReadFile(local)
			if tc.ok {
				if err != nil || len(got) != 0 {
					t.Fatalf("empty remote file: %v, local %q", err, got)
				}
				return
			}
			if !errors.Is(err, ErrNoData) {
				t.Fatalf("RETR answered 226 without data: %v", err)
			}
			if string(got) != "precious" {
				t.Fatalf("local file replaced: %q", got)
			}
			if err := s.Noop(t.Context()); err != nil {
				t.Fatalf("session unusable: %v", err)
			}
		})
	}
}
