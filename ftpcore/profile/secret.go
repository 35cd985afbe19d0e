package profile

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/zalando/go-keyring"
)

// ErrSecretNotFound is returned by SecretStore.Get when no secret is kept
// under the key.
var ErrSecretNotFound = errors.New("ferry: no saved password")

// SecretStore keeps the sites' passwords, keyed by site ID, out of the
// sites file. Implementations are safe for concurrent use. Their errors
// never contain a secret.
type SecretStore interface {
	// Get returns the secret kept under id, or an error matching
	// ErrSecretNotFound.
	Get(id string) (string, error)
	// Set keeps secret under id, replacing any previous one.
	Set(id, secret string) error
	// Delete forgets the secret under id; deleting a missing one is not an
	// error.
	Delete(id string) error
}

// KeyringBackend is the operating system's keyring as go-keyring exposes
// it; tests inject their own.
type KeyringBackend interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// SystemKeyring returns the OS keyring (Keychain, Windows Credential
// Manager, Secret Service over D-Bus). It is safe for concurrent use.
func SystemKeyring() KeyringBackend { return systemKeyring{} }

type systemKeyring struct{}

func (systemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (systemKeyring) Get(service, user string) (string, error) {
	s, err := keyring.Get(service, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrSecretNotFound
	}
	return s, err
}
func (systemKeyring) Delete(service, user string) error {
	err := keyring.Delete(service, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrSecretNotFound
	}
	return err
}

// KeyringService is the service name under which Ferry's secrets are kept
// in the OS keyring.
const KeyringService = "ferry"

// KeyringSecrets is a SecretStore in the OS keyring, one entry per site
// ("site:<id>" under the service "ferry"). It is safe for concurrent use.
type KeyringSecrets struct {
	backend KeyringBackend
}

// NewKeyringSecrets returns a store over backend; nil means SystemKeyring.
func NewKeyringSecrets(backend KeyringBackend) *KeyringSecrets {
	if backend == nil {
		backend = SystemKeyring()
	}
	return &KeyringSecrets{backend: backend}
}

func keyringUser(id string) string { return "site:" + id }

// Get returns the password of site id.
func (k *KeyringSecrets) Get(id string) (string, error) {
	s, err := k.backend.Get(KeyringService, keyringUser(id))
	if err != nil {
		return "", fmt.Errorf("keyring: read password of site %s: %w", id, err)
	}
	return s, nil
}

// Set keeps the password of site id.
func (k *KeyringSecrets) Set(id, secret string) error {
	if err := k.backend.Set(KeyringService, keyringUser(id), secret); err != nil {
		return fmt.Errorf("keyring: save password of site %s: %w", id, err)
	}
	return nil
}

// Delete forgets the password of site id.
func (k *KeyringSecrets) Delete(id string) error {
	err := k.backend.Delete(KeyringService, keyringUser(id))
	if err != nil && !errors.Is(err, ErrSecretNotFound) {
		return fmt.Errorf("keyring: delete password of site %s: %w", id, err)
	}
	return nil
}

// String describes the store without its contents.
func (k *KeyringSecrets) String() string { return "OS keyring" }

// GoString is String, so that %#v cannot reveal anything either.
func (k *KeyringSecrets) GoString() string { return k.String() }

// DefaultKeyringProbeTimeout bounds the keyring probe of OpenSecrets: a
// Secret Service that never answers must not hang start-up.
const DefaultKeyringProbeTimeout = 3 * time.Second

// SecretsOptions tune OpenSecretsWith.
type SecretsOptions struct {
	// Keyring is the keyring to probe; nil means SystemKeyring.
	Keyring KeyringBackend
	// NoKeyring skips the keyring and always uses the encrypted file (set
	// from FERRY_KEYRING=off by the CLI, and by tests).
	NoKeyring bool
	// ProbeTimeout bounds the probe; zero means DefaultKeyringProbeTimeout.
	ProbeTimeout time.Duration
	// Master supplies the master password of the encrypted file. It is
	// called only when a secret is first read or written, not when opening.
	Master func() (string, error)
}

// OpenSecrets returns the SecretStore for the config folder dir with the
// system keyring; see OpenSecretsWith.
func OpenSecrets(dir string, master func() (string, error)) (SecretStore, error) {
	return OpenSecretsWith(dir, SecretsOptions{Master: master})
}

// OpenSecretsWith chooses where passwords live. An existing secrets.bin
// wins, since the passwords already saved are there; otherwise the keyring
// is used when a probe (store, read back and delete a random entry) succeeds
// within the timeout; otherwise a new encrypted file under a master
// password. It never asks for the master password itself. It is safe for
// concurrent use.
func OpenSecretsWith(dir string, opt SecretsOptions) (SecretStore, error) {
	encrypted := NewEncryptedSecrets(dir, opt.Master)
	_, err := os.Stat(filepath.Join(dir, SecretsFileName))
	switch {
	case err == nil:
		return encrypted, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open secrets: %w", err)
	}
	if opt.NoKeyring {
		return encrypted, nil
	}
	backend := opt.Keyring
	if backend == nil {
		backend = SystemKeyring()
	}
	timeout := opt.ProbeTimeout
	if timeout <= 0 {
		timeout = DefaultKeyringProbeTimeout
	}
	if probeKeyring(backend, timeout) != nil {
		return encrypted, nil
	}
	return NewKeyringSecrets(backend), nil
}

// probeKeyring checks that the keyring stores and returns a value. A
// backend stuck past the timeout is left to finish on its own goroutine,
// which exits as soon as the backend returns.
func probeKeyring(backend KeyringBackend, timeout time.Duration) error {
	done := make(chan error, 1)
	go func() {
		user := "probe:" + rand.Text()
		const want = "ferry keyring probe"
		if err := backend.Set(KeyringService, user, want); err != nil {
			done <- err
			return
		}
		got, err := backend.Get(KeyringService, user)
		derr := backend.Delete(KeyringService, user)
		switch {
		case err != nil:
			done <- err
		case got != want:
			done <- errors.New("keyring returned a different value")
		default:
			done <- derr
		}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("keyring did not answer within %v", timeout)
	}
}
