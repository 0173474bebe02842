package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triggerkit/triggerkit/rules"
)

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand starts `triggerlint serve` on 127.0.0.1, reports an
// event, and stops it by ending its context.
func TestServeCommand(t *testing.T) {
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		env := Env{Stdout: io.Discard, Stderr: &stderr, Getenv: os.Getenv}
		code <- executeContext(ctx, TriggerlintCommand(env, rules.All()),
			[]string{"serve", "--schemas", "../../events/testdata/schemas", "--addr", "127.0.0.1:0"}, env.Stderr)
	}()
	addrRE := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		cancel()
		t.Fatalf("no address in %q", stderr.String())
	}
	body, err := os.ReadFile("../../payloads/order-paid.json")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url+"/automations/v1/events/report", "application/json",
		strings.NewReader(`{"triggerKey":"order-paid","payload":`+string(body)+`}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("report: %d, want 200", resp.StatusCode)
	}
	cancel()
	if c := <-code; c != ExitOK {
		t.Errorf("exit %d, want 0; stderr %s", c, stderr.String())
	}
	out := stderr.String()
	for _, want := range []string{"serving 2 triggers [form-submitted order-paid]", `POST "/automations/v1/events/report" 200`, "shut down"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
}

// TestServeUsageErrors: bad flags end with exit 2 before anything listens.
func TestServeUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "missing --schemas"},
		{[]string{"--schemas", "x", "--addr", "0.0.0.0:8089"}, "not a loopback address"},
		{[]string{"--schemas", "x", "--addr", "nope"}, "--addr"},
		{[]string{"--schemas", "../../events/testdata/schemas", "--addr", "127.0.0.1:0", "--fail-rate", "2"}, "--fail-rate"},
		{[]string{"--schemas", "../../events/testdata/schemas", "--addr", "127.0.0.1:0", "--latency", "1m"}, "--latency"},
		{[]string{"--schemas", "does-not-exist"}, "does-not-exist"},
		{[]string{"--schemas", "../../examples"}, "lint errors"},
		{[]string{"--schemas", "x", "extra"}, `unexpected argument "extra"`},
	} {
		r := triggerlint(t, "", nil, false, append([]string{"serve"}, tc.args...)...)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}
