package repl

import (
	"os"
	"path/filepath"
	"strings"
)

// xdgFile is xepl's file name in the XDG base directory that env names
// ($XDG_CONFIG_HOME, $XDG_STATE_HOME, $XDG_CACHE_HOME): env/xepl/name,
// or, when env is unset or not absolute (as the specification says to
// ignore it), ~/fallback/xepl/name. "" when there is no home either.
func xdgFile(getenv func(string) string, env, fallback, name string) string {
	if dir := getenv(env); filepath.IsAbs(dir) {
		return filepath.Join(dir, "xepl", name)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, fallback, "xepl", name)
}

// expandHome reads ~/ as the home directory, as a shell would have.
func expandHome(name string, getenv func(string) string) string {
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		home := getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		return filepath.Join(home, rest)
	}
	return name
}
