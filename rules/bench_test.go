package rules

import (
	"os"
	"strconv"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// BenchmarkParseAndLint parses a realistic 20-property schema and runs
// every default rule over it.
func BenchmarkParseAndLint(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/order-20.json")
	if err != nil {
		b.Fatal(err)
	}
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, _ := schema.Load("order-20.json", src)
		diags, err := lint.Run(doc, sel)
		if err != nil || len(diags) != 0 {
			b.Fatalf("%v %v", err, diags)
		}
	}
}

// BenchmarkParseAndLint8K parses and lints an 8.5 KB schema made by
// schemagen from a real pricing-plan order webhook, with its placeholder
// descriptions written out: 40 properties, an array of objects, formats,
// examples and a contact.
func BenchmarkParseAndLint8K(b *testing.B) {
	src, err := os.ReadFile("../testdata/schemas/plan-order-8k.json")
	if err != nil {
		b.Fatal(err)
	}
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, _ := schema.Load("plan-order-8k.json", src)
		diags, err := lint.Run(doc, sel)
		if err != nil || len(diags) != 0 {
			b.Fatalf("%v %v", err, diags)
		}
	}
}

// BenchmarkParseAndLintProperties parses and lints one schema of n
// required 1st-level properties with a root example, from 10 to 100,000:
// the cost per property (ns/prop) must stay flat.
func BenchmarkParseAndLintProperties(b *testing.B) {
	sel, err := lint.Select(All(), lint.SelectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 1000, 10000, 100000} {
		src := propertiesSchema(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				doc, _ := schema.Load("s.json", src)
				if _, err := lint.Run(doc, sel); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/prop")
		})
	}
}

// benchLinter is a Linter of every default rule, which keeps its parse and
// run memory from one input to the next.
func benchLinter(b *testing.B) *lint.Linter {
	l, err := lint.New(lint.Options{Rules: All()})
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkLinterBytes is BenchmarkParseAndLint through one Linter, which
// reuses the memory of each parse for the next: the path of a stream of
// files.
func BenchmarkLinterBytes(b *testing.B) {
	benchLinterBytes(b, "../testdata/schemas/order-20.json")
}

// BenchmarkLinterBytes8K is BenchmarkParseAndLint8K through one Linter.
func BenchmarkLinterBytes8K(b *testing.B) {
	benchLinterBytes(b, "../testdata/schemas/plan-order-8k.json")
}

func benchLinterBytes(b *testing.B, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	l := benchLinter(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := l.Bytes(path, src)
		if err != nil || len(res.Findings) != 0 {
			b.Fatalf("%v %v", err, res.Findings)
		}
	}
}

// BenchmarkLinterBytesProperties is BenchmarkParseAndLintProperties
// through one Linter: the cost per property (ns/prop) must stay flat.
func BenchmarkLinterBytesProperties(b *testing.B) {
	l := benchLinter(b)
	for _, n := range []int{10, 1000, 10000, 100000} {
		src := propertiesSchema(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Bytes("s.json", src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/prop")
		})
	}
}
