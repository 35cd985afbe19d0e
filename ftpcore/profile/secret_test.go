package profile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func fixedMaster(pw string, calls *int) func() (string, error) {
	return func() (string, error) {
		if calls != nil {
			*calls++
		}
		return pw, nil
	}
}

// cheapSecrets is an EncryptedSecrets whose new files use the lowest scrypt
// cost the reader accepts, for tests about everything but the cost (which
// TestEncryptedSecrets covers at the real setting); under -race each
// derivation at the real cost takes most of a second.
func cheapSecrets(dir string, master func() (string, error)) *EncryptedSecrets {
	e := NewEncryptedSecrets(dir, master)
	e.logN = 10
	return e
}

func TestEncryptedSecrets(t *testing.T) {
	dir := t.TempDir()
	calls := 0
	e := NewEncryptedSecrets(dir, fixedMaster("master one", &calls))
	if _, err := e.Get("x"); !errors.Is(err, ErrSecretNotFound) {
		t.Fatalf("Get on no file = %v", err)
	}
	if calls != 0 {
		t.Error("master password asked before there was anything to open")
	}
	if err := e.Set("a", "s3cret-pw"); err != nil {
		t.Fatal(err)
	}
	if err := e.Set("b", "other €"); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("master password asked %d times, want once", calls)
	}
	data, err := os.ReadFile(e.Path())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "s3cret-pw") || strings.Contains(string(data), `"a"`) {
		t.Error("secrets.bin holds clear text")
	}

	reopened := NewEncryptedSecrets(dir, fixedMaster("master one", nil))
	if pw, err := reopened.Get("a"); err != nil || pw != "s3cret-pw" {
		t.Fatalf("Get after reopening = %q, %v", pw, err)
	}
	if err := reopened.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if err := reopened.Delete("never-there"); err != nil {
		t.Errorf("Delete of a missing secret = %v", err)
	}
	if _, err := NewEncryptedSecrets(dir, fixedMaster("master one", nil)).Get("a"); !errors.Is(err, ErrSecretNotFound) {
		t.Errorf("deleted secret still there: %v", err)
	}

	wrong := NewEncryptedSecrets(dir, fixedMaster("master two", nil))
	_, err = wrong.Get("b")
	if !errors.Is(err, ErrWrongMasterPassword) {
		t.Fatalf("Get with the wrong master password = %v", err)
	}
	if strings.Contains(err.Error(), "master two") {
		t.Error("error shows the master password")
	}
	if err := wrong.Set("c", "x"); !errors.Is(err, ErrWrongMasterPassword) {
		t.Errorf("Set with the wrong master password = %v", err)
	}
	after, _ := os.ReadFile(e.Path())
	if pw, err := NewEncryptedSecrets(dir, fixedMaster("master one", nil)).Get("b"); err != nil || pw != "other €" {
		t.Errorf("file damaged by a wrong password (%d bytes): %q, %v", len(after), pw, err)
	}
}

func TestEncryptedSecretsMasterPassword(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		master func() (string, error)
		want   error
	}{
		{"no callback", nil, ErrNoMasterPassword},
		{"empty", fixedMaster("", nil), ErrNoMasterPassword},
		{"cancelled", func() (string, error) { return "", errCancelled }, errCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := NewEncryptedSecrets(dir, tt.master).Set("a", "pw"); !errors.Is(err, tt.want) {
				t.Errorf("Set = %v, want %v", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, SecretsFileName)); !errors.Is(err, os.ErrNotExist) {
				t.Error("a file was written without a master password")
			}
		})
	}
}

var errCancelled = errors.New("user cancelled")

func TestEncryptedSecretsChangeMaster(t *testing.T) {
	dir := t.TempDir()
	e := cheapSecrets(dir, fixedMaster("old", nil))
	if err := e.Set("a", "pw-a"); err != nil {
		t.Fatal(err)
	}
	if err := e.ChangeMasterPassword("new"); err != nil {
		t.Fatal(err)
	}
	if _, err := NewEncryptedSecrets(dir, fixedMaster("old", nil)).Get("a"); !errors.Is(err, ErrWrongMasterPassword) {
		t.Errorf("old master still opens the file: %v", err)
	}
	if pw, err := NewEncryptedSecrets(dir, fixedMaster("new", nil)).Get("a"); err != nil || pw != "pw-a" {
		t.Errorf("new master: %q, %v", pw, err)
	}
}

