// Package profile holds what Ferry keeps for the user between runs: saved
// sites and their folders (SiteStore), passwords in the system keyring or
// an encrypted file (SecretStore), settings (SettingsStore), trusted
// server certificates (CertStore), and import and export of FileZilla's
// site manager. Every file is written atomically with a backup; a corrupt
// file is reported as a *CorruptFileError and never overwritten.
package profile
