package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

// serveFlags are the flags of serve.
type serveFlags struct {
	dir, addr string
	public    bool
	failRate  float64
	latency   time.Duration
	maxBody   int64
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.dir, "schemas", "", "`directory` of payload schemas (*.json), required")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8089", "`address` to listen on; a loopback address unless --public")
	fs.BoolVar(&f.public, "public", false, "allow an address that is not loopback")
	fs.Float64Var(&f.failRate, "fail-rate", 0, "answer this `fraction` (0 to 1) of calls with 503")
	fs.DurationVar(&f.latency, "latency", 0, fmt.Sprintf("delay every call by this `duration`, at most %v", events.MaxLatency))
	fs.Int64Var(&f.maxBody, "max-body", events.DefaultMaxBody, "answer 413 to a request body over this many `bytes`")
}

// newServeCommand returns "serve": the emulator, until SIGINT or SIGTERM
// or the end of the command's context.
func newServeCommand(a *app) *cobra.Command {
	var flags serveFlags
	c := &cobra.Command{
		Use:   "serve --schemas DIR [flags]",
		Short: "emulate Wix's Report/Cancel Event APIs on 127.0.0.1:8089",
		Long: `Serves an emulator of Wix's Report Event, Cancel Event, Bulk Report Event and
Bulk Cancel Event at Wix's paths (/automations/v1/events/report, ...), for
app tests and local development. Each *.json file under DIR is a trigger's
payload schema, linted first; its trigger key is the file name without .json.
Payloads are validated as Wix does, and a mismatch is answered 428
SCHEMA_VALIDATION_FAILED with every violation, its pointer and rule ID.

GET /_emulator/events lists what was reported, canceled and refused;
DELETE /_emulator/events forgets it all. Faults for testing retries: the
request headers X-Emulator-Fail: 503, X-Emulator-Retry-After: 2 and
X-Emulator-Latency: 250ms, POST /_emulator/faults {"status":503,"count":2},
or --fail-rate and --latency. SIGINT or SIGTERM shuts down gracefully.`,
		Example: `  triggerlint serve --schemas events/testdata/schemas
  triggerlint serve --schemas events/testdata/schemas --addr 127.0.0.1:9000 --fail-rate 0.1`,
		Annotations: map[string]string{exitAnnotation: `  0  shut down on SIGINT or SIGTERM
  2  usage error, a schema that cannot be loaded, or an address in use`},
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			env, err := a.runEnv()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			code, err := serve(ctx, flags, env, a.ruleSet)
			if err != nil {
				return err
			}
			return exit(code)
		},
	}
	flags.register(c.Flags())
	return c
}

// serve runs the emulator until the context ends.
func serve(ctx context.Context, f serveFlags, env Env, ruleSet []*lint.Rule) (int, error) {
	dir, addr, public := f.dir, f.addr, f.public
	noLog := env.verbosity == quiet // -q: no line per call
	if dir == "" {
		return 0, usagef("missing --schemas DIR")
	}
	if f.maxBody <= 0 {
		return 0, usagef("--max-body %d, want more than 0", f.maxBody)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, usagef("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); !public && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return 0, usagef("--addr %q is not a loopback address; add --public to listen on it", addr)
	}
	if err := lint.Validate(ruleSet); err != nil {
		return 0, usagef("internal error: invalid rule set: %v", err)
	}
	reg, err := events.LoadDir(env.path(dir), &events.RegistryOptions{Rules: ruleSet})
	if err != nil {
		for _, e := range joined(err) {
			fmt.Fprintf(env.Stderr, "triggerlint: %v\n", e)
		}
		var se *validate.SchemaError
		if errors.As(err, &se) {
			fmt.Fprintf(env.Stderr, "triggerlint: run 'triggerlint lint %s' to see the findings\n", dir)
		}
		return ExitError, nil
	}
	em, err := events.NewEmulator(reg, &events.EmulatorOptions{FailRate: f.failRate, Latency: f.latency, MaxBody: f.maxBody})
	if err != nil {
		var ce *events.ConfigError
		if errors.As(err, &ce) {
			return 0, usagef("--%s: %s", map[string]string{"FailRate": "fail-rate", "Latency": "latency"}[ce.Field], ce.Reason)
		}
		return 0, usagef("%v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return ExitError, nil
	}
	keys := reg.TriggerKeys()
	noun := "triggers"
	if len(keys) == 1 {
		noun = "trigger"
	}
	fmt.Fprintf(env.Stderr, "triggerlint: serving %d %s %v on http://%s\n", len(keys), noun, keys, ln.Addr())
	var h http.Handler = em
	if !noLog {
		h = &callLog{next: em, w: env.Stderr}
	}
	if err := events.Serve(ctx, ln, h, events.ServerOptions{}); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return ExitError, nil
	}
	fmt.Fprintln(env.Stderr, "triggerlint: shut down")
	return ExitOK, nil
}

// callLog writes one line per call: method, path, status, duration.
type callLog struct {
	next http.Handler
	mu   sync.Mutex
	w    io.Writer
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (l *callLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	l.next.ServeHTTP(sw, r)
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "%s %q %d %v\n", r.Method, r.URL.Path, sw.status, time.Since(start).Round(time.Microsecond))
}