func TestEncryptedSecretsDamagedFile(t *testing.T) {
	tests := []struct {
		name   string
		damage func([]byte) []byte
		want   error
	}{
		// A damaged file is told from a wrong password (the checksum), so
		// that the user is not sent looking for another password.
		{"flipped ciphertext bit", func(b []byte) []byte { b[len(b)-sha256.Size-1] ^= 1; return b }, ErrCorruptFile},
		{"flipped checksum bit", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }, ErrCorruptFile},
		{"altered header", func(b []byte) []byte { b[len(secretsMagic)+4] ^= 1; return b }, ErrCorruptFile},
		{"checksum made again", func(b []byte) []byte {
			b[len(secretsMagic)+4] ^= 1
			sum := sha256.Sum256(b[:len(b)-sha256.Size])
			return append(b[:len(b)-sha256.Size], sum[:]...)
		}, ErrWrongMasterPassword},
		{"not ours", func([]byte) []byte { return []byte("hello") }, ErrCorruptFile},
		{"future version", func(b []byte) []byte { b[len(secretsMagic)] = 9; return b }, ErrCorruptFile},
		{"absurd cost", func(b []byte) []byte { b[len(secretsMagic)+1] = 60; return b }, ErrCorruptFile},
		{"truncated", func(b []byte) []byte { return b[:headerSize+3] }, ErrCorruptFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e := cheapSecrets(dir, fixedMaster("m", nil))
			if err := e.Set("a", "pw"); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(e.Path())
			damaged := tt.damage(data)
			if err := os.WriteFile(e.Path(), damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			again := NewEncryptedSecrets(dir, fixedMaster("m", nil))
			if _, err := again.Get("a"); !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
			if err := again.Set("b", "x"); err == nil {
				t.Error("Set over a damaged file succeeded")
			}
			if got, _ := os.ReadFile(e.Path()); string(got) != string(damaged) {
				t.Error("the damaged file was overwritten")
			}
			if !errors.Is(tt.want, ErrCorruptFile) {
				return
			}
			moved, err := again.Reset()
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(moved); string(got) != string(damaged) {
				t.Error("Reset did not keep the damaged file")
			}
			again.logN = 10
			if err := again.Set("b", "x"); err != nil {
				t.Errorf("Set after Reset: %v", err)
			}
		})
	}
}

// TestEncryptedSecretsRestoreBackup: a damaged secrets.bin is reported
// with its backup, before any password is asked, and the backup can be put
// back: its passwords read again.
func TestEncryptedSecretsRestoreBackup(t *testing.T) {
	dir := t.TempDir()
	e := cheapSecrets(dir, fixedMaster("m", nil))
	for _, id := range []string{"a", "b"} { // the second save keeps the first as the backup
		if err := e.Set(id, "pw-"+id); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(e.Path())
	data[headerSize+20] ^= 1
	if err := os.WriteFile(e.Path(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	asked := 0
	again := NewEncryptedSecrets(dir, func() (string, error) { asked++; return "m", nil })
	_, err := again.Get("a")
	var cerr *CorruptFileError
	if !errors.As(err, &cerr) || cerr.Backup == "" || asked != 0 {
		t.Fatalf("Get = %v after %d password questions, want a damaged file with its backup and none", err, asked)
	}
	if err := again.RestoreBackup(); err != nil {
		t.Fatal(err)
	}
	if pw, err := again.Get("a"); err != nil || pw != "pw-a" {
		t.Errorf("after restoring the backup: %q, %v", pw, err)
	}
	if err := again.Set("c", "pw-c"); err != nil {
		t.Errorf("Set after restoring: %v", err)
	}
}

// TestEncryptedSecretsFirstFormat: a secrets.bin of the first format
// (no checksum) is read, and the next save writes the current one.
func TestEncryptedSecretsFirstFormat(t *testing.T) {
	dir := t.TempDir()
	salt := bytes.Repeat([]byte{7}, saltSize)
	aead, err := newSecretsAEAD("m", salt, 10, scryptR, scryptP)
	if err != nil {
		t.Fatal(err)
	}
	header := append([]byte(secretsMagic), 1, 10, scryptR, scryptP)
	header = append(header, salt...)
	nonce := make([]byte, aead.NonceSize())
	v1 := aead.Seal(append(bytes.Clone(header), nonce...), nonce, []byte(`{"a":"pw-a"}`), header)
	path := filepath.Join(dir, SecretsFileName)
	if err := os.WriteFile(path, v1, 0o600); err != nil {
		t.Fatal(err)
	}
	e := NewEncryptedSecrets(dir, fixedMaster("m", nil))
	if pw, err := e.Get("a"); err != nil || pw != "pw-a" {
		t.Fatalf("Get from a first-format file: %q, %v", pw, err)
	}
	if _, err := NewEncryptedSecrets(dir, fixedMaster("x", nil)).Get("a"); !errors.Is(err, ErrWrongMasterPassword) {
		t.Errorf("wrong master on a first-format file: %v", err)
	}
	if err := e.Set("b", "pw-b"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); data[len(secretsMagic)] != secretsVersion {
		t.Errorf("saved as version %d", data[len(secretsMagic)])
	}
	if pw, err := NewEncryptedSecrets(dir, fixedMaster("m", nil)).Get("a"); err != nil || pw != "pw-a" {
		t.Errorf("read back: %q, %v", pw, err)
	}
}

func TestEncryptedSecretsConcurrent(t *testing.T) {
	e := cheapSecrets(t.TempDir(), fixedMaster("m", nil))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			id := fmt.Sprint("site", i)
			if err := e.Set(id, "pw"+id); err != nil {
				t.Error(err)
				return
			}
			if pw, err := e.Get(id); err != nil || pw != "pw"+id {
				t.Errorf("Get(%s) = %q, %v", id, pw, err)
			}
		})
	}
	wg.Wait()
}

