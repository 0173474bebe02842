package config

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/triggerkit/triggerkit/internal/records"
)

// Error is a mistake in a config file, at a line and column (1-based;
// columns count bytes).
type Error struct {
	File         string
	Line, Column int
	Msg          string // one lowercase line
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ErrorList is every mistake found in a config file, in position order.
// Its zero value is an empty list.
type ErrorList []*Error

// Error returns the errors one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// sort orders the list by position, keeping the order of errors at one
// position.
func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Column < l[j].Column
	})
}

// FindError is a folder that holds both .triggerlint.yaml and
// .triggerlint.yml, so that which one applies would be a guess.
type FindError struct {
	Dir string
}

func (e *FindError) Error() string {
	return fmt.Sprintf("%s holds both %s and %s; keep one", e.Dir, FileName, AltFileName)
}

// NotRegularError is a config file's name taken by something that is not
// a regular file, such as a folder: Find and Load refuse it rather than
// read it or pass over it to every default.
type NotRegularError struct {
	Name string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("config %s: not a regular file (%s)", e.Name, records.KindOf(e.Mode))
}
