// Package repl is xepl's shell: one command table, a loop over a line
// source (readline on a terminal, a plain reader for scripts and tests), and
// a printer for everything shown. Interactive and scripted runs share all
// the code below the line source.
package repl
