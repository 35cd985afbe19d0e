package profile

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"golang.org/x/crypto/scrypt"

	"ferry/ftpcore/internal/atomicfile"
)

// Errors of the encrypted secret store, to be tested with errors.Is.
var (
	// ErrWrongMasterPassword is returned when the master password does not
	// open secrets.bin (the GCM tag does not verify). A damaged file is a
	// *CorruptFileError instead, found by the checksum that ends the file
	// before any password is asked; only a file of the first format, which
	// has none, still gives this error when damaged.
	ErrWrongMasterPassword = errors.New("ferry: wrong master password")
	// ErrNoMasterPassword is returned when a master password is needed and
	// none was supplied.
	ErrNoMasterPassword = errors.New("ferry: a master password is needed to read or save passwords")
)

// SecretsFileName is the name of the encrypted password file inside the
// config folder.
const SecretsFileName = "secrets.bin"

// secrets.bin layout: magic, version, scrypt log2(N), r, p, salt, nonce,
// then AES-256-GCM of a JSON object {id: secret}, with everything before
// the ciphertext as additional data so the header cannot be altered.
// Version 2 ends with the SHA-256 of everything before it: without the key
// the GCM tag cannot tell a damaged file from a wrong master password, and
// the user, told the password is wrong, would look for another one (or
// give up every password) while the backup may be sound. Version 1 files
// are read, and written again as version 2.
const (
	secretsMagic   = "FERRYSEC"
	secretsVersion = 2
	saltSize       = 16
	headerSize     = len(secretsMagic) + 4 + saltSize
	// defaultScryptLogN gives N = 2^15, r = 8, p = 1: about 32 MiB and a
	// few tens of milliseconds, once per unlock.
	defaultScryptLogN = 15
	scryptR           = 8
	scryptP           = 1
	// The costs a secrets.bin may ask for: what Ferry writes (and the
	// cheaper setting its tests use), up to 2^16 (64 MiB). Anything else
	// is a damaged or forged header, refused before scrypt runs.
	minScryptLogN = 10
	maxScryptLogN = 16
)

// EncryptedSecrets is a SecretStore in one file, secrets.bin, encrypted
// with AES-256-GCM under a key derived by scrypt from a master password the
// user chooses. The password is asked (through the master callback) at the
// first Get, Set or Delete that needs the file, then the derived key is
// kept in memory. It is safe for concurrent use.
type EncryptedSecrets struct {
	mu       sync.Mutex
	file     atomicfile.File
	master   func() (string, error)
	logN     uint8
	unlocked bool
	salt     []byte
	aead     cipher.AEAD
	secrets  map[string]string
}

// NewEncryptedSecrets returns the store of secrets.bin in dir without
// reading it.
func NewEncryptedSecrets(dir string, master func() (string, error)) *EncryptedSecrets {
	return &EncryptedSecrets{
		file:   atomicfile.New(filepath.Join(dir, SecretsFileName)),
		master: master,
		logN:   defaultScryptLogN,
	}
}

// Path returns the location of secrets.bin.
func (e *EncryptedSecrets) Path() string { return e.file.Path }

// String describes the store without its contents.
func (e *EncryptedSecrets) String() string { return "encrypted file " + e.file.Path }

// GoString is String, so that %#v cannot reveal anything either.
func (e *EncryptedSecrets) GoString() string { return e.String() }

// Get returns the password of site id. When secrets.bin does not exist yet
// it reports ErrSecretNotFound without asking for the master password.
func (e *EncryptedSecrets) Get(id string) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.unlock(false); err != nil {
		return "", err
	}
	s, ok := e.secrets[id]
	if !ok {
		return "", fmt.Errorf("password of site %s: %w", id, ErrSecretNotFound)
	}
	return s, nil
}

// Set keeps the password of site id and rewrites secrets.bin. The first
// Set creates the file under the master password supplied then.
func (e *EncryptedSecrets) Set(id, secret string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.unlock(true); err != nil {
		return err
	}
	prev, had := e.secrets[id]
	e.secrets[id] = secret
	if err := e.write(); err != nil {
		if had {
			e.secrets[id] = prev
		} else {
			delete(e.secrets, id)
		}
		return err
	}
	return nil
}

// Delete forgets the password of site id.
func (e *EncryptedSecrets) Delete(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.unlock(false); err != nil {
		return err
	}
	prev, had := e.secrets[id]
	if !had {
		return nil
	}
	delete(e.secrets, id)
	if err := e.write(); err != nil {
		e.secrets[id] = prev
		return err
	}
	return nil
}

