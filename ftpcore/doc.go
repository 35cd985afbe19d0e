// Package ftpcore is Ferry's FTP protocol engine: control and data
// connections, login, commands, transfers, FTPS, directory listings (parsed
// by package listing) and FXP. The local disk (localfs), the transfer queue
// (queue) and what is kept between runs (profile) are packages beside it
// that build on it. It imports no GUI package; the desktop app and
// ferry-cli both drive it.
//
// The model follows RFC 959 (FTP), RFC 2228 and 4217 (security, FTPS),
// RFC 2389 (FEAT/OPTS), RFC 2428 (EPSV/EPRT) and RFC 3659 (SIZE, MDTM,
// REST STREAM, MLSD).
//
// Concurrency: one goroutine at a time drives a Session, because FTP runs
// one command and one data connection at a time on a control connection.
// Every blocking call takes a context.Context; cancelling it interrupts the
// call (a transfer is aborted with ABOR) and leaves the session usable when
// the server allows it: the replies the call left owed are read by the next
// one, each within the reply timeout. On a data connection that timeout
// counts silence: a transfer fails when no byte moved for that long
// (*DataIdleError), never because it is slow.
//
// Pipelining: on a server that answers commands sent together in turn
// (tested after login; Config.NoPipelining turns it off) a transfer's
// EPSV goes with its RETR or STOR, and the next transfer's EPSV as soon
// as the data connection is closed, before the 226, with an upload's SIZE
// and MFMT; a small upload's data goes on its passive plain connection
// before the 150 (upahead.go), and Mkdirs sends its MKD commands
// together. Replies are still counted one per command, so a cancel leaves
// them owed as above.
//
// Errors: a server's refusal is a *ReplyError carrying its code and text;
// malformed replies are *ProtocolError; operations wrap both in *OpError
// with the path. Passwords never appear in errors or in the transcript, and
// a server's text appears in both with its control characters escaped
// (Printable).
//
// The transcript carries commands and replies verbatim, and the engine's
// own remarks with an identity (TranscriptLine.Msg, a MsgID whose English
// template Text renders, and Args), so that a window can word them in its
// user's language while terminals and saved logs keep the English.
package ftpcore
