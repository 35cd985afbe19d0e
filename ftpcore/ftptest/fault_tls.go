package ftptest

// RefuseTLS returns the Fault of a server, or of someone between it and
// the client, that answers AUTH TLS with "500 AUTH not understood": what
// a man in the middle stripping TLS does to a client set to "TLS if
// available".
func RefuseTLS() Fault {
	return Fault{Replies: map[string]string{"AUTH": "500 AUTH not understood"}}
}
