// Package localserver starts throwaway Prosody and ejabberd servers on
// loopback, each in its own temporary directory with a self-signed
// certificate, open in-band registration, ad-hoc and XEP-0133 commands and
// an admin account. The tests use it, and so does xepl's --local flag.
package localserver
