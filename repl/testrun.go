package repl

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"xepl/internal/localserver"
)

// TestExt is the extension of the scripts xepl test finds in a
// directory.
const TestExt = ".xepl"

// testResult is how one script fared.
type testResult struct {
	file    string
	elapsed time.Duration
	failed  bool
	where   string // FILE:LINE of the failure, when the script said
	reason  string
	output  string // everything it printed, secrets masked as on screen
}

// RunTests is xepl test: it runs each script of paths (files, or the
// *.xepl files of directories, in name order) as a test, each in a shell
// of its own with the connection cfg says (every script starts as the
// command line would start it), prints a line per script and a summary,
// writes JUnit XML to junit when it is not empty, and returns the exit
// status: 0 when every script passed, 1 when one failed, 2 when there is
// nothing to run or a server could not start. With cfg.Local one
// throwaway server serves every script.
func RunTests(ctx context.Context, cfg Config, paths []string, junit string) int {
	out := cfg.Stdout
	files, err := testFiles(paths)
	if err != nil {
		fmt.Fprintln(cfg.Stderr, "xepl test:", err)
		return 2
	}
	if cfg.Local != "" {
		srv, opts, err := startShared(ctx, cfg.Local, cfg.LocalPort, out)
		if err != nil {
			fmt.Fprintln(cfg.Stderr, "xepl test:", err)
			return 2
		}
		defer srv.Stop()
		opts.As = cfg.Connect.As
		cfg.Local, cfg.Connect, cfg.Shared = "", opts, srv
	}
	var results []testResult
	began := time.Now()
	status := 0
	for _, f := range files {
		r, sig := runTest(ctx, cfg, f)
		results = append(results, r)
		if r.failed {
			status = 1
			fmt.Fprintf(out, "FAIL %s %s (%s)\n", r.where, r.reason, seconds(r.elapsed))
			fmt.Fprint(out, indent(r.output, "    "))
		} else {
			fmt.Fprintf(out, "ok   %s (%s)\n", r.file, seconds(r.elapsed))
		}
		if sig != 0 {
			fmt.Fprintf(out, "stopped by a signal after %s\n", r.file)
			status = sig
			break
		}
	}
	failed := 0
	for _, r := range results {
		if r.failed {
			failed++
		}
	}
	fmt.Fprintf(out, "%d passed, %d failed (%s)\n", len(results)-failed, failed, seconds(time.Since(began)))
	if junit != "" {
		if err := writeJUnit(junit, results, time.Since(began)); err != nil {
			fmt.Fprintln(cfg.Stderr, "xepl test:", err)
			return 2
		}
	}
	return status
}

// testFiles lists the scripts to run.
func testFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("which scripts? xepl test FILE... or DIR (its *" + TestExt + " files)")
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*"+TestExt))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s holds no *%s scripts", p, TestExt)
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return files, nil
}

// startShared starts the one throwaway server of a test run.
func startShared(ctx context.Context, kind string, port int, out io.Writer) (*localserver.Server, ConnectOptions, error) {
	k, err := localKind(kind)
	if err != nil {
		return nil, ConnectOptions{}, err
	}
	srv, admin, err := startThrowaway(ctx, k, port)
	if err != nil {
		return nil, ConnectOptions{}, err
	}
	fmt.Fprintf(out, "%s %s on %s for this run; each script starts as its admin %s\n", k, srv.Version, srv.Addr(), srv.AdminJID)
	return srv, admin, nil
}

// failureLine is the first error a script printed with its place.
var failureLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^(\S+:\d+(?::\d+)?): error: (.*)$`) })

// runTest runs one script; sig is the exit status of a signal that
// stopped it (0 when none did).
func runTest(ctx context.Context, cfg Config, file string) (r testResult, sig int) {
	r.file = file
	f, err := os.Open(file)
	if err != nil {
		r.failed, r.where, r.reason = true, file, err.Error()
		return r, 0
	}
	defer f.Close()
	var buf bytes.Buffer
	cfg.Input, cfg.ScriptName = f, file
	cfg.Interactive, cfg.Colour, cfg.HistoryFile = false, false, ""
	cfg.Stdout, cfg.Stderr = &buf, &buf
	start := time.Now()
	status := Run(ctx, cfg)
	r.elapsed = time.Since(start)
	r.output = buf.String()
	if status == 0 {
		return r, 0
	}
	r.failed = true
	if m := failureLine().FindStringSubmatch(r.output); m != nil {
		r.where, r.reason = m[1], m[2]
	} else {
		r.where, r.reason = file, fmt.Sprintf("exit status %d", status)
	}
	if status >= 128 {
		sig = status
	}
	return r, sig
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	if s == "" {
		return ""
	}
	lines := strings.SplitAfter(strings.TrimRight(s, "\n")+"\n", "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}

// JUnit XML, as CI systems read it: a suite, a test case per script.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(path string, results []testResult, total time.Duration) error {
	suite := junitSuite{Name: "xepl", Tests: len(results), Time: fmt.Sprintf("%.3f", total.Seconds())}
	for _, r := range results {
		c := junitCase{Name: r.file, Classname: "xepl", Time: fmt.Sprintf("%.3f", r.elapsed.Seconds())}
		if r.failed {
			suite.Failures++
			c.Failure = &junitFailure{Message: xmlSafe(r.where + ": " + r.reason), Text: xmlSafe(r.output)}
		}
		suite.Cases = append(suite.Cases, c)
	}
	b, err := xml.MarshalIndent(junitSuites{Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(xml.Header), append(b, '\n')...), 0o644)
}

// xmlSafe drops what XML 1.0 cannot carry at all (most C0 controls):
// the output was already made safe for a terminal, but a JUnit file must
// also parse.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}
