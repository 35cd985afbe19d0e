package ui

import (
	"errors"

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
	go func() {
		defer sm.secretWork.Done()
		var err error
		for range maxMasterAttempts {
			if err = op(secrets); !errors.Is(err, profile.ErrWrongMasterPassword) {
				break
			}
		}
		sm.do(func() {
			if done != nil {
				done(err)
			}
		})
	}()
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
