package jsonscan_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triggerkit/triggerkit/generate"
	"github.com/triggerkit/triggerkit/internal/jsonscan"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// verdicts is what each reader of the module says of one input.
type verdicts struct {
	scan, parse, validate, generate, transform bool
	// generateWhy is the kind of generate's refusal, when it refuses.
	generateWhy schema.ErrorKind
	generateMsg string
}

// layers reads input with every parser of the module.
type layers struct {
	v  *validate.Validator
	tr *generate.Transformer
}

func newLayers(tb testing.TB) *layers {
	v, err := validate.New([]byte(`{}`), nil) // a schema that accepts any object
	if err != nil {
		tb.Fatal(err)
	}
	g := generate.New(generate.Options{})
	if err := g.Add([]byte(`{"a":1}`)); err != nil {
		tb.Fatal(err)
	}
	res, err := g.Schema()
	if err != nil {
		tb.Fatal(err)
	}
	tr, err := generate.NewTransformer(res.JSON)
	if err != nil {
		tb.Fatal(err)
	}
	return &layers{v: v, tr: tr}
}

func (l *layers) read(in []byte) verdicts {
	var out verdicts
	_, c := jsonscan.Valid(in)
	out.scan = c == jsonscan.OK
	_, err := schema.ParseValue("in.json", in)
	out.parse = err == nil
	out.validate = true
	for _, viol := range l.v.Validate(in).Violations {
		if viol.Rule == validate.RuleSyntax {
			out.validate = false
		}
	}
	err = generate.New(generate.Options{}).Add(in)
	out.generate = err == nil
	var se *generate.SyntaxError
	if errors.As(err, &se) {
		out.generateWhy, out.generateMsg = se.Kind, se.Msg
	}
	_, err = l.tr.Transform(in)
	out.transform = err == nil
	return out
}

// check fails unless every layer agrees with jsonscan. generate and
// Transform deliberately refuse more, and only in these cases, which are
// not syntax: a root that is not an object (a sample is an object), a
// duplicate key (it would become two properties), and objects nested so
// deep that their flattened names would cost more than linear space.
func check(t *testing.T, in []byte, v verdicts) {
	t.Helper()
	if v.parse != v.scan || v.validate != v.scan {
		t.Fatalf("%.60q: jsonscan %v, schema.ParseValue %v, validate %v", in, v.scan, v.parse, v.validate)
	}
	if v.transform != v.generate {
		t.Fatalf("%.60q: generate's Add %v, Transform %v", in, v.generate, v.transform)
	}
	if v.scan && !v.generate {
		deliberate := v.generateWhy == schema.ErrRootNotObject || v.generateWhy == schema.ErrDuplicateKey ||
			v.generateWhy == schema.ErrTooDeep && strings.HasPrefix(v.generateMsg, "objects nested ")
		if !deliberate {
			t.Fatalf("%.60q: jsonscan accepts, generate refuses: %s", in, v.generateMsg)
		}
		return
	}
	if v.generate != v.scan {
		t.Fatalf("%.60q: jsonscan %v, generate %v", in, v.scan, v.generate)
	}
}

func nest(open, close string, n int, inner string) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

// agreementCases are the table of TestParsersAgree and the seeds of
// FuzzParsersAgree.
var agreementCases = []struct {
	name string
	in   string
	want bool // jsonscan's verdict
}{
	{"object", `{"a": [1, "x", true, null, {"b": -1.5e3}]}`, true},
	{"objects MaxDepth", nest(`{"a":`, "}", jsonscan.MaxDepth, "1"), true},
	{"objects MaxDepth+1", nest(`{"a":`, "}", jsonscan.MaxDepth+1, "1"), false},
	{"arrays MaxDepth", nest("[", "]", jsonscan.MaxDepth, ""), true},
	{"arrays MaxDepth+1", nest("[", "]", jsonscan.MaxDepth+1, ""), false},
	{"arrays in an object MaxDepth", `{"a":` + nest("[", "]", jsonscan.MaxDepth-1, "") + "}", true},
	{"arrays in an object MaxDepth+1", `{"a":` + nest("[", "]", jsonscan.MaxDepth, "") + "}", false},
	{"objects 600 deep", nest(`{"a":`, "}", 600, "1"), true},
	{"invalid escape", `{"a":"\x"}`, false},
	{"escaped quote in single quotes", `{"a":"\'"}`, false},
	{"short unicode escape", `{"a":"\u12"}`, false},
	{"lone high surrogate", `{"a":"\ud800"}`, true},
	{"lone low surrogate", `{"a":"\udc00x"}`, true},
	{"surrogate pair", `{"a":"\ud83d\ude00"}`, true},
	{"surrogate as UTF-8", "{\"a\":\"\xed\xa0\x80\"}", false},
	{"control character", "{\"a\":\"\x01\"}", false},
	{"raw newline", "{\"a\":\"x\ny\"}", false},
	{"DEL", "{\"a\":\"\x7f\"}", true},
	{"leading zero", `{"a":01}`, false},
	{"dangling point", `{"a":1.}`, false},
	{"lone minus", `{"a":-}`, false},
	{"dangling exponent", `{"a":1e}`, false},
	{"plus", `{"a":+1}`, false},
	{"bare fraction", `{"a":.5}`, false},
	{"hex", `{"a":0x1}`, false},
	{"big exponent", `{"a":1e400}`, true},
	{"trailing garbage", `{"a":1} x`, false},
	{"two values", `{} {}`, false},
	{"trailing comma", `{"a":1,}`, false},
	{"comment", `{"a":1 /* c */}`, false},
	{"single quotes", `{'a':1}`, false},
	{"unquoted key", `{a:1}`, false},
	{"no-break space", "{\u00a0\"a\":1}", false},
	{"byte order mark", "\ufeff{}", false},
	{"empty", ``, false},
	{"white space only", " \t\r\n", false},
	{"invalid UTF-8 in a string", "{\"a\":\"\xff\"}", false},
	{"invalid UTF-8 in a key", "{\"\xc3\":1}", false},
	{"invalid UTF-8 outside", "{\"a\":1}\xff", false},
	{"literal case", `{"a":True}`, false},
	{"truncated literal", `{"a":nul}`, false},
	{"truncated string", `{"a":"b`, false},
	{"truncated object", `{"a":1`, false},
	{"duplicate key", `{"a":1,"a":2}`, true},
	{"root array", `[1,2]`, true},
	{"root string", `"x"`, true},
	{"root number", `-0.5e-3`, true},
	{"root null", `null`, true},
}

// TestParsersAgree checks that jsonscan, schema.ParseValue, validate and
// generate accept and refuse the same inputs, nesting limit included.
func TestParsersAgree(t *testing.T) {
	l := newLayers(t)
	for _, tt := range agreementCases {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			v := l.read(in)
			if v.scan != tt.want {
				t.Errorf("jsonscan says %v, want %v", v.scan, tt.want)
			}
			if ref := json.Valid(in) && utf8.Valid(in); ref != tt.want {
				t.Errorf("encoding/json says %v, want %v", ref, tt.want)
			}
			check(t, in, v)
		})
	}
}

// FuzzParsersAgree is TestParsersAgree for any input.
func FuzzParsersAgree(f *testing.F) {
	for _, tt := range agreementCases {
		if len(tt.in) < 1000 {
			f.Add([]byte(tt.in))
		}
	}
	l := newLayers(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		v := l.read(in)
		if ref := json.Valid(in) && utf8.Valid(in); ref != v.scan {
			t.Fatalf("%.60q: jsonscan %v, encoding/json %v", in, v.scan, ref)
		}
		check(t, in, v)
	})
}
