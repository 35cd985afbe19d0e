package ui

import (
	"errors"

	"fyne.io/fyne/v2"

	"ferry/ftpcore/profile"
)

// maxMasterAttempts is how often a secret operation asks again for a
// master password that turned out wrong before giving up.
const maxMasterAttempts = 3

// secretOp runs op on its own goroutine, since a keyring call can block and
// an encrypted store may stop to ask for the master password, and hands
// the outcome to done on the UI goroutine. A wrong master password is asked
// again (the store keeps asking until it is unlocked).
func (sm *siteManager) secretOp(op func(profile.SecretStore) error, done func(error)) {
	secrets := sm.opt.Secrets
	sm.secretWork.Add(1)
	sm.secretsBusy++
	go func() {
		defer sm.secretWork.Done()
		var err error
		for range maxMasterAttempts {
			if err = op(secrets); !errors.Is(err, profile.ErrWrongMasterPassword) {
				break
			}
		}
		sm.do(func() {
			sm.secretsBusy--
			if done != nil {
				done(err)
			}
			if sm.secretsBusy == 0 {
				then := sm.secretsThen
				sm.secretsThen = nil
				for _, f := range then {
					f()
				}
			}
		})
	}()
}

// afterSecrets runs f on the UI goroutine once no secret operation is
// under way (at once when none is): one may be asking for the master
// password. Call it on the UI goroutine.
func (sm *siteManager) afterSecrets(f func()) {
	if sm.secretsBusy == 0 {
		f()
		return
	}
	sm.secretsThen = append(sm.secretsThen, f)
}

// storePassword keeps (or, when empty, forgets) the password of s.
func (sm *siteManager) storePassword(s profile.Site, password string) {
	if sm.opt.Secrets == nil {
		return
	}
	sm.secretOp(func(st profile.SecretStore) error {
		if password == "" {
			return st.Delete(s.ID)
		}
		return st.Set(s.ID, password)
	}, sm.showError)
}

// forgetPasswords deletes the passwords of removed sites.
func (sm *siteManager) forgetPasswords(ids []string) {
	if sm.opt.Secrets == nil || len(ids) == 0 {
		return
	}
	sm.secretOp(func(st profile.SecretStore) error {
		var errs []error
		for _, id := range ids {
			errs = append(errs, st.Delete(id))
		}
		return errors.Join(errs...)
	}, sm.showError)
}

// copyPassword gives a duplicated site the password of its original.
func (sm *siteManager) copyPassword(fromID, toID string) {
	if sm.opt.Secrets == nil {
		return
	}
	sm.secretOp(func(st profile.SecretStore) error {
		pw, err := st.Get(fromID)
		if errors.Is(err, profile.ErrSecretNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return st.Set(toID, pw)
	}, sm.showError)
}

// recoverableSecrets is a password store kept in a file of Ferry's own
// (the encrypted one), which can put its backup back or start afresh.
type recoverableSecrets interface {
	Path() string
	RestoreBackup() error
	Reset() (string, error)
}

// offerSecretsRecovery puts a damaged password file to the user, as a
// damaged site list is (restore the backup, start afresh, or decide
// later), instead of a message that leaves them stuck; it reports whether
// err was that. A password file that could not be read is never a wrong
// master password: the user should not go looking for another one.
func offerSecretsRecovery(owner *modalOwner, win fyne.Window, secrets profile.SecretStore, err error) bool {
	var cerr *profile.CorruptFileError
	r, ok := secrets.(recoverableSecrets)
	if !ok || !errors.As(err, &cerr) || cerr.Path != r.Path() {
		return false
	}
	ShowCorruptFile(owner, win, cerr, r.RestoreBackup, r.Reset, nil)
	return true
}
