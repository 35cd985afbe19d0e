package listing

// parseRare tries the formats of rare servers once every common format
// has refused the line: each has a shape distinctive enough to be
// recognised without a hint, and none of them accepts a line that a
// common format reads. Direct calls, not a table of functions: an
// indirect call would move every line's Entry to the heap.
func (p *listParser) parseRare(line string, e *Entry) lineResult {
	for step := 0; ; step++ {
		r := notMine
		switch step {
		case 0:
			r = p.parseUnixNumeric(line, e)
		case 1:
			r = p.parseConnectEnterprise(line, e)
		case 2:
			r = p.parseUnixDateless(line, e)
		case 3:
			r = p.parseVShell(line, e)
		case 4:
			r = p.parseWfFTP(line, e)
		case 5:
			r = p.parseVxWorks(line, e)
		case 6:
			r = p.parseOS9(line, e)
		case 7:
			r = p.parseZVM(line, e)
		case 8:
			r = p.parseHPNonStop(line, e)
		default:
			return notMine
		}
		if r != notMine {
			return r
		}
		*e = Entry{}
	}
}
