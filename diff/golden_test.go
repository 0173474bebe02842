package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/triggerkit/triggerkit/lint/linttest"
	"github.com/triggerkit/triggerkit/schema"
	"github.com/triggerkit/triggerkit/validate"
)

// Each testdata/golden/*.txtar holds old.json, new.json and want: the
// changes, one per line as "side line:col ID class pointer: message", each
// followed by its example. go test -update rewrites want.
func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	linttest.Golden(t, "testdata/golden/*.txtar", func(t *testing.T, ar *txtar.Archive) []txtar.File {
		old, new := linttest.Section(t, ar, "old.json"), linttest.Section(t, ar, "new.json")
		od, nd := load(t, "old.json", old), load(t, "new.json", new)
		changes, err := Compare(od, nd)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			seen[c.Kind.ID] = true
			checkExample(t, od, nd, c)
		}
		return []txtar.File{{Name: "want", Data: []byte(render(od, nd, changes))}}
	})
	// The file-level kinds come from the command, which its own tests
	// cover; every other kind must have a golden case.
	for _, k := range Kinds() {
		if !seen[k.ID] && k.ID != SchemaAdded && k.ID != SchemaRemoved && k.ID != SchemaMoved {
			t.Errorf("no golden case shows %s %s", k.ID, k.Name)
		}
	}
}

// checkExample holds every example to what it claims, with validators
// compiled here, apart from the ones that made it.
func checkExample(t *testing.T, od, nd *schema.Document, c Change) {
	t.Helper()
	ex := c.Example
	if ex == nil {
		if c.Kind.Class == Breaking {
			t.Errorf("%s %s: breaking change without an example", c.Kind.ID, c.Message)
		}
		return
	}
	opts := &validate.Options{Now: func() time.Time { return exampleClock }}
	vo, err := validate.Compile(od, opts)
	if err != nil {
		t.Fatal(err)
	}
	vn, err := validate.Compile(nd, opts)
	if err != nil {
		t.Fatal(err)
	}
	okOld, okNew := vo.Validate(ex.Payload).Valid(), vn.Validate(ex.Payload).Valid()
	switch ex.Side {
	case SideApp:
		if !okOld || okNew || ex.Old != "accepted" || !strings.HasPrefix(ex.New, "refused: ") {
			t.Errorf("%s: app example %s: old valid %v, new valid %v; says %q / %q", c.Kind.ID, ex.Payload, okOld, okNew, ex.Old, ex.New)
		}
	case SideAutomations:
		if okOld || !okNew || ex.New != "accepted" || !strings.HasPrefix(ex.Old, "refused: ") {
			t.Errorf("%s: automations example %s: old valid %v, new valid %v; says %q / %q", c.Kind.ID, ex.Payload, okOld, okNew, ex.Old, ex.New)
		}
	case SideBehaviour:
		if !okNew || ex.Old == "" || ex.New == "" || ex.Old == ex.New {
			t.Errorf("%s: behaviour example %s: new valid %v; says %q / %q", c.Kind.ID, ex.Payload, okNew, ex.Old, ex.New)
		}
	default:
		t.Errorf("%s: example side %q", c.Kind.ID, ex.Side)
	}
}

func render(od, nd *schema.Document, changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		f := nd.File
		if c.Side == Old {
			f = od.File
		}
		pos := f.Position(c.Span.Start)
		ptr := string(c.Pointer)
		if ptr == "" {
			ptr = "/"
		}
		fmt.Fprintf(&b, "%s %d:%d %s %s %s: %s\n", c.Side, pos.Line, pos.Column, c.Kind.ID, c.Kind.Class, ptr, c.Message)
		if ex := c.Example; ex != nil {
			fmt.Fprintf(&b, "  example (%s): %s\n    old: %s\n    new: %s\n", ex.Side, ex.Payload, ex.Old, ex.New)
		}
	}
	if b.Len() == 0 {
		return "no changes\n"
	}
	return b.String()
}

func load(t *testing.T, name string, src []byte) *schema.Document {
	t.Helper()
	doc, err := schema.Load(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}
