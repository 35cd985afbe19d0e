package ui

import (
	"context"
	"errors"
	"testing"

	"ferry/ftpcore/queue"
)

// TestQuestionsLeftAloneAfterShutdown: a question waiting for the user
// (an unknown certificate, a file that exists, a refused FXP) when the
// window ends is cancelled with it. Its dialog went with the window:
// hiding it then gave Fyne a call after its event loop had ended, which
// Fyne ran off the UI goroutine and logged as "Error in Fyne call thread"
// (seen when the app was ended with SIGTERM while the certificate question
// was open). Nothing reaches the UI goroutine after the end now.
func TestQuestionsLeftAloneAfterShutdown(t *testing.T) {
	job := queue.Job{Kind: queue.JobDownload,
		Src: queue.Endpoint{Site: "ftp://example.org", Path: "/a.bin"}, Dst: queue.Endpoint{Path: "/tmp/a.bin"}}
	for _, c := range []struct {
		name string
		ask  func(h *harness, ctx context.Context) error
	}{
		{"certificate", func(h *harness, ctx context.Context) error {
			_, err := h.mw.trust.forAddr("127.0.0.1:21")(ctx, sampleCert())
			return err
		}},
		{"file exists", func(h *harness, ctx context.Context) error {
			_, err := h.mw.askExists(ctx, queue.ExistsQuestion{Job: job, Src: queue.FileInfo{Size: 10}, Dst: queue.FileInfo{Size: 5}})
			return err
		}},
		{"FXP refused", func(h *harness, ctx context.Context) error {
			_, err := h.mw.askFXP(ctx, queue.FXPQuestion{Job: job, Reason: errors.New("PORT refused")})
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, t.TempDir())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- c.ask(h, ctx) }()
			h.waitFor("the question", func() bool { return h.win.Canvas().Overlays().Top() != nil })
			h.mw.shutdown()
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Fatalf("the question ended with %v, want context.Canceled", err)
			}
			if n := h.queued(); n != 0 {
				t.Errorf("%d calls for the UI goroutine after the window ended, want none", n)
			}
		})
	}
}

// TestDiagnosisLeftAloneAfterShutdown: a diagnosis running when the
// window ends (the server ignoring its data connection) is cancelled
// with it; neither its result nor its busy bar's steps reach the UI
// goroutine after the end, and the bar's ticker ends.
func TestDiagnosisLeftAloneAfterShutdown(t *testing.T) {
	h, c := stalledDiagnosis(t)
	stopped := c.progress.stopped
	h.mw.shutdown() // waits for the diagnosis to end
	h.waitClosed("the bar's ticker", stopped)
	if n := h.queued(); n != 0 {
		t.Errorf("%d calls for the UI goroutine after the window ended, want none", n)
	}
}
