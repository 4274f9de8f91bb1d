// Command junitcheck checks a JUnit XML file that xepl test wrote: it
// parses, and holds the number of tests and failures expected.
//
//	go run ./.ci/junitcheck FILE TESTS FAILURES
package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: junitcheck FILE TESTS FAILURES")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var doc struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		fail("%s does not parse: %v", os.Args[1], err)
	}
	tests, _ := strconv.Atoi(os.Args[2])
	failures, _ := strconv.Atoi(os.Args[3])
	if len(doc.Suites) != 1 {
		fail("%d test suites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	failed := 0
	for _, c := range s.Cases {
		if c.Failure != nil {
			failed++
		}
	}
	if s.Tests != tests || len(s.Cases) != tests || s.Failures != failures || failed != failures {
		fail("%s: tests=%d (%d cases), failures=%d (%d failed cases); want %d and %d", os.Args[1], s.Tests, len(s.Cases), s.Failures, failed, tests, failures)
	}
	fmt.Printf("  %s: %d tests, %d failures, as expected\n", os.Args[1], tests, failures)
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "junitcheck: "+format+"\n", a...)
	os.Exit(1)
}
