package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/rules"
)

func runValidate(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Triggerlint(append([]string{"validate"}, args...), Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut}, rules.All())
	return out.String(), errOut.String(), code
}

func TestValidateCommand(t *testing.T) {
	const schemaFile = "../../examples/order-paid.json"
	out, errOut, code := runValidate(t, "", "--schema", schemaFile, "../../payloads/order-paid.json", "../../payloads/order-paid.ndjson")
	want := `../../payloads/order-paid.ndjson:2:12: error: /orderId: "not-a-uuid" is not a valid uuid (TK9005)
../../payloads/order-paid.ndjson:3:1: error: missing required property "contactId" (TK9003)
../../payloads/order-paid.ndjson:3:538: warning: /Note: key "Note" is not in the schema, so automations cannot use it (TK9010)
3 findings (2 errors, 1 warning, 0 info) in 5 payloads from 2 files
`
	if out != want || code != ExitFindings || errOut != "" {
		t.Errorf("code %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	// JSON output streams the lint report document.
	out, _, code = runValidate(t, "", "--schema", schemaFile, "--format", "json", "../../payloads/order-paid.ndjson")
	var rep lint.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitFindings {
		t.Fatalf("code %d, %v:\n%s", code, err, out)
	}
	if len(rep.Findings) != 3 || rep.Findings[0].Line != 2 || rep.Findings[0].Pointer != "/orderId" || rep.Summary.Errors != 2 || rep.Findings[0].URL == "" {
		t.Errorf("report: %+v", rep)
	}
	out, _, _ = runValidate(t, "", "--schema", schemaFile, "--format", "json", "../../payloads/order-paid.json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Findings) != 0 {
		t.Errorf("empty report: %v\n%s", err, out)
	}

	// A request body, from standard input, and a multi-line document.
	body, _ := os.ReadFile("../../payloads/report-request.json")
	bad := strings.Replace(string(body), `"order_paid"`, `"Order Paid"`, 1)
	out, _, code = runValidate(t, bad, "--schema", schemaFile, "--request", "-")
	if code != ExitFindings || !strings.HasPrefix(out, `<stdin>:2:17: error: /triggerKey: triggerKey "Order Paid" has "O"`) {
		t.Errorf("request: code %d\n%s", code, out)
	}
	out, _, code = runValidate(t, string(body), "--schema", schemaFile, "--request", "--kind", "cancel", "-")
	if code != ExitOK || !strings.Contains(out, `a cancel request has no field "payload"`) {
		t.Errorf("--kind cancel: code %d\n%s", code, out)
	}

	// A payload that is not JSON is placed exactly.
	out, _, code = runValidate(t, "{\n  \"orderId\": \"x\",\n}\n", "--schema", schemaFile, "-")
	if code != ExitFindings || !strings.Contains(out, "<stdin>:3:1: error: invalid character '}', want a key in double quotes (TK9001)") {
		t.Errorf("syntax: code %d\n%s", code, out)
	}

	// Usage errors, an unreadable file and a schema with lint errors: 2.
	for _, args := range [][]string{
		{"x.json"},
		{"--schema", schemaFile},
		{"--schema", schemaFile, "--kind", "report", "x.json"},
		{"--schema", schemaFile, "--request", "--kind", "delete", "x.json"},
		{"--schema", schemaFile, "--format", "xml", "x.json"},
		{"--schema", "../../examples/appointment-booked.json", "../../payloads/order-paid.json"},
		{"--schema", schemaFile, "missing.json", "../../payloads/order-paid.json"},
	} {
		if _, errOut, code := runValidate(t, "", args...); code != ExitError || errOut == "" {
			t.Errorf("%v: code %d, stderr %q", args, code, errOut)
		}
	}
}

func TestValidateLongLines(t *testing.T) {
	dir := t.TempDir()
	payload, _ := os.ReadFile("../../payloads/order-paid.json")
	var compact bytes.Buffer
	json.Compact(&compact, payload)
	big := strings.Replace(compact.String(), `"paymentMethod":"card"`, `"paymentMethod":"card","pad":"`+strings.Repeat("x", 200000)+`"`, 1)
	var lines []string
	for i := 0; i < 50; i++ {
		lines = append(lines, compact.String(), big)
	}
	path := filepath.Join(dir, "events.jsonl")
	os.WriteFile(path, []byte(strings.Join(lines, "\r\n")), 0o644)
	out, errOut, code := runValidate(t, "", "--schema", "../../examples/order-paid.json", path)
	if code != ExitOK || strings.Count(out, "TK9010") != 50 || errOut != "" || !strings.Contains(out, "events.jsonl:100:") {
		t.Errorf("code %d\n%.300s\n%s", code, out, errOut)
	}
}
