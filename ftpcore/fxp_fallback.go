package ftpcore

import (
	"errors"
	"fmt"
)

// FXPDataTLSError reports that the servers could not secure the data
// connection between themselves: the server playing TLS client (after
// SSCN ON, or CPSV) failed the handshake with the other one, most often
// because it does not accept the other's certificate (self-signed, or
// issued by an authority it does not know). ProFTPD, for one, then closes
// its control connection. Clear data (PROT C) or a relay through the
// client avoid the handshake between the servers.
type FXPDataTLSError struct {
	Client string // the session that played TLS client
	Server string // the session whose certificate was presented
	Mode   string // "SSCN" or "CPSV"
	Err    error  // what the client side ended with
}

func (e *FXPDataTLSError) Error() string {
	return fmt.Sprintf("fxp: %q could not secure the data connection with %q (it played TLS client after %s): "+
		"it most likely refused %q's certificate on the data connection (%v)",
		e.Client, e.Server, e.Mode, e.Server, oneLine(e.Err))
}

// Unwrap returns what the client side ended with.
func (e *FXPDataTLSError) Unwrap() error { return e.Err }

// IncompleteTargetError reports a failed copy whose target file could not
// be deleted (the target's session was gone): Path may remain on Server,
// empty or truncated. Whoever can open a new session may delete it, and
// then sets Deleted, so that the error says so.
type IncompleteTargetError struct {
	Path    string
	Server  string
	Err     error
	Deleted bool // deleted afterwards, on another session
}

func (e *IncompleteTargetError) Error() string {
	if e.Deleted {
		return fmt.Sprintf("%v (the incomplete %q was deleted from %s)", e.Err, e.Path, e.Server)
	}
	return fmt.Sprintf("%v (an incomplete %q may remain on %s)", e.Err, e.Path, e.Server)
}

// Unwrap returns why the copy failed.
func (e *IncompleteTargetError) Unwrap() error { return e.Err }

// FXPImpossible reports whether err says that two servers cannot copy
// between themselves (a refusal of PASV, PORT or the data connection, no
// way to agree on TLS roles, mixed protection, a TLS handshake failing
// between them), as opposed to a failure of the copy itself. clearHelps
// tells whether unprotected data between the servers (PROT C) would get
// round it; a relay through the client always does.
func FXPImpossible(err error) (impossible, clearHelps bool) {
	var tlsErr *FXPDataTLSError
	var refused *FXPRefusedError
	switch {
	case errors.As(err, &tlsErr), errors.Is(err, ErrFXPNoTLSHandoff), errors.Is(err, ErrFXPMixedProtection):
		return true, true
	case errors.As(err, &refused):
		return true, false
	}
	return false, false
}

// oneLine joins the lines of an error's text (errors.Join makes several).
func oneLine(err error) string {
	if err == nil {
		return ""
	}
	b := []byte(err.Error())
	for i, c := range b {
		if c == '\n' || c == '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}
