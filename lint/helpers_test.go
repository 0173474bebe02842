package lint

import (
	"errors"
	"testing"

	"github.com/triggerkit/triggerkit/schema"
)

func mustLoad(t *testing.T, src string) *schema.Document {
	t.Helper()
	doc, err := schema.Load("x.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func asInternal(err error, target **InternalError) bool { return errors.As(err, target) }
