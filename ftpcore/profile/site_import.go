package profile

import (
	"fmt"
)

// AddImported adds every site of an import to the store, renaming those
// whose name is taken in their folder (with a warning saying so), and keeps
// their passwords in secrets. secrets may be nil when the import holds no
// password. Nothing is written to sites.json: the caller calls Save once
// the passwords are safe. It returns the stored sites and the renames.
func (st *SiteStore) AddImported(res ImportResult, secrets SecretStore) ([]Site, []ImportWarning, error) {
	var added []Site
	var renamed []ImportWarning
	for _, s := range res.Sites {
		pw, hasPW := res.Passwords[s.ID]
		stored, err := st.AddUnique(s)
		if err != nil {
			return added, renamed, fmt.Errorf("import %q: %w", s.Path(), err)
		}
		added = append(added, stored)
		if stored.Name != s.Name {
			renamed = append(renamed, ImportWarning{Site: s.Path(), Message: fmt.Sprintf("name taken, imported as %q", stored.Name)})
		}
		if !hasPW || !stored.NeedsPassword() {
			continue
		}
		if secrets == nil {
			return added, renamed, fmt.Errorf("import %q: %w", s.Path(), ErrNoMasterPassword)
		}
		if err := secrets.Set(stored.ID, pw); err != nil {
			return added, renamed, fmt.Errorf("import %q: %w", s.Path(), err)
		}
	}
	return added, renamed, nil
}

// ExportPasswords collects the saved passwords of sites from secrets, for
// ExportFileZilla. Sites without a saved password are left out.
func ExportPasswords(sites []Site, secrets SecretStore) (SitePasswords, error) {
	out := SitePasswords{}
	for _, s := range sites {
		if !s.NeedsPassword() {
			continue
		}
		pw, err := SitePassword(s, secrets, nil)
		if err != nil {
			return nil, fmt.Errorf("export %q: %w", s.Path(), err)
		}
		if pw != "" {
			out[s.ID] = pw
		}
	}
	return out, nil
}
