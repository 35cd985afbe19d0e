// Package syncplan works out what synchronising two folder trees takes,
// before anything moves: the folders to create, the files to copy and in
// which direction, the entries to delete when asked, and the conflicts a
// program should not settle on its own. The two sides are anything that
// lists a folder (the local disk, a server); a plan is plain data that a
// window previews and a command line prints or runs through the transfer
// queue, so both agree on what a synchronisation does.
//
// Build walks both trees with the Lister it is given and reads nothing
// else; it is safe to call concurrently with different Listers.
package syncplan
