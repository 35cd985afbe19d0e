// Package glpreload loads Mesa's OpenGL driver on another thread while
// the program starts, on Linux; elsewhere it does nothing. Importing it
// is enough.
package glpreload
