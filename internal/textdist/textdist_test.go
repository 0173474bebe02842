package textdist

import (
	"strings"
	"testing"
)

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"lint", "lint", 0}, {"lnt", "lint", 1}, {"lint", "lsp", 3}, {"kitten", "sitting", 3},
		{"", "abc", 3}, {"abc", "", 3}, {"contactId", "contactID", 1},
		// Past MaxLen the rest is ignored.
		{strings.Repeat("a", MaxLen) + "x", strings.Repeat("a", MaxLen) + "yyyy", 0},
	} {
		if got := Levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Levenshtein(tt.b, tt.a); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
