// Package secret reads credentials from the environment: NAME holds the
// value itself, or NAME_FILE holds a path to a file with it (the Docker and
// Kubernetes secrets convention). Values never appear in errors.
package secret

import (
	"fmt"
	"os"
	"strings"
)

// Lookup returns the credential named name and whether one is set. Setting
// both NAME and NAME_FILE is an error, as is an unreadable or empty file.
func Lookup(name string) (string, bool, error) {
	v, direct := os.LookupEnv(name)
	path, fromFile := os.LookupEnv(name + "_FILE")
	switch {
	case direct && fromFile:
		return "", false, fmt.Errorf("both %s and %s_FILE are set; set one", name, name)
	case direct:
		return strings.TrimSpace(v), strings.TrimSpace(v) != "", nil
	case fromFile:
		b, err := os.ReadFile(path)
		if err != nil {
			return "", false, fmt.Errorf("read %s_FILE: %w", name, err)
		}
		v = strings.TrimSpace(string(b))
		if v == "" {
			return "", false, fmt.Errorf("%s_FILE %s is empty", name, path)
		}
		return v, true, nil
	}
	return "", false, nil
}
