package events

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestBackoffFullJitterBounds(t *testing.T) {
	for _, r := range []float64{0, 0.5, 0.999999} {
		c := &Client{o: Options{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second, Rand: func() float64 { return r }}}
		for n, ceil := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 80: time.Second} {
			got := c.backoff(n)
			want := time.Duration(r * float64(ceil))
			if got != want {
				t.Errorf("backoff(%d) with rand %v: got %v, want %v", n, r, got, want)
			}
		}
	}
	c := &Client{o: Options{BaseDelay: time.Second, MaxDelay: time.Minute, Rand: func() float64 { return 7 }}}
	if got := c.backoff(3); got != 0 {
		t.Errorf("rand out of [0,1): got %v, want 0", got)
	}
}

func TestRetryAfterSecondsAndDate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"99999999999", 24 * time.Hour, true},
	} {
		got, ok := retryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q): got %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBoundedEvictsOldest(t *testing.T) {
	b := newBounded[int, int](3)
	for i := range 10 {
		b.put(i, i*10)
	}
	if b.len() != 3 || b.evicted != 7 {
		t.Fatalf("len %d evicted %d, want 3 and 7", b.len(), b.evicted)
	}
	for i := range 7 {
		if _, ok := b.get(i); ok {
			t.Errorf("key %d kept, want forgotten", i)
		}
	}
	// Putting the same key again renews it and keeps the order bounded.
	for range 1000 {
		b.put(7, 1)
	}
	if len(b.order) > 2*b.len()+64 {
		t.Errorf("order has %d slots for %d entries", len(b.order), b.len())
	}
	b.put(100, 1)
	if _, ok := b.get(8); ok {
		t.Errorf("key 8 kept after a put over the bound, want forgotten (7 was renewed)")
	}
	if _, ok := b.get(7); !ok {
		t.Errorf("renewed key 7 forgotten")
	}
}

func TestIdempotencyKeyCanonical(t *testing.T) {
	k := IdempotencyKey("order-paid", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", []byte(`{"a":1,"b":{"y":"<&>","x":[{"q":true}]}}`))
	if !strings.HasPrefix(k, "tk1-") || len(k) != 36 {
		t.Fatalf("key %q: want tk1- and 32 hex digits", k)
	}
	same := []string{
		`{"b":{"x":[{"q":true}],"y":"<&>"},"a":1}`,
		"{\n  \"a\": 1,\n  \"b\": {\"y\": \"\\u003c&>\", \"x\": [ {\"q\": true} ]}\n}",
	}
	for _, p := range same {
		if got := IdempotencyKey("order-paid", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", []byte(p)); got != k {
			t.Errorf("payload %s: got %s, want %s", p, got, k)
		}
	}
	differ := [][3]string{
		{"order-paid", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", `{"a":1.0,"b":{"y":"<&>","x":[{"q":true}]}}`},
		{"order-paid", "", `{"a":1,"b":{"y":"<&>","x":[{"q":true}]}}`},
		{"order-pai", "d3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", `{"a":1,"b":{"y":"<&>","x":[{"q":true}]}}`},
		{"form-submitted", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", `{"a":1,"b":{"y":"<&>","x":[{"q":true}]}}`},
	}
	for _, d := range differ {
		if got := IdempotencyKey(d[0], d[1], []byte(d[2])); got == k {
			t.Errorf("%q: same key as the original, want a different one", d)
		}
	}
	if IdempotencyKey("t", "", []byte(`{"a":`)) == IdempotencyKey("t", "", []byte(`{"a": `)) {
		t.Errorf("bytes that are not JSON: want them hashed as they are")
	}
}

func TestPointerField(t *testing.T) {
	for in, want := range map[string]string{
		"/triggerKey":                    "triggerKey",
		"/eventsInfo/3/externalEntityId": "eventsInfo[3].externalEntityId",
		"/externalEntityIds/0":           "externalEntityIds[0]",
		"":                               "",
	} {
		if got := pointerField(in); got != want {
			t.Errorf("pointerField(%q): got %q, want %q", in, got, want)
		}
	}
}
