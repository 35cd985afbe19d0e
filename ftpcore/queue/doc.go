// Package queue is Ferry's transfer queue: jobs (downloads, uploads and
// server-to-server copies, folders expanded into files), a fixed number of
// workers, per-site session pools and connection limits, retries, the
// overwrite rules for a destination that exists, speed limits, coalesced
// events for a UI, and persistence of the jobs across restarts. It opens
// its own sessions through ftpcore and never borrows a browsing session.
package queue
