package profile

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultConfigDir returns the folder where Ferry keeps its sites, settings
// and secrets: os.UserConfigDir()/ferry. It is safe for concurrent use.
func DefaultConfigDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config folder: %w", err)
	}
	return filepath.Join(base, "ferry"), nil
}
