package generate

import (
	"errors"
	"strings"
	"testing"
)

type typeNode struct {
	Name string    `json:"name"`
	Next *typeNode `json:"next"`
}

type typeLoopA struct {
	B []typeLoopB `json:"b"`
}

type typeLoopB struct {
	A map[string]*typeLoopA `json:"a"`
}

type typeChan struct {
	OrderID string   `json:"orderId"`
	Done    chan int `json:"done"`
}

type typeFunc struct {
	OrderID string `json:"orderId"`
	Inner   struct {
		Call func() `json:"call"`
	} `json:"inner"`
}

type typeComplex struct {
	Z complex128 `json:"z"`
}

type typeLeftOut struct {
	OrderID string        `json:"orderId"`
	Done    chan int      `json:"-"`
	Self    *typeLeftOut  `jsonschema:"-"`
	call    func()        // unexported: never read
	Parts   [2]typeSimple `json:"parts"`
	Again   typeSimple    `json:"again"`
}

type typeSimple struct {
	Amount string `json:"amount"`
}

// TestFromTypeRecursiveTypeError is the regression test of FromType on a
// type that holds itself, which recursed until the stack overflowed (a
// fatal error no caller can recover from), and on a field of a kind JSON
// has no value for, which panicked: each is a *TypeError naming the field.
func TestFromTypeRecursiveTypeError(t *testing.T) {
	for _, c := range []struct {
		v     any
		field string
	}{
		{&typeNode{}, "Next"},
		{typeLoopA{}, "B[].A[]"},
		{typeChan{}, "Done"},
		{&typeFunc{}, "Inner.Call"},
		{typeComplex{}, "Z"},
		{nil, ""},
	} {
		_, err := FromType(c.v, Options{})
		var te *TypeError
		if !errors.As(err, &te) {
			t.Errorf("FromType(%T): got %v, want a *TypeError", c.v, err)
			continue
		}
		if te.Field != c.field {
			t.Errorf("FromType(%T): field %q, want %q (%v)", c.v, te.Field, c.field, err)
		}
	}
}

// TestFromTypeLeftOutFields checks that the fields the reflector does not
// read (tagged "-", unexported) are not checked, and that one struct type
// used twice side by side is no loop.
func TestFromTypeLeftOutFields(t *testing.T) {
	res, err := FromType(&typeLeftOut{call: func() {}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"orderId"`, `"parts"`, `"again_amount"`} {
		if !strings.Contains(string(res.JSON), key) {
			t.Errorf("no %s in\n%s", key, res.JSON)
		}
	}
	for _, key := range []string{`"Done"`, `"done"`, `"Self"`, `"call"`} {
		if strings.Contains(string(res.JSON), key) {
			t.Errorf("%s, a field left out, in\n%s", key, res.JSON)
		}
	}
}
