package ftptest

import "bufio"

// PipelineStyle is how a server treats commands that arrive together, the
// next one sent before the previous one was answered (pipelining). RFC 959
// servers read them in turn; some do not.
type PipelineStyle int

const (
	// PipelineInOrder serves commands that arrive together one after the
	// other, in order, as RFC 959 asks.
	PipelineInOrder PipelineStyle = iota
	// PipelineDiscard reads one command at a time and throws away what
	// arrived behind it in the same read, as servers that read the socket
	// once per command do: the later commands get no reply at all.
	PipelineDiscard
	// PipelineOutOfTurn answers two commands that arrive together in the
	// wrong order: the second first.
	PipelineOutOfTurn
	// PipelineClose answers the first of commands that arrive together and
	// then closes the control connection.
	PipelineClose
)

// early reads what a pipelining style makes of the command l when more
// bytes arrived behind it. It returns the commands to serve, in the order
// to serve them, and whether the connection ends after them.
func (c *session) early(br *bufio.Reader, l cmdLine) (serve []cmdLine, end bool) {
	if br.Buffered() == 0 {
		return []cmdLine{l}, false
	}
	switch c.srv.currentFault().Pipelined {
	case PipelineDiscard:
		_, _ = br.Discard(br.Buffered())
	case PipelineOutOfTurn:
		next, err := readCommandLine(br)
		if err != nil {
			return []cmdLine{l}, true
		}
		c.srv.record(c.id, next.line)
		if f := c.srv.currentFault().OnCommand; f != nil {
			f(next.verb, next.arg)
		}
		return []cmdLine{next, l}, false
	case PipelineClose:
		return []cmdLine{l}, true
	}
	return []cmdLine{l}, false
}
