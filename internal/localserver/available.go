package localserver

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
)

// binDirs are searched after PATH: a non-root PATH often lacks /usr/sbin,
// where Debian puts ejabberdctl.
var binDirs = []string{"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"}

// lookBin finds a program in PATH or binDirs.
func lookBin(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, d := range binDirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found in PATH or %v", name, binDirs)
}

// requirements lists, per kind, the programs it needs and the system
// user it runs as when we are root.
var requirements = map[Kind]struct {
	bins []string
	user string
}{
	Prosody:        {bins: []string{"prosody", "prosodyctl"}, user: "prosody"},
	ProsodyMinimal: {bins: []string{"prosody", "prosodyctl"}, user: "prosody"},
	Ejabberd:       {bins: []string{"ejabberdctl", "erl"}, user: "ejabberd"},
}

// Available reports whether this machine can run a server of kind: its
// programs are installed (and, as root, its system user exists). If not,
// the reason says what is missing and how to get it.
func Available(kind Kind) (bool, string) {
	if err := platformSupport(); err != nil {
		return false, err.Error()
	}
	req, ok := requirements[kind]
	if !ok {
		return false, fmt.Sprintf("unknown server kind %q", kind)
	}
	for _, b := range req.bins {
		if _, err := lookBin(b); err != nil {
			return false, fmt.Sprintf("%v (install it: apt-get install %s)", err, kind)
		}
	}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup(req.user); err != nil {
			return false, fmt.Sprintf("system user %q is missing (reinstall the %s package)", req.user, kind)
		}
	} else if kind == Ejabberd {
		// ejabberdctl refuses anyone but root and its own user.
		if u, err := user.Current(); err != nil || u.Username != req.user {
			return false, "ejabberdctl runs only as root or as the ejabberd user"
		}
	}
	return true, ""
}

// Preferred is the order in which a server is picked when none is named:
// Prosody first, as it also runs without root (ejabberdctl does not).
var Preferred = []Kind{Prosody, Ejabberd}

// FirstAvailable returns the first kind of Preferred this machine can
// run, or an error that says, for each, why not.
func FirstAvailable() (Kind, error) { return firstAvailable(Preferred, Available) }

// firstAvailable is FirstAvailable over kinds, asking available.
func firstAvailable(kinds []Kind, available func(Kind) (bool, string)) (Kind, error) {
	var why []string
	for _, k := range kinds {
		ok, reason := available(k)
		if ok {
			return k, nil
		}
		why = append(why, fmt.Sprintf("%s: %s", k, reason))
	}
	return "", fmt.Errorf("localserver: no server can run here (%s)", strings.Join(why, "; "))
}
