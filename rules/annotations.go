package rules

import (
	"fmt"

	"github.com/triggerkit/triggerkit/findings"
	"github.com/triggerkit/triggerkit/lint"
	"github.com/triggerkit/triggerkit/schema"
)

// firstMarked returns the first property definition in document order that
// carries a keyword, found with get, or nil.
func firstMarked(d *schema.Document, get func(*schema.Schema) *schema.Member) *schema.Property {
	for _, p := range defined(d) {
		if get(p.Schema) != nil {
			return p
		}
	}
	return nil
}

func identityOf(s *schema.Schema) *schema.Member { return s.IdentityType }
func futureOf(s *schema.Schema) *schema.Member   { return s.FutureDate }

// rootRequires reports whether a 1st-level property is in the root's
// "required".
func rootRequires(d *schema.Document, p *schema.Property) bool {
	return d.Root != nil && d.Root.IsRequired(p.Name)
}

// reportBeyondFirst reports every property after the first that carries a
// keyword allowed on one property only.
func reportBeyondFirst(pass *lint.Pass, get func(*schema.Schema) *schema.Member, keyword string) {
	var first *schema.Property
	for _, p := range defined(pass.Doc) {
		m := get(p.Schema)
		switch {
		case m == nil:
		case first == nil:
			first = p
		default:
			pass.ReportKey(m, "a second property has %s (the first is %q); only one may", keyword, cut(first.Name, 60))
		}
	}
}

// reportNotRequired reports 1st-level properties carrying a keyword that
// are not in the root's "required"; role names them in the message.
func reportNotRequired(pass *lint.Pass, get func(*schema.Schema) *schema.Member, role string) {
	for _, p := range defined(pass.Doc) {
		if get(p.Schema) != nil && p.Level() == 1 && !rootRequires(pass.Doc, p) {
			d := lint.Diagnostic{Pointer: p.Value.Pointer(), Span: p.KeySpan,
				Message: fmt.Sprintf(`the %s property %q is not in the root "required"`, role, cut(p.Name, 60))}
			if f, ok := requireFix(pass, p.Name); ok {
				// A required futureDate is the spec's rule; a required
				// contact changes which payloads the app may send, so that
				// fix is applied only when the rule is named.
				f.Unsafe = role != "futureDate"
				d.Fixes = fixes(f)
			}
			pass.Report(d)
		}
	}
}

// requireFix returns the fix that lists a 1st-level property in the root
// "required": appended to the array, or a new "required" member after the
// root's last member. There is none when "required" is not an array.
func requireFix(pass *lint.Pass, name string) (findings.Fix, bool) {
	root := pass.Doc.Root
	msg := fmt.Sprintf(`add %q to the root "required"`, cut(name, 60))
	switch {
	case root.Required == nil:
		return appendMember(msg, pass.File().Src, root.Node, "required", "["+schema.Quote(name)+"]"), true
	case root.Required.Value.Kind == schema.Array:
		return appendElem(msg, pass.File().Src, root.Required.Value, name), true
	}
	return findings.Fix{}, false
}
