// Package ftptest runs in-process FTP servers for Ferry's tests, in the
// spirit of net/http/httptest. It imports only the standard library (and
// never ferry/ftpcore, whose tests use it).
//
// A Server listens on 127.0.0.1:0, serves each control connection on its
// own goroutine, and imitates vsftpd's replies (MLSD, MLST and MFMT as
// ProFTPD answers them):
//
//	srv := ftptest.NewServer(t, ftptest.WithUser("ferry", "secret"))
//	srv.FS().WriteFile("/pub/readme.txt", []byte("hello\n"), time.Time{})
//	// ... dial srv.Addr() with the client under test ...
//	data, _ := srv.FS().ReadFile("/pub/upload.bin")
//	got := srv.Commands() // "USER ferry", "PASS secret", "EPSV", ...
//
// NewServer registers Close with t.Cleanup; Close stops every goroutine
// the server started and waits for them, so tests may check for leaks.
//
// # Protocol
//
// Login with USER/PASS (and ACCT with WithAccount), anonymous login with
// WithAnonymous, FEAT (WithFeatures, WithoutFeatures), OPTS UTF8, PWD, CWD,
// CDUP, MKD, RMD, DELE, RNFR/RNTO, SIZE, MDTM, MFMT, SITE CHMOD, TYPE A and
// I (TYPE A converts LF to CRLF on download and CRLF to LF on upload), MODE
// S, STRU F, PASV, EPSV, PORT, EPRT, LIST, NLST, MLSD, MLST, RETR, STOR,
// APPE, STOU, REST, ABOR, STAT, explicit (AUTH TLS, PBSZ, PROT) and implicit
// TLS. Commands before login get 530, unknown ones 500. Each reply is one
// write, so a client never sees two replies interleaved. REST offsets count
// stored bytes, also in TYPE A; STOR after REST keeps the first offset
// bytes and writes after them.
//
// While a transfer runs the control connection is still read: ABOR (with
// or without the Telnet IP/Synch bytes before it) closes the data
// connection and gets 426 then 226 (see WithAbortStyle); other commands
// wait for the transfer to end.
//
// Active mode dials the address given in PORT or EPRT, so FXP works
// between two servers: PASV on one, PORT with that address on the other.
//
// # Faults
//
// Server.SetFault installs a Fault: reply delays, data throttling, data
// connections cut after N bytes (with 426 or a dropped control connection),
// a connection limit answered with 421, bounce protection for PORT,
// replacement replies for any command (a code, raw malformed bytes, or a
// Hook deciding per argument), a replacement greeting and replacement
// listings. Server.FailTransfers fails the next N transfers with
// a 4xx reply; Server.RejectLogins answers the next logins with 421. All of
// them may be changed while sessions run.
//
// # Observation
//
// Server.Commands and Server.Transcript return the command lines received
// (PASS arguments included: they are test data). Server.Stats counts
// control and data connections and data bytes each way, e.g. to check
// that an FXP copy moved no byte through the client.
package ftptest