// ChangeMasterPassword re-encrypts every secret under a new master
// password with a new salt. The store must open with the current one.
func (e *EncryptedSecrets) ChangeMasterPassword(newMaster string) error {
	if newMaster == "" {
		return ErrNoMasterPassword
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.unlock(true); err != nil {
		return err
	}
	oldSalt, oldAEAD := e.salt, e.aead
	if err := e.deriveNew(newMaster); err != nil {
		return err
	}
	if err := e.write(); err != nil {
		e.salt, e.aead = oldSalt, oldAEAD
		return err
	}
	return nil
}

// Reset moves an unreadable secrets.bin aside (its passwords are then
// lost to Ferry, but the file is kept) and returns where it went; the next
// Set starts a new file under a new master password.
func (e *EncryptedSecrets) Reset() (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unlocked, e.salt, e.aead, e.secrets = false, nil, nil, nil
	e.logN = max(e.logN, defaultScryptLogN)
	return e.file.Reset()
}

// unlock reads and decrypts secrets.bin once. With create set, a missing
// file starts an empty store under a new master password; without it, a
// missing file is an empty store that needs no password yet.
func (e *EncryptedSecrets) unlock(create bool) error {
	if e.unlocked {
		return nil
	}
	var data []byte
	exists, err := e.file.Load(func(b []byte) (err error) {
		data, err = parseSecretsFile(b)
		return err
	})
	if err != nil {
		return err
	}
	if !exists {
		if e.secrets == nil {
			e.secrets = map[string]string{}
		}
		if !create {
			return nil
		}
		master, err := e.askMaster()
		if err != nil {
			return err
		}
		if err := e.deriveNew(master); err != nil {
			return err
		}
		e.unlocked = true
		return nil
	}
	master, err := e.askMaster()
	if err != nil {
		return err
	}
	return e.open(data, master)
}

// parseSecretsFile checks what can be checked without the master
// password (magic, version, checksum, key-derivation costs) and returns
// the file without its checksum.
func parseSecretsFile(b []byte) ([]byte, error) {
	if len(b) < headerSize || string(b[:len(secretsMagic)]) != secretsMagic {
		return nil, errors.New("not a Ferry secrets file")
	}
	switch v := b[len(secretsMagic)]; v {
	case 1:
	case secretsVersion:
		n := len(b) - sha256.Size
		if n < headerSize || sha256.Sum256(b[:n]) != [sha256.Size]byte(b[n:]) {
			return nil, errors.New("the file is damaged (its checksum does not match its content)")
		}
		b = b[:n]
	default:
		return nil, fmt.Errorf("secrets format version %d is not one this Ferry reads", v)
	}
	if err := checkCost(b); err != nil {
		return nil, err
	}
	return b, nil
}

// RestoreBackup puts the previous version of an unreadable secrets.bin in
// its place (the damaged file is moved aside); the next operation asks
// for the master password of that version. The backup must pass the same
// checks as the file.
func (e *EncryptedSecrets) RestoreBackup() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unlocked, e.salt, e.aead, e.secrets = false, nil, nil, nil
	return e.file.RestoreBackup(func(b []byte) error {
		_, err := parseSecretsFile(b)
		return err
	})
}

func (e *EncryptedSecrets) askMaster() (string, error) {
	if e.master == nil {
		return "", ErrNoMasterPassword
	}
	m, err := e.master()
	if err != nil {
		return "", fmt.Errorf("master password: %w", err)
	}
	if m == "" {
		return "", ErrNoMasterPassword
	}
	return m, nil
}

func (e *EncryptedSecrets) open(data []byte, master string) error {
	p := len(secretsMagic)
	logN, r, par := data[p+1], int(data[p+2]), int(data[p+3])
	salt := data[p+4 : headerSize]
	aead, err := newSecretsAEAD(master, salt, logN, r, par)
	if err != nil {
		return err
	}
	rest := data[headerSize:]
	if len(rest) < aead.NonceSize() {
		return &atomicfile.CorruptError{Path: e.file.Path, Err: errors.New("truncated")}
	}
	plain, err := aead.Open(nil, rest[:aead.NonceSize()], rest[aead.NonceSize():], data[:headerSize])
	if err != nil {
		return ErrWrongMasterPassword
	}
	secrets := map[string]string{}
	if err := json.Unmarshal(plain, &secrets); err != nil {
		return &atomicfile.CorruptError{Path: e.file.Path, Err: errors.New("decrypted content is not a password list")}
	}
	e.salt, e.aead, e.secrets, e.logN, e.unlocked = bytes.Clone(salt), aead, secrets, logN, true
	return nil
}

// checkCost refuses a header whose scrypt parameters Ferry never writes:
// r and p are fixed, log2(N) is in a small range. Done while loading, so a
// damaged header is reported before the master password is asked and
// before a key derivation that could take minutes and gigabytes.
func checkCost(header []byte) error {
	p := len(secretsMagic)
	logN, r, par := header[p+1], header[p+2], header[p+3]
	if logN < minScryptLogN || logN > maxScryptLogN || r != scryptR || par != scryptP {
		return fmt.Errorf("key-derivation parameters N=2^%d r=%d p=%d are not ones Ferry writes", logN, r, par)
	}
	return nil
}

func (e *EncryptedSecrets) deriveNew(master string) error {
	salt := make([]byte, saltSize)
	rand.Read(salt)
	aead, err := newSecretsAEAD(master, salt, e.logN, scryptR, scryptP)
	if err != nil {
		return err
	}
	e.salt, e.aead = salt, aead
	return nil
}

func newSecretsAEAD(master string, salt []byte, logN uint8, r, p int) (cipher.AEAD, error) {
	key, err := scrypt.Key([]byte(master), salt, 1<<logN, r, p, 32)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	return cipher.NewGCM(block)
}

// write encrypts the secrets with a fresh nonce and saves them atomically.
func (e *EncryptedSecrets) write() error {
	plain, err := json.Marshal(e.secrets)
	if err != nil {
		return fmt.Errorf("encode secrets: %w", err)
	}
	header := make([]byte, 0, headerSize)
	header = append(header, secretsMagic...)
	header = append(header, secretsVersion, e.logN, scryptR, scryptP)
	header = append(header, e.salt...)
	nonce := make([]byte, e.aead.NonceSize())
	rand.Read(nonce)
	out := append(header, nonce...)
	out = e.aead.Seal(out, nonce, plain, header)
	clear(plain)
	sum := sha256.Sum256(out)
	return e.file.Save(append(out, sum[:]...))
}
