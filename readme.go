// Package ferry holds what the app ships from the top of the source
// tree: the README, which Help ▸ Ferry's README shows.
package ferry

import _ "embed"

// README is the project's README.md, in Markdown. It is read-only data.
//
//go:embed README.md
var README []byte
