// Package doctor diagnoses one FTP server from where the user sits: a
// bounded, cancellable sequence of read-only probes (name resolution,
// connect, greeting, FEAT and SYST, TLS and the certificate, login, every
// kind of data connection, the listing and the server's clock, the
// connection limit, and FXP readiness against a second server when one is
// given) that ends in a Report. Only the optional write test changes
// anything (see Options.WriteDir): it uploads a tiny file, reads it back
// and deletes it, and the file's MDTM measures the server's clock. Each line of the report is green, amber or
// red, carries its evidence (the commands sent and the replies, the
// password masked) and, for anything not green, what to change and on
// which side.
//
// The probes drive their own control connections rather than a
// ftpcore.Session, so that every step (FEAT before login, the TLS
// handshake, each of EPSV, PASV, EPRT and PORT) can be observed and
// reported on its own; the parsers and formatters are ftpcore's.
// Every wait is bounded by Options.ProbeTimeout of silence (no byte, no
// reply), and cancelling the context stops the run at once.
//
// Messages carry a key, an English template and their arguments, so that
// a window can translate them (the keys are those of the translation
// files); Report.Text renders them in English.
package doctor
