// Package eventstest starts the Report Event emulator of package events
// inside a Go test, in the manner of net/http/httptest.
//
//	func TestCheckout(t *testing.T) {
//		srv := eventstest.NewServer(t, os.DirFS("schemas"))
//		_, err := srv.Client.Report(ctx, &events.ReportRequest{...})
//		...
//		if got := srv.Events(); len(got) != 1 { ... }
//	}
package eventstest

import (
	"io/fs"
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/events"
)

// Server is an emulator listening on a loopback port.
type Server struct {
	// URL is the base URL of the emulator, http://127.0.0.1:PORT.
	URL string
	// Client is a client of the emulator with the same registry and short
	// backoff delays (1 ms growing to 20 ms).
	Client *events.Client
	// Emulator is the handler, for FailNext and Reset.
	Emulator *events.Emulator
	// Registry holds the schemas the server was started with.
	Registry *events.Registry
}

// Options configure NewServerOptions.
type Options struct {
	// Emulator configures the emulator: its clock, faults and limits.
	Emulator events.EmulatorOptions
	// Client is the template of the ready client; its Registry and
	// BaseURL are set by the server.
	Client events.Options
	// Registry configures how the schemas are compiled.
	Registry events.RegistryOptions
}

// NewServer loads the *.json schemas of fsys (the trigger key is the file
// name without .json), starts an emulator of them on a loopback port and
// closes it when the test ends.
func NewServer(tb testing.TB, fsys fs.FS) *Server {
	tb.Helper()
	return NewServerOptions(tb, fsys, nil)
}

// NewServerOptions is NewServer with options.
func NewServerOptions(tb testing.TB, fsys fs.FS, o *Options) *Server {
	tb.Helper()
	if o == nil {
		o = &Options{}
	}
	reg, err := events.LoadFS(fsys, &o.Registry)
	if err != nil {
		tb.Fatalf("eventstest: loading the schemas: %v", err)
	}
	em, err := events.NewEmulator(reg, &o.Emulator)
	if err != nil {
		tb.Fatalf("eventstest: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("eventstest: %v", err)
	}
	hs := httptest.NewUnstartedServer(em)
	hs.Listener.Close()
	hs.Listener = ln
	hs.Start()
	tb.Cleanup(hs.Close)
	co := o.Client
	co.Registry, co.BaseURL = reg, hs.URL
	if co.HTTPClient == nil {
		co.HTTPClient = hs.Client()
	}
	if co.BaseDelay == 0 {
		co.BaseDelay = time.Millisecond
	}
	if co.MaxDelay == 0 {
		co.MaxDelay = 20 * time.Millisecond
	}
	c, err := events.New(co)
	if err != nil {
		tb.Fatalf("eventstest: %v", err)
	}
	return &Server{URL: hs.URL, Client: c, Emulator: em, Registry: reg}
}

// Events returns what the emulator recorded, oldest first.
func (s *Server) Events() []events.Record { return s.Emulator.Events() }

// Reported returns the records of the events reported (not ignored, not
// refused), oldest first.
func (s *Server) Reported() []events.Record {
	var out []events.Record
	for _, r := range s.Emulator.Events() {
		if r.Outcome == events.OutcomeReported {
			out = append(out, r)
		}
	}
	return out
}