// fakeKeyring is an in-memory KeyringBackend; fail and block simulate a
// missing or hung Secret Service.
type fakeKeyring struct {
	mu    sync.Mutex
	items map[string]string
	fail  error
	block chan struct{}
}

func (f *fakeKeyring) wait() error {
	if f.block != nil {
		<-f.block
	}
	return f.fail
}

func (f *fakeKeyring) Set(service, user, secret string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items == nil {
		f.items = map[string]string{}
	}
	f.items[service+"/"+user] = secret
	return nil
}

func (f *fakeKeyring) Get(service, user string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.items[service+"/"+user]
	if !ok {
		return "", ErrSecretNotFound
	}
	return s, nil
}

func (f *fakeKeyring) Delete(service, user string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.items[service+"/"+user]; !ok {
		return ErrSecretNotFound
	}
	delete(f.items, service+"/"+user)
	return nil
}

func TestOpenSecrets(t *testing.T) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	tests := []struct {
		name          string
		keyring       *fakeKeyring
		noKeyring     bool
		existingFile  bool
		wantKeyring   bool
		maxProbeDelay time.Duration
	}{
		{name: "working keyring", keyring: &fakeKeyring{}, wantKeyring: true},
		{name: "no secret service", keyring: &fakeKeyring{fail: errors.New("dbus: no session bus")}},
		{name: "hung keyring", keyring: &fakeKeyring{block: block}, maxProbeDelay: 2 * time.Second},
		{name: "keyring disabled", keyring: &fakeKeyring{}, noKeyring: true},
		{name: "existing encrypted file wins", keyring: &fakeKeyring{}, existingFile: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.existingFile {
				if err := cheapSecrets(dir, fixedMaster("m", nil)).Set("old", "pw"); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			store, err := OpenSecretsWith(dir, SecretsOptions{
				Keyring: tt.keyring, NoKeyring: tt.noKeyring, ProbeTimeout: 100 * time.Millisecond,
				Master: fixedMaster("m", nil),
			})
			if err != nil {
				t.Fatal(err)
			}
			if tt.maxProbeDelay > 0 && time.Since(start) > tt.maxProbeDelay {
				t.Errorf("probe took %v", time.Since(start))
			}
			_, isKeyring := store.(*KeyringSecrets)
			if isKeyring != tt.wantKeyring {
				t.Fatalf("store = %v, want keyring %v", store, tt.wantKeyring)
			}
			if err := store.Set("site1", "s3cret-pw"); err != nil {
				t.Fatal(err)
			}
			if pw, err := store.Get("site1"); err != nil || pw != "s3cret-pw" {
				t.Errorf("Get = %q, %v", pw, err)
			}
			if err := store.Delete("site1"); err != nil {
				t.Fatal(err)
			}
			if _, err := store.Get("site1"); !errors.Is(err, ErrSecretNotFound) {
				t.Errorf("Get after Delete = %v", err)
			}
			if tt.wantKeyring && len(tt.keyring.items) != 0 {
				t.Errorf("keyring keeps %v after probe and delete", tt.keyring.items)
			}
			for _, f := range []string{"%v", "%+v", "%#v"} {
				if out := fmt.Sprintf(f, store); strings.Contains(out, "s3cret") {
					t.Errorf("%s shows a secret: %s", f, out)
				}
			}
		})
	}
}

// A flipped bit in any key-derivation parameter of the header is a corrupt
// file, found before the master password is asked or scrypt runs: a
// tampered header must not make the unlock cost gigabytes and minutes.
func TestEncryptedSecretsCostHeaderBitFlips(t *testing.T) {
	dir := t.TempDir()
	e := NewEncryptedSecrets(dir, fixedMaster("m", nil))
	e.logN = minScryptLogN
	if err := e.Set("a", "pw"); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(e.Path())
	if err != nil {
		t.Fatal(err)
	}
	for field := 1; field <= 3; field++ { // logN, r, p
		for bit := range 8 {
			b := bytes.Clone(good)
			b[len(secretsMagic)+field] ^= 1 << bit
			if field == 1 && b[len(secretsMagic)+1] >= minScryptLogN && b[len(secretsMagic)+1] <= maxScryptLogN {
				continue // still a cost Ferry writes: the AEAD catches it
			}
			t.Run(fmt.Sprintf("field%d-bit%d", field, bit), func(t *testing.T) {
				sub := t.TempDir()
				if err := os.WriteFile(filepath.Join(sub, SecretsFileName), b, 0o600); err != nil {
					t.Fatal(err)
				}
				asked := 0
				again := NewEncryptedSecrets(sub, fixedMaster("m", &asked))
				_, err := again.Get("a")
				if !errors.Is(err, ErrCorruptFile) {
					t.Fatalf("Get = %v, want a corrupt-file error", err)
				}
				if asked != 0 {
					t.Errorf("the master password was asked %d times for a corrupt header", asked)
				}
			})
		}
	}
}
