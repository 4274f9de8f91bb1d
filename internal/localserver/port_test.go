package localserver

import (
	"context"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestPortsWithPinned: the pinned port comes first and is not given
// again, even when the free ports picked include it.
func TestPortsWithPinned(t *testing.T) {
	defer func() { pickPorts = freePorts }()
	for _, tc := range []struct {
		name   string
		free   []int
		pinned int
		want   []int
	}{
		{"none pinned", []int{7001, 7002, 7003}, 0, []int{7001, 7002, 7003}},
		{"pinned not among the free", []int{7001, 7002, 7003, 7004}, 5222, []int{5222, 7001, 7002, 7003}},
		{"pinned among the free", []int{7001, 5222, 7003, 7004}, 5222, []int{5222, 7001, 7003, 7004}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pickPorts = func(n int) ([]int, error) { return tc.free[:min(n, len(tc.free))], nil }
			got, err := portsWith(tc.pinned, len(tc.want))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("portsWith(%d, %d) = %v, want %v", tc.pinned, len(tc.want), got, tc.want)
			}
		})
	}
}

// TestStartOnPinnedPort: a server started on a pinned port listens
// there, and a second one asked for the same port is refused at once
// with the port named.
func TestStartOnPinnedPort(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(string(kind), func(t *testing.T) {
			requireAvailable(t, kind)
			ports, err := freePorts(1)
			if err != nil {
				t.Fatal(err)
			}
			s, err := StartOn(context.Background(), kind, ports[0])
			if err != nil {
				t.Fatal(err)
			}
			defer s.Stop()
			if s.Port != ports[0] || !strings.HasSuffix(s.Addr(), ":"+strconv.Itoa(ports[0])) {
				t.Errorf("started on %s (port %d), want port %d", s.Addr(), s.Port, ports[0])
			}
			c, err := net.Dial("tcp", s.Addr())
			if err != nil {
				t.Fatalf("nothing listens on the pinned port: %v", err)
			}
			c.Close()
			if _, err := StartOn(context.Background(), kind, ports[0]); err == nil || !strings.Contains(err.Error(), strconv.Itoa(ports[0])+" on 127.0.0.1 is taken") {
				t.Errorf("a second server on the same port: %v, want an error saying it is taken", err)
			}
		})
	}
}

// TestFirstAvailable: the first kind that can run is picked, in the
// order given; when none can, the error gives each one's reason, in
// that order.
func TestFirstAvailable(t *testing.T) {
	reasons := map[Kind]string{Prosody: "prosody not found", Ejabberd: "ejabberdctl runs only as root"}
	for _, tt := range []struct {
		name    string
		missing []Kind
		want    Kind
		wantErr string
	}{
		{"both", nil, Prosody, ""},
		{"no prosody", []Kind{Prosody}, Ejabberd, ""},
		{"no ejabberd", []Kind{Ejabberd}, Prosody, ""},
		{"neither", []Kind{Prosody, Ejabberd}, "", "localserver: no server can run here (prosody: prosody not found; ejabberd: ejabberdctl runs only as root)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			available := func(k Kind) (bool, string) {
				if slices.Contains(tt.missing, k) {
					return false, reasons[k]
				}
				return true, ""
			}
			k, err := firstAvailable(Preferred, available)
			if k != tt.want || (err == nil) != (tt.wantErr == "") || err != nil && err.Error() != tt.wantErr {
				t.Errorf("firstAvailable = %q, %v; want %q, %q", k, err, tt.want, tt.wantErr)
			}
		})
	}
	// On this machine: what FirstAvailable picks can run, and no kind
	// before it in Preferred can.
	k, err := FirstAvailable()
	if err != nil {
		requireAvailable(t, Prosody) // fails under CI, where a server must be installed
		t.Fatal(err)
	}
	for _, before := range Preferred[:slices.Index(Preferred, k)] {
		if ok, _ := Available(before); ok {
			t.Errorf("FirstAvailable() = %s, but %s, before it, can run", k, before)
		}
	}
	if ok, why := Available(k); !ok {
		t.Errorf("FirstAvailable() = %s, which cannot run: %s", k, why)
	}
}
