// Package listing parses the directory listings FTP servers send (LIST,
// MLSD, STAT) into Entry values: Unix, DOS/IIS, EPLF, VMS, MVS, OS/400,
// NetWare, OS/2 and MLSD formats, and those of rarer servers (z/VM, HP
// NonStop, VShell, Nortel routers, OS-9), detected line by line. Parse is
// a pure function: "now" and the server's time zone are passed in, it does
// no I/O, and lines no parser understood are returned, never dropped.
package listing
