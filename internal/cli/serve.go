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

	"github.com/triggerkit/triggerkit/events"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/validate"
)

const serveUsage = `Usage: triggerlint serve --schemas DIR [flags]

Serves an emulator of Wix's Report Event, Cancel Event, Bulk Report Event and
Bulk Cancel Event at Wix's paths (/automations/v1/events/report, ...), for
app tests and local development. Each *.json file under DIR is a trigger's
payload schema, linted first; its trigger key is the file name without .json.
Payloads are validated as Wix does, and a mismatch is answered 428
SCHEMA_VALIDATION_FAILED with every violation, its pointer and rule ID.

GET /_emulator/events lists what was reported, canceled and refused;
DELETE /_emulator/events forgets it all. Faults for testing retries: the
request headers X-Emulator-Fail: 503, X-Emulator-Retry-After: 2 and
X-Emulator-Latency: 250ms, POST /_emulator/faults {"status":503,"count":2},
or --fail-rate and --latency. SIGINT or SIGTERM shuts down gracefully.

Examples:
  triggerlint serve --schemas schemas/
  triggerlint serve --schemas schemas/ --addr 127.0.0.1:9000 --fail-rate 0.1

Flags:
`

// serveCommand runs the emulator until SIGINT or SIGTERM.
func serveCommand(args []string, env Env, ruleSet []*lint.Rule) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, env, ruleSet)
}

// serve runs the emulator until the context ends.
func serve(ctx context.Context, args []string, env Env, ruleSet []*lint.Rule) int {
	fset := newFlagSet("triggerlint serve", serveUsage, "", env)
	var (
		dir, addr     string
		public, quiet bool
		failRate      float64
		latency       time.Duration
		maxBody       int64
	)
	fset.StringVar(&dir, "schemas", "", "`directory` of payload schemas (*.json), required")
	fset.StringVar(&addr, "addr", "127.0.0.1:8089", "`address` to listen on; a loopback address unless --public")
	fset.BoolVar(&public, "public", false, "allow an address that is not loopback")
	fset.Float64Var(&failRate, "fail-rate", 0, "answer this `fraction` (0 to 1) of calls with 503")
	fset.DurationVar(&latency, "latency", 0, fmt.Sprintf("delay every call by this `duration`, at most %v", events.MaxLatency))
	fset.Int64Var(&maxBody, "max-body", events.DefaultMaxBody, "answer 413 to a request body over this many `bytes`")
	fset.BoolVar(&quiet, "quiet", false, "do not log each call on stderr")
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	usage := usageError("triggerlint", env)
	if fset.NArg() > 0 {
		return usage("serve takes no arguments, got %q (see 'triggerlint serve -h')", fset.Arg(0))
	}
	if dir == "" {
		return usage("missing --schemas DIR (see 'triggerlint serve -h')")
	}
	if maxBody <= 0 {
		return usage("--max-body %d, want more than 0", maxBody)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usage("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); !public && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return usage("--addr %q is not a loopback address; add --public to listen on it", addr)
	}
	if err := lint.Validate(ruleSet); err != nil {
		return usage("internal error: invalid rule set: %v", err)
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
		return ExitError
	}
	em, err := events.NewEmulator(reg, &events.EmulatorOptions{FailRate: failRate, Latency: latency, MaxBody: maxBody})
	if err != nil {
		var ce *events.ConfigError
		if errors.As(err, &ce) {
			return usage("--%s: %s", map[string]string{"FailRate": "fail-rate", "Latency": "latency"}[ce.Field], ce.Reason)
		}
		return usage("%v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return ExitError
	}
	keys := reg.TriggerKeys()
	noun := "triggers"
	if len(keys) == 1 {
		noun = "trigger"
	}
	fmt.Fprintf(env.Stderr, "triggerlint: serving %d %s %v on http://%s\n", len(keys), noun, keys, ln.Addr())
	var h http.Handler = em
	if !quiet {
		h = &callLog{next: em, w: env.Stderr}
	}
	if err := events.Serve(ctx, ln, h, events.ServerOptions{}); err != nil {
		fmt.Fprintf(env.Stderr, "triggerlint: %v\n", err)
		return ExitError
	}
	fmt.Fprintln(env.Stderr, "triggerlint: shut down")
	return ExitOK
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
