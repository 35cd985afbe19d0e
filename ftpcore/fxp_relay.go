package ftpcore

import (
	"context"
	"fmt"
	"io"
)

// relay copies through the client: RETR on the source streamed into STOR
// on the target through a pipe, no temporary file. Each side uses its own
// data connection settings (passive or active, TLS).
func (j *fxpJob) relay(ctx context.Context) (FXPResult, error) {
	res := FXPResult{Relayed: true, Direction: "relay"}
	size := max(j.srcSize, 0)
	if j.typ != TypeBinary {
		size = 0
	}
	pr, pw := io.Pipe()
	type outcome struct {
		n   int64
		err error
	}
	stored := make(chan outcome, 1)
	go func() {
		n, err := j.dst.store(ctx, j.dstPath, pr, TransferOptions{Type: j.typ, Size: size})
		// Unblocks a source still writing when the target gave up.
		pr.CloseWithError(fmt.Errorf("target %s: %w", serverName(j.dst), errOrEOF(err)))
		stored <- outcome{n, err}
	}()
	_, rerr := j.src.retrieve(ctx, j.srcPath, pw, TransferOptions{Type: j.typ, Size: size, Progress: j.opt.Progress})
	if rerr != nil {
		pw.CloseWithError(fmt.Errorf("source %s: %w", serverName(j.src), rerr))
	} else {
		pw.Close()
	}
	st := <-stored
	switch {
	case rerr != nil:
		return res, j.relayFailed(ctx, fmt.Errorf("relay: reading from %s: %w", serverName(j.src), rerr))
	case st.err != nil:
		return res, j.relayFailed(ctx, fmt.Errorf("relay: writing to %s: %w", serverName(j.dst), st.err))
	}
	res.Bytes = st.n
	// Each transfer checked its own side in binary; the target's size
	// against the source's tells what the relay as a whole did.
	res, err := j.checkSize(ctx, res, j.srcSize)
	if err != nil {
		return res, j.relayFailed(ctx, err)
	}
	return res, nil
}

// relayFailed removes the incomplete target file unless asked to keep it.
func (j *fxpJob) relayFailed(ctx context.Context, err error) error {
	if j.opt.KeepPartial {
		return err
	}
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), j.dst.cfg.ReplyTimeout)
	defer cancel()
	if _, derr := j.dst.conn.expect(dctx, 2, "DELE", j.dstPath); derr == nil {
		return fmt.Errorf("%w (the incomplete %q was deleted from %s)", err, j.dstPath, serverName(j.dst))
	}
	return err
}

func errOrEOF(err error) error {
	if err == nil {
		return io.EOF
	}
	return err
}
