package schema

import (
	"strings"
	"testing"
)

// TestUnescapeToken checks the decoding of reference tokens against the
// replacer it stands for, which Tokens and Last built once per token.
func TestUnescapeToken(t *testing.T) {
	r := strings.NewReplacer("~1", "/", "~0", "~")
	for _, tok := range []string{"", "a", "~", "~~", "~0", "~1", "~01", "~10", "a~1b~0c", "~2", "x~", "é~1é", "~~1~0~"} {
		if got, want := UnescapeToken(tok), r.Replace(tok); got != want {
			t.Errorf("UnescapeToken(%q) = %q, want %q", tok, got, want)
		}
		esc := string(AppendToken(nil, tok))
		if got, want := esc, strings.NewReplacer("~", "~0", "/", "~1").Replace(tok); got != want {
			t.Errorf("AppendToken(%q) = %q, want %q", tok, got, want)
		}
		if got := string(AppendToken(nil, []byte(tok))); got != esc {
			t.Errorf("AppendToken([]byte(%q)) = %q, want %q", tok, got, esc)
		}
		if got := UnescapeToken(esc); got != tok {
			t.Errorf("UnescapeToken(AppendToken(%q)) = %q", tok, got)
		}
	}
}
