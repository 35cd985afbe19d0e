// Package localfs is the local disk seen through the same listing.Entry
// model as a server, so that either pane of the app can show either side:
// listing, stat, mkdir, rename, remove and copy, with errors as
// *ftpcore.OpError.
package localfs
