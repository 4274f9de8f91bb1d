// Command bare reads its standard input to the end and exits: the floor
// for timing a whole xepl process that starts, reads "quit" and leaves.
package main

import (
	"io"
	"os"
)

func main() {
	io.Copy(io.Discard, os.Stdin)
}
